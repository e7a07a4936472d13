/**
 * The two line shapes `ip addr`, `ip link` and `bridge link` share: the header
 * `6: veth2da7987@if5: <BROADCAST,…> mtu 1500 master docker0 state UP …` and
 * the link-layer line `link/ether 6e:83:… brd ff:… link-netnsid 0`. iproute2
 * and busybox print both the same way; busybox only leaves out some pairs.
 */
import { toInt, words } from './input-lines.ts';

/** What the header line of one interface says. */
export interface LinkHeader {
  index: number;
  name: string;
  /**
   * `eth0@if6`: the ifindex of the veth peer, counted in the peer's own
   * network namespace (so it may equal an unrelated local index).
   */
  peerIndex: number | null;
  /**
   * `node0@node0-peer`: the linked interface by name, printed when it is in the
   * same namespace: a veth's peer, or the parent of a macvlan (`mv0@docker0`).
   */
  peerName: string | null;
  /** Flags between `<` and `>`, e.g. ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"]. */
  flags: string[];
  /** The `key value` pairs after the flags: mtu, qdisc, master, state, mode, group, qlen… */
  attributes: Map<string, string>;
}

/** What the `link/…` line says. */
export interface LinkLayer {
  /** "ether", "loopback", "none"… */
  linkType: string;
  /** The link-layer address (a MAC for ether); null when none is printed. */
  mac: string | null;
  /** `link-netnsid 0`: the peer's namespace id as this namespace numbers it. */
  linkNetnsId: number | null;
  /** `link-netns pod1`: the peer's namespace, when it has a name under /run/netns. */
  linkNetns: string | null;
}

const HEADER = /^(\d+):\s+([^\s:@]+)(?:@([^\s:]+))?:\s+<([^>]*)>(.*)$/;
const LINK_KEYWORDS = new Set(['brd', 'link-netnsid', 'link-netns', 'permaddr', 'peer']);

/** Parses an interface header line; null when the line is not one. */
export function parseLinkHeader(line: string): LinkHeader | null {
  const match = HEADER.exec(line.trim());
  if (!match) return null;
  const [, index = '', name = '', peer, flags = '', rest = ''] = match;
  return {
    index: Number(index),
    name,
    ...parsePeer(peer),
    flags: flags.split(',').filter((flag) => flag !== ''),
    attributes: pairs(words(rest)),
  };
}

function parsePeer(peer: string | undefined): Pick<LinkHeader, 'peerIndex' | 'peerName'> {
  // `@NONE` is how iproute2 prints a link whose peer index is 0 (no peer).
  if (peer === undefined || peer === 'NONE') return { peerIndex: null, peerName: null };
  const index = /^if(\d+)$/.exec(peer)?.[1];
  return index === undefined
    ? { peerIndex: null, peerName: peer }
    : { peerIndex: Number(index), peerName: null };
}

/** Parses a `link/<type> [address] [brd …] [link-netnsid N | link-netns NAME]` line; null when it is not one. */
export function parseLinkLayer(line: string): LinkLayer | null {
  const [first = '', ...rest] = words(line);
  if (!first.startsWith('link/')) return null;
  const hasAddress = rest[0] !== undefined && !LINK_KEYWORDS.has(rest[0]);
  const attributes = pairs(hasAddress ? rest.slice(1) : rest);
  return {
    linkType: first.slice('link/'.length),
    mac: hasAddress ? (rest[0] ?? null) : null,
    linkNetnsId: toInt(attributes.get('link-netnsid')),
    linkNetns: attributes.get('link-netns') ?? null,
  };
}

/** Reads `key value key value …`; a dangling last key is dropped. */
export function pairs(tokens: string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    const key = tokens[i];
    const value = tokens[i + 1];
    if (key !== undefined && value !== undefined && !result.has(key)) result.set(key, value);
  }
  return result;
}
