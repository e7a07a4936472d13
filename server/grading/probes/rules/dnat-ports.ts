/**
 * When `--to-destination 10.244.2.2` (no port) means `10.244.2.2:80`: DNAT
 * without a port keeps the packet's destination port, so the two are the same
 * exactly when every path into the rule's chain only lets port 80 through. The
 * paths are followed backwards through the jumps of the table: a jump with
 * `--dport P` lets only P in, a built-in chain lets any port in.
 */
import type { IptablesChain, IptablesRule } from '../../parsers.ts';

const BUILT_IN = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);

/** The destination ports packets can have on entering `chain`; null means any. */
export function portsInto(
  chains: Record<string, IptablesChain>,
  chain: string,
  seen: ReadonlySet<string> = new Set(),
): Set<string> | null {
  if (BUILT_IN.has(chain)) return null;
  if (seen.has(chain)) return new Set();
  const inside = new Set([...seen, chain]);
  const ports = new Set<string>();
  for (const rule of Object.values(chains).flatMap((c) => c.rules)) {
    if (rule.target !== chain) continue;
    const own = ruleDports(rule);
    const from = own ?? portsInto(chains, rule.chain, inside);
    if (from === null) return null;
    for (const p of from) ports.add(p);
  }
  return ports;
}

function ruleDports(rule: IptablesRule): string[] | null {
  if (rule.dport === null || rule.dport.negated) return null;
  return rule.dport.value.split(',');
}

/**
 * Whether a DNAT rule sends packets to `wanted` ("address:port", or an address
 * alone when the port does not matter).
 */
export function sameDnatTarget(
  rule: IptablesRule,
  wanted: string,
  chains: Record<string, IptablesChain> | null,
): boolean {
  if (rule.toDestination === null) return false;
  const [address, port] = splitHostPort(rule.toDestination);
  const [wantAddress, wantPort] = splitHostPort(wanted);
  if (address !== wantAddress) return false;
  if (wantPort === null || port === wantPort) return true;
  if (port !== null || chains === null) return false;
  const ports = portsInto(chains, rule.chain);
  return ports !== null && ports.size === 1 && ports.has(wantPort);
}

function splitHostPort(text: string): [string, string | null] {
  const at = text.lastIndexOf(':');
  return at < 0 ? [text, null] : [text.slice(0, at), text.slice(at + 1)];
}
