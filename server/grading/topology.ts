/**
 * The sandbox's live network as a graph for GET /api/sessions/:id/topology:
 * nodes are the sandbox host's namespace, each named netns, each running
 * container and each bridge; links are veth pairs and bridge ports. Read in
 * one exec, the same World the probes use.
 */
import type { Topology, TopologyInterface, TopologyLink, TopologyNode } from '../protocol.ts';
import type { IpInterface } from './parsers.ts';
import { readWorld, EXEC_TIMEOUT_MS, type Exec } from './probes.ts';
import { allVethPairs } from './probes/veth.ts';
import { noNeeds } from './probes/world-read.ts';
import type { Namespace, World } from './probes/world.ts';

export type {
  Topology,
  TopologyEnd,
  TopologyInterface,
  TopologyLink,
  TopologyNode,
} from '../protocol.ts';

/** Reads the sandbox's network and returns it as nodes and links. */
export async function readTopology(exec: Exec): Promise<Topology> {
  return buildTopology(await readWorld(exec, noNeeds(), EXEC_TIMEOUT_MS));
}

/** Builds the graph from a World (pure; unit-tested on recorded worlds). */
export function buildTopology(world: World): Topology {
  const nodes: TopologyNode[] = [];
  const links: TopologyLink[] = [];
  for (const ns of world.namespaces) {
    const bridges = bridgeNames(world, ns);
    nodes.push(namespaceNode(world, ns, bridges));
    for (const name of bridges) nodes.push(bridgeNode(world, ns, name));
    for (const iface of ns.interfaces ?? []) {
      if (iface.master === null || !bridges.has(iface.master)) continue;
      links.push({
        id: `port:${nodeId(ns)}/${iface.name}`,
        kind: 'bridge-port',
        from: { node: nodeId(ns), interface: iface.name },
        to: { node: bridgeId(ns, iface.master), interface: null },
      });
    }
  }
  nodes.push(...sharingContainers(world));
  for (const [a, b] of allVethPairs(world)) {
    const ends = [a, b].map((e) => ({ node: nodeId(e.ns), interface: e.iface.name }));
    const [x, y] = ends.sort((p, q) =>
      `${p.node}/${p.interface}`.localeCompare(`${q.node}/${q.interface}`),
    );
    if (x && y) links.push({ id: `veth:${x.node}/${x.interface}`, kind: 'veth', from: x, to: y });
  }
  return { nodes, links };
}

function nodeId(ns: Namespace): string {
  return ns.kind === 'host' ? 'host' : `${ns.kind}:${ns.name}`;
}

function bridgeId(ns: Namespace, name: string): string {
  return `bridge:${nodeId(ns)}/${name}`;
}

/** Interfaces that are bridges: masters of others, and Docker's bridges in the host namespace. */
function bridgeNames(world: World, ns: Namespace): Set<string> {
  const names = new Set<string>();
  const present = new Set((ns.interfaces ?? []).map((i) => i.name));
  for (const iface of ns.interfaces ?? []) if (iface.master) names.add(iface.master);
  if (ns.kind === 'host')
    for (const n of world.networks)
      if (n.bridgeName && present.has(n.bridgeName)) names.add(n.bridgeName);
  return new Set([...names].filter((name) => present.has(name)));
}

function toInterface(iface: IpInterface): TopologyInterface {
  return {
    name: iface.name,
    mac: iface.mac,
    addresses: iface.addresses.filter((a) => a.family === 'inet').map((a) => a.cidr),
    state: iface.state,
  };
}

function namespaceNode(world: World, ns: Namespace, bridges: Set<string>): TopologyNode {
  const container =
    ns.kind === 'container' ? world.containers.find((c) => c.name === ns.name) : undefined;
  return {
    id: nodeId(ns),
    kind: ns.kind,
    name: ns.name,
    parent: null,
    networks: container ? Object.keys(container.networks) : [],
    interfaces: (ns.interfaces ?? [])
      .filter((i) => i.linkType !== 'loopback' && !bridges.has(i.name))
      .map(toInterface),
    image: container?.image ?? null,
    sharesWith: null,
  };
}

function bridgeNode(world: World, ns: Namespace, name: string): TopologyNode {
  const own = (ns.interfaces ?? []).find((i) => i.name === name);
  const networks =
    ns.kind === 'host'
      ? world.networks.filter((n) => n.bridgeName === name).map((n) => n.name)
      : [];
  return {
    id: bridgeId(ns, name),
    kind: 'bridge',
    name,
    parent: nodeId(ns),
    networks,
    interfaces: own ? [toInterface(own)] : [],
    image: null,
    sharesWith: null,
  };
}

/** Running containers on `--network host` or another container's network: no namespace of their own. */
function sharingContainers(world: World): TopologyNode[] {
  return world.containers
    .filter((c) => c.running && /^(host|container:)/.test(c.networkMode ?? ''))
    .map((c) => {
      const mode = c.networkMode ?? '';
      const other = world.containers.find(
        (o) => mode.startsWith('container:') && o.id.startsWith(mode.slice(10)),
      );
      return {
        id: `container:${c.name}`,
        kind: 'container' as const,
        name: c.name,
        parent: null,
        networks: Object.keys(c.networks),
        interfaces: [],
        image: c.image,
        sharesWith: mode === 'host' ? 'host' : other ? `container:${other.name}` : null,
      };
    });
}
