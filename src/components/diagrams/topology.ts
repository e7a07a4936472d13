/**
 * A network topology as data: hosts, namespaces, containers, bridges (and
 * iptables chains, for rule diagrams) placed on a grid, joined by links.
 * Topology.astro draws it; nothing here depends on Astro, so browser code can
 * build one from a live sandbox (GET /api/sessions/:id/topology) as well.
 */

import type { Generation } from '../../../server/generations.ts';

export type Locale = 'en' | 'zh-cn';

/** Text in one language for every reader, or in each site language. */
export type Text = string | { readonly en: string; readonly 'zh-cn': string };

export type NodeKind =
  'host' | 'namespace' | 'container' | 'pod' | 'bridge' | 'chain' | 'proxy' | 'client';

export interface TopologyInterface {
  /** Example: `eth0@if4` */
  readonly name: string;
  /** Example: `172.17.0.2/16` */
  readonly address?: string;
  /** Example: `02:42:ac:11:00:02` */
  readonly mac?: string;
}

export interface TopologyNode {
  /** Unique in the topology; links refer to it. Example: `busybox1` */
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: Text;
  /** Grid column and row, from 0; a cell holds one node. */
  readonly col: number;
  readonly row: number;
  readonly interfaces?: readonly TopologyInterface[];
  /** More lines under the interfaces: the rules of a chain, a short note. */
  readonly lines?: readonly Text[];
}

/**
 * `veth`: the two ends of a veth pair; `bridge-port`: an interface enslaved to
 * a bridge; `route`: a routing-table hop; `jump`: an iptables jump; `flow`: the
 * path a packet takes (drawn in the accent colour); `control`: one program
 * calling or watching another (an API, not a packet path).
 */
export type LinkKind = 'veth' | 'bridge-port' | 'route' | 'jump' | 'flow' | 'control';

export interface TopologyLink {
  readonly from: string;
  readonly to: string;
  readonly kind: LinkKind;
  readonly label?: Text;
}

/** A dashed box around nodes that share something: a host, a node, a network. */
export interface TopologyGroup {
  readonly id: string;
  readonly label: Text;
  readonly members: readonly string[];
}

export interface Topology {
  /** Short name, read first by screen readers. */
  readonly title: Text;
  /** What the picture shows, in a sentence or two: the diagram's alt text. */
  readonly description: Text;
  readonly nodes: readonly TopologyNode[];
  readonly links: readonly TopologyLink[];
  readonly groups?: readonly TopologyGroup[];
  /**
   * The Docker generation whose machine the diagram draws, when its addresses,
   * MACs or indexes are that generation's; the docs tests check them against
   * that generation's captures only. Example: `docker-26`
   */
  readonly generation?: Generation;
}

export function resolveText(text: Text, locale: Locale): string {
  return typeof text === 'string' ? text : text[locale];
}

/** Every problem that would make the drawing wrong; empty when it is fine. */
export function validateTopology(topology: Topology): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const cells = new Map<string, string>();
  for (const node of topology.nodes) {
    if (ids.has(node.id)) problems.push(`node id "${node.id}" is used twice`);
    ids.add(node.id);
    if (
      !Number.isInteger(node.col) ||
      !Number.isInteger(node.row) ||
      node.col < 0 ||
      node.row < 0
    ) {
      problems.push(
        `node "${node.id}" is at col ${node.col}, row ${node.row}; expected whole numbers from 0`,
      );
    }
    const cell = `${node.col},${node.row}`;
    const other = cells.get(cell);
    if (other !== undefined)
      problems.push(`nodes "${other}" and "${node.id}" share col ${node.col}, row ${node.row}`);
    cells.set(cell, node.id);
  }
  for (const link of topology.links) {
    for (const end of [link.from, link.to]) {
      if (!ids.has(end))
        problems.push(`link ${link.from} → ${link.to} names node "${end}", which does not exist`);
    }
  }
  for (const group of topology.groups ?? []) {
    if (group.members.length === 0) problems.push(`group "${group.id}" has no members`);
    for (const member of group.members) {
      if (!ids.has(member))
        problems.push(`group "${group.id}" names node "${member}", which does not exist`);
    }
  }
  return problems;
}
