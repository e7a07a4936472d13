/**
 * Places a topology on a canvas: columns and rows come from the description,
 * their sizes from the text they hold, so the same input always gives the same
 * picture. Pure arithmetic; Topology.astro turns the result into SVG.
 */
import type { LinkKind, Locale, NodeKind, Topology, TopologyNode } from './topology.ts';
import { resolveText } from './topology.ts';

export interface PlacedLine {
  text: string;
  /** `interface`: name and address; `detail`: a MAC under it; `note`: a free line. */
  kind: 'interface' | 'detail' | 'note';
}

export interface PlacedNode {
  id: string;
  kind: NodeKind;
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
  lines: PlacedLine[];
}

export interface PlacedGroup {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedLink {
  kind: LinkKind;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  label: string | undefined;
  labelX: number;
  labelY: number;
}

export interface Layout {
  width: number;
  height: number;
  title: string;
  description: string;
  groups: PlacedGroup[];
  nodes: PlacedNode[];
  links: PlacedLink[];
}

/**
 * Text metrics of the diagram's fonts: everything is monospace (12px lines,
 * 13px bold titles), whose advance is 0.55–0.62 em in common fonts, so widths
 * can be estimated without measuring; the larger figure keeps text inside boxes.
 */
export const METRICS = {
  charWidth: 7.45,
  titleCharWidth: 8.1,
  wideCharWidth: 12.5,
  titleLine: 20,
  line: 15,
  padX: 10,
  padY: 8,
  minWidth: 120,
  groupLabel: 18,
};
const BASE_GAP = 48;

/** Estimated width of a text: CJK and other wide characters take about a full em. */
export function textWidth(text: string, narrow: number = METRICS.charWidth): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\uffff]/.test(ch) ? METRICS.wideCharWidth : narrow;
  return width;
}

function nodeLines(node: TopologyNode, locale: Locale): PlacedLine[] {
  const lines: PlacedLine[] = [];
  for (const i of node.interfaces ?? []) {
    lines.push({ text: i.address ? `${i.name}  ${i.address}` : i.name, kind: 'interface' });
    if (i.mac) lines.push({ text: `  ${i.mac}`, kind: 'detail' });
  }
  for (const l of node.lines ?? []) lines.push({ text: resolveText(l, locale), kind: 'note' });
  return lines;
}

/** How many other groups each group contains: nested boxes need more room. */
function groupDepths(topology: Topology): Map<string, number> {
  const groups = topology.groups ?? [];
  const depths = new Map<string, number>();
  for (const g of groups) {
    const inner = groups.filter(
      (o) =>
        o !== g &&
        o.members.length < g.members.length &&
        o.members.every((m) => g.members.includes(m)),
    );
    depths.set(
      g.id,
      inner.length === 0 ? 0 : 1 + Math.max(...inner.map((o) => depths.get(o.id) ?? 0)),
    );
  }
  return depths;
}

