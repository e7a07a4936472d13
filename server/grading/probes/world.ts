/**
 * The sandbox as one check run sees it: containers, networks, every network
 * namespace's interfaces, and the routes, iptables rules and command log the
 * checks asked for. Read once per run (world-read.ts), then every probe looks
 * things up here, so no probe runs its own command for passive state.
 */
import type { EvidenceLog, RawEvidence } from '../evidence.ts';
import type { DockerContainer, DockerNetwork, IpInterface, IpRoute, Listener } from '../parsers.ts';
import type { IptablesRuleset } from '../parsers.ts';
import { t, type Text } from './text.ts';

/** A network namespace: the sandbox host's, a named netns, or a container's. */
export interface Namespace {
  /** "host", the netns name, or the container name. */
  name: string;
  kind: 'host' | 'netns' | 'container';
  /** What the batch's `in_ns` takes: "host", the netns name, or "pid:1234". */
  handle: string;
  /** Null when `ip addr` could not be read there; `error` says why. */
  interfaces: IpInterface[] | null;
  error: string | null;
}

/** What docker inspect says that the shared parser does not keep. */
export interface ContainerExtra {
  /** Unix seconds; null when never started. */
  startedAt: number | null;
  exitCode: number | null;
}

/** An image in the engine's store. */
export interface DockerImage {
  /** "sha256:…" */
  id: string;
  /** "busybox:latest", as the engine lists them. */
  tags: string[];
}

/** A reading that may have failed, with the reason in words. */
export type Reading<T> = { ok: true; value: T } | { ok: false; error: string };

export interface World {
  containers: DockerContainer[];
  extras: Map<string, ContainerExtra>;
  networks: DockerNetwork[];
  /** Named network namespaces (`ip netns list`). */
  netns: string[];
  namespaces: Namespace[];
  /** Other names of a listed namespace (a container's namespace attached with `ip netns attach`). */
  aliases: Map<string, string>;
  /** `ip route` by namespace name, for the namespaces the checks asked about. */
  routes: Map<string, Reading<IpRoute[]>>;
  /** `iptables-save` by namespace name, for the namespaces the checks asked about. */
  iptables: Map<string, Reading<IptablesRuleset>>;
  /** What this read brought of the reader's actions (to add to the session's evidence). */
  evidenceRead: RawEvidence | null;
  /** The session's evidence, this read included; null when no check asked for it. */
  evidence: EvidenceLog | null;
  /** The engine's images, when a check asked about an image. */
  images: DockerImage[] | null;
  /** Listening TCP sockets by namespace name, for the namespaces the checks asked about. */
  listeners: Map<string, Reading<Listener[]>>;
  /** pid → its pid namespace's inode, to tell which container holds a socket. */
  pidNamespaces: Map<number, string>;
  /** A container's last log lines, by name, for the containers the checks asked about. */
  logs: Map<string, Reading<string>>;
  /** A package's state in a container ("container/package/binary" → what extras.ts printed). */
  packages: Map<string, Reading<string>>;
  /** False when the sandbox did not answer in full (exec failed, killed or timed out). */
  complete: boolean;
  /** What went wrong while reading (engine down, batch killed); empty when all is well. */
  problems: string[];
}

/** A namespace found by name, or why there is none. */
export type NsLookup = { ok: true; ns: Namespace } | { ok: false; why: Text };

/** Finds a namespace by the name a lab uses: "host", a netns, or a container. */
export function findNamespace(world: World, name: string): NsLookup {
  const alias = world.aliases.get(name);
  const direct = world.namespaces.find(
    (ns) =>
      ns.name === (alias ?? name) &&
      (alias !== undefined || ns.kind !== 'container' || !world.netns.includes(name)),
  );
  if (direct) return { ok: true, ns: direct };
  const container = findContainer(world, name);
  if (!container)
    return {
      ok: false,
      why: t(
        `there is no container or network namespace named ${name}`,
        `没有名为 ${name} 的容器或网络命名空间`,
      ),
    };
  if (!container.running)
    return { ok: false, why: t(`${name} is not running`, `${name} 没有在运行`) };
  const mode = container.networkMode ?? '';
  if (mode === 'host') return found(world, 'host');
  if (mode.startsWith('container:')) {
    const other = world.containers.find((c) => c.id.startsWith(mode.slice('container:'.length)));
    if (other) return findNamespace(world, other.name);
  }
  return {
    ok: false,
    why: t(`the network of ${name} could not be read`, `无法读取 ${name} 的网络`),
  };
}

function found(world: World, name: string): NsLookup {
  const ns = world.namespaces.find((n) => n.name === name);
  return ns
    ? { ok: true, ns }
    : { ok: false, why: t(`${name} could not be read`, `无法读取 ${name}`) };
}

/** A container by name (a leading slash or an id prefix of 12+ characters also work). */
export function findContainer(world: World, name: string): DockerContainer | undefined {
  const bare = name.replace(/^\//, '');
  return world.containers.find(
    (c) => c.name === bare || (bare.length >= 12 && c.id.startsWith(bare)),
  );
}

/** A network by name (or id prefix). */
export function findNetwork(world: World, name: string): DockerNetwork | undefined {
  return world.networks.find(
    (n) => n.name === name || (name.length >= 12 && n.id.startsWith(name)),
  );
}

/** The interface of a namespace by name, or why it cannot be had. */
export function findInterface(
  world: World,
  nsName: string,
  ifname: string,
): { ok: true; ns: Namespace; iface: IpInterface } | { ok: false; why: Text } {
  const lookup = findNamespace(world, nsName);
  if (!lookup.ok) return lookup;
  const { ns } = lookup;
  if (!ns.interfaces)
    return {
      ok: false,
      why: t(
        `ip addr could not be read in ${nsName}: ${ns.error ?? 'no output'}`,
        `无法在 ${nsName} 中读取 ip addr：${ns.error ?? '没有输出'}`,
      ),
    };
  const iface = ns.interfaces.find((i) => i.name === ifname);
  if (!iface)
    return {
      ok: false,
      why: t(
        `${nsName} has no interface ${ifname} (it has ${names(ns)})`,
        `${nsName} 中没有接口 ${ifname}（现有：${names(ns)}）`,
      ),
    };
  return { ok: true, ns, iface };
}

function names(ns: Namespace): string {
  return (ns.interfaces ?? []).map((i) => i.name).join(', ') || '-';
}
