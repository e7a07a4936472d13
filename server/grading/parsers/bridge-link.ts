/**
 * `bridge link` (iproute2): one line per bridge port,
 * `6: veth2da7987@if5: <…> mtu 1500 master docker0 state forwarding priority 32 cost 2`.
 */
import { inputLines, skipLine, toInt, type SkippedLine } from './input-lines.ts';
import { parseLinkHeader } from './ip-link-line.ts';

/** One port of a bridge. */
export interface BridgePort {
  /** The port's ifindex. */
  index: number;
  /** The port's name, e.g. "veth2da7987". */
  name: string;
  /** `@if5` → 5: the veth peer's ifindex in the peer's namespace. */
  peerIndex: number | null;
  /**
   * `@name` as printed. Unlike `ip link`, `bridge link` resolves a peer's
   * ifindex in the local namespace, so a pod veth whose peer is ifindex 2 in
   * its netns prints as `veth-pod1@docker0`: do not trust this as the peer.
   */
  peerName: string | null;
  flags: string[];
  mtu: number | null;
  /** The bridge the port belongs to. */
  master: string | null;
  /** STP port state: "forwarding", "disabled", "blocking", "listening", "learning". */
  state: string | null;
  priority: number | null;
  cost: number | null;
}

/** Ports in printed order, and the lines that were not ports. */
export interface BridgeLinks {
  ports: BridgePort[];
  skipped: SkippedLine[];
}

/** Parses `bridge link` (also `bridge link show`) output. */
export function parseBridgeLink(text: string): BridgeLinks {
  const ports: BridgePort[] = [];
  const skipped: SkippedLine[] = [];
  for (const line of inputLines(text)) {
    const header = /^\s/.test(line.text) ? null : parseLinkHeader(line.text);
    if (!header) {
      skipped.push(skipLine(line, 'not a bridge port line'));
      continue;
    }
    const attributes = header.attributes;
    ports.push({
      index: header.index,
      name: header.name,
      peerIndex: header.peerIndex,
      peerName: header.peerName,
      flags: header.flags,
      mtu: toInt(attributes.get('mtu')),
      master: attributes.get('master') ?? null,
      state: attributes.get('state') ?? null,
      priority: toInt(attributes.get('priority')),
      cost: toInt(attributes.get('cost')),
    });
  }
  return { ports, skipped };
}