export function layoutTopology(topology: Topology, locale: Locale): Layout {
  const depths = groupDepths(topology);
  const padOf = (depth: number): number => 10 + 12 * depth;
  const maxPad = Math.max(0, ...[...depths.values()].map(padOf));
  const colGap = Math.max(BASE_GAP, 2 * maxPad + 16);
  const rowGap = Math.max(BASE_GAP, 2 * maxPad + METRICS.groupLabel + 24);
  const margin = 8 + maxPad + (depths.size > 0 ? METRICS.groupLabel : 0);

  const sized = topology.nodes.map((node) => {
    const title = resolveText(node.label, locale);
    const lines = nodeLines(node, locale);
    const width =
      Math.max(
        METRICS.minWidth,
        textWidth(title, METRICS.titleCharWidth),
        ...lines.map((l) => textWidth(l.text)),
      ) +
      2 * METRICS.padX;
    const height = 2 * METRICS.padY + METRICS.titleLine + lines.length * METRICS.line;
    return { node, title, lines, width, height };
  });
  const cols = Math.max(0, ...topology.nodes.map((n) => n.col)) + 1;
  const rows = Math.max(0, ...topology.nodes.map((n) => n.row)) + 1;
  const colWidth = Array.from({ length: cols }, (_, c) =>
    Math.max(0, ...sized.filter((s) => s.node.col === c).map((s) => s.width)),
  );
  const rowHeight = Array.from({ length: rows }, (_, r) =>
    Math.max(0, ...sized.filter((s) => s.node.row === r).map((s) => s.height)),
  );
  const colX = offsets(colWidth, colGap, margin);
  const rowY = offsets(rowHeight, rowGap, margin);

  const nodes: PlacedNode[] = sized.map(({ node, title, lines, width, height }) => ({
    id: node.id,
    kind: node.kind,
    x: (colX[node.col] ?? 0) + ((colWidth[node.col] ?? 0) - width) / 2,
    y: (rowY[node.row] ?? 0) + ((rowHeight[node.row] ?? 0) - height) / 2,
    width,
    height,
    title,
    lines,
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));

  const groups: PlacedGroup[] = (topology.groups ?? [])
    .map((g) => {
      const members = g.members.flatMap((m) => byId.get(m) ?? []);
      const pad = padOf(depths.get(g.id) ?? 0);
      const x = Math.min(...members.map((n) => n.x)) - pad;
      const y = Math.min(...members.map((n) => n.y)) - pad - METRICS.groupLabel;
      const right = Math.max(...members.map((n) => n.x + n.width)) + pad;
      const bottom = Math.max(...members.map((n) => n.y + n.height)) + pad;
      return {
        id: g.id,
        label: resolveText(g.label, locale),
        x,
        y,
        width: right - x,
        height: bottom - y,
      };
    })
    // Outer boxes first, so inner ones are drawn on top.
    .sort((a, b) => b.width * b.height - a.width * a.height);

  const links = topology.links.flatMap((link, index) => {
    const a = byId.get(link.from);
    const b = byId.get(link.to);
    if (!a || !b) return [];
    const siblings = topology.links.filter((l) => samePair(l.from, l.to, link.from, link.to));
    const offset = (siblings.indexOf(link) - (siblings.length - 1) / 2) * 12;
    return [
      placeLink(
        a,
        b,
        link.kind,
        link.label === undefined ? undefined : resolveText(link.label, locale),
        offset,
        index,
      ),
    ];
  });

  return {
    width: Math.ceil((colX[cols - 1] ?? 0) + (colWidth[cols - 1] ?? 0) + margin),
    height: Math.ceil((rowY[rows - 1] ?? 0) + (rowHeight[rows - 1] ?? 0) + margin),
    title: resolveText(topology.title, locale),
    description: resolveText(topology.description, locale),
    groups,
    nodes,
    links,
  };
}

function offsets(sizes: readonly number[], gap: number, start: number): number[] {
  const result: number[] = [];
  let at = start;
  for (const size of sizes) {
    result.push(at);
    at += size + gap;
  }
  return result;
}

function samePair(a1: string, b1: string, a2: string, b2: string): boolean {
  return (a1 === a2 && b1 === b2) || (a1 === b2 && b1 === a2);
}

function placeLink(
  a: PlacedNode,
  b: PlacedNode,
  kind: LinkKind,
  label: string | undefined,
  offset: number,
  index: number,
): PlacedLink {
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const length = Math.hypot(cb.x - ca.x, cb.y - ca.y) || 1;
  // Parallel links between the same two nodes are moved apart, perpendicular to them.
  const nx = (-(cb.y - ca.y) / length) * offset;
  const ny = ((cb.x - ca.x) / length) * offset;
  const start = clip(a, { x: ca.x + nx, y: ca.y + ny }, { x: cb.x + nx, y: cb.y + ny });
  const end = clip(b, { x: cb.x + nx, y: cb.y + ny }, { x: ca.x + nx, y: ca.y + ny });
  // Labels of crossing links would sit on the same midpoint; alternate them along the line.
  const t = index % 2 === 0 ? 0.5 : 0.42;
  return {
    kind,
    x1: round(start.x),
    y1: round(start.y),
    x2: round(end.x),
    y2: round(end.y),
    label,
    labelX: round(start.x + (end.x - start.x) * t),
    labelY: round(start.y + (end.y - start.y) * t),
  };
}

interface Point {
  x: number;
  y: number;
}

/** Where the segment from `inside` (in the box) towards `outside` leaves the box. */
export function clip(
  box: { x: number; y: number; width: number; height: number },
  inside: Point,
  outside: Point,
): Point {
  const dx = outside.x - inside.x;
  const dy = outside.y - inside.y;
  const tx =
    dx === 0 ? Infinity : Math.max((box.x - inside.x) / dx, (box.x + box.width - inside.x) / dx);
  const ty =
    dy === 0 ? Infinity : Math.max((box.y - inside.y) / dy, (box.y + box.height - inside.y) / dy);
  const t = Math.min(tx, ty, 1);
  return { x: inside.x + dx * t, y: inside.y + dy * t };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
