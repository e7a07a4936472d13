/**
 * `ip addr` / `ip a` text, as iproute2 6.x prints it on the sandbox host and
 * as busybox prints it inside a busybox container (no `state`/`group`, extra
 * `M-DOWN` flag). The same block format is `ip link` without address lines.
 */
import {
  inputLines,
  skipLine,
  toInt,
  words,
  type InputLine,
  type SkippedLine,
} from './input-lines.ts';
import { parseLinkHeader, parseLinkLayer, type LinkHeader } from './ip-link-line.ts';

/** One address of an interface. */
export interface IpAddress {
  family: 'inet' | 'inet6';
  /** "172.17.0.2" */
  address: string;
  /** 16 */
  prefixLen: number;
  /** "172.17.0.2/16" */
  cidr: string;
  /** `brd 172.17.255.255`; null when not printed (always for inet6). */
  broadcast: string | null;
  /** "global", "link", "host"; null when not printed. */
  scope: string | null;
}

/** One network interface as `ip addr` describes it. */
export interface IpInterface {
  index: number;
  name: string;
  /** `eth0@if6` → 6: the veth peer's ifindex in the peer's namespace. */
  peerIndex: number | null;
  /** `node0@node0-peer` → "node0-peer": the veth peer (or macvlan parent) when it is in this namespace. */
  peerName: string | null;
  flags: string[];
  mtu: number | null;
  qdisc: string | null;
  /** The bridge this interface is enslaved to (`master docker0`). */
  master: string | null;
  /** Operational state: "UP", "DOWN", "UNKNOWN"; busybox does not print it (null). */
  state: string | null;
  /** "ether", "loopback"…; null when no `link/` line was seen. */
  linkType: string | null;
  /** The link-layer address, e.g. "02:42:ac:11:00:02". */
  mac: string | null;
  /** `link-netnsid 0`: the namespace of the veth peer, as this namespace numbers it. */
  linkNetnsId: number | null;
  /** `link-netns pod1`: the peer's named namespace (text form only; JSON gives the id). */
  linkNetns: string | null;
  addresses: IpAddress[];
}

/** Interfaces read from the output, and the lines that were not understood. */
export interface IpInterfaces {
  interfaces: IpInterface[];
  skipped: SkippedLine[];
}

// Lines iproute2 prints under an interface that carry nothing the grader uses.
const IGNORED_PREFIXES = ['valid_lft', 'altname', 'prop/'];

/** Parses `ip addr` text (iproute2 or busybox) into interfaces in printed order. */
export function parseIpAddr(text: string): IpInterfaces {
  return parseInterfaceBlocks(inputLines(text));
}

/** Parses header/`link/`/`inet` blocks; shared with `ip link`, whose one-line form is split first. */
export function parseInterfaceBlocks(lines: InputLine[]): IpInterfaces {
  const interfaces: IpInterface[] = [];
  const skipped: SkippedLine[] = [];
  for (const line of lines) {
    const header = parseLinkHeader(line.text);
    if (header) {
      interfaces.push(fromHeader(header));
      continue;
    }
    const current = interfaces.at(-1);
    if (!current) {
      skipped.push(skipLine(line, 'not an interface header and no interface before it'));
      continue;
    }
    const reason = addDetailLine(current, line.text.trim());
    if (reason !== null) skipped.push(skipLine(line, reason));
  }
  return { interfaces, skipped };
}

/** Builds an interface with no link-layer data yet from its header line. */
export function fromHeader(header: LinkHeader): IpInterface {
  const attributes = header.attributes;
  return {
    index: header.index,
    name: header.name,
    peerIndex: header.peerIndex,
    peerName: header.peerName,
    flags: header.flags,
    mtu: toInt(attributes.get('mtu')),
    qdisc: attributes.get('qdisc') ?? null,
    master: attributes.get('master') ?? null,
    state: attributes.get('state') ?? null,
    linkType: null,
    mac: null,
    linkNetnsId: null,
    linkNetns: null,
    addresses: [],
  };
}

/** Applies one indented line to its interface; returns why it was skipped, or null when used. */
function addDetailLine(target: IpInterface, text: string): string | null {
  const linkLayer = parseLinkLayer(text);
  if (linkLayer) {
    target.linkType = linkLayer.linkType;
    target.mac = linkLayer.mac;
    target.linkNetnsId = linkLayer.linkNetnsId;
    target.linkNetns = linkLayer.linkNetns;
    return null;
  }
  if (text.startsWith('inet')) {
    const address = parseAddressLine(text);
    if (!address) return 'unreadable address line';
    target.addresses.push(address);
    return null;
  }
  if (IGNORED_PREFIXES.some((prefix) => text.startsWith(prefix))) return null;
  return 'unknown line inside an interface block';
}

/** Parses `inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0` (or inet6); null when malformed. */
export function parseAddressLine(text: string): IpAddress | null {
  const [family, local, ...rest] = words(text);
  if ((family !== 'inet' && family !== 'inet6') || local === undefined) return null;
  // Point-to-point addresses print `inet 10.0.0.1 peer 10.0.0.2/32`: the prefix belongs to the peer.
  const peerIndex = rest.indexOf('peer');
  const withPrefix = peerIndex >= 0 ? (rest[peerIndex + 1] ?? local) : local;
  const address = local.split('/')[0] ?? '';
  const prefixText = withPrefix.includes('/')
    ? withPrefix.split('/')[1]
    : family === 'inet'
      ? '32'
      : '128';
  const prefixLen = toInt(prefixText);
  if (address === '' || prefixLen === null) return null;
  return {
    family,
    address,
    prefixLen,
    cidr: `${address}/${prefixLen}`,
    broadcast: valueAfter(rest, 'brd'),
    scope: valueAfter(rest, 'scope'),
  };
}

function valueAfter(tokens: string[], key: string): string | null {
  const index = tokens.indexOf(key);
  return index >= 0 ? (tokens[index + 1] ?? null) : null;
}
