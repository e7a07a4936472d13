/**
 * Pairs veth ends across namespaces. `ip addr` prints `eth0@if6`: 6 is the
 * peer's ifindex in the peer's namespace, so a pair is two interfaces in
 * different namespaces that point at each other's index. Index numbers repeat
 * between namespaces (every pod's eth0 is 2), so what each side says about
 * the other's namespace (a name, or an id meaning "unnamed") narrows the
 * candidates.
 */
import type { IpInterface } from '../parsers.ts';
import type { Namespace, World } from './world.ts';

/** One end of a link: an interface in a namespace. */
export interface Endpoint {
  ns: Namespace;
  iface: IpInterface;
}

/** The other end of a veth, or null when it is not a veth or its peer was not seen. */
export function findPeer(world: World, ns: Namespace, iface: IpInterface): Endpoint | null {
  if (iface.peerName !== null) {
    // Both ends in one namespace: ip prints the peer's name instead of its index.
    const local = ns.interfaces?.find((i) => i.name === iface.peerName);
    return local && local.peerName === iface.name ? { ns, iface: local } : null;
  }
  if (iface.peerIndex === null) return null;
  // `link-netns` names a netns, which may be another name of a listed namespace.
  const canonical = (name: string | null) =>
    name === null ? null : (world.aliases.get(name) ?? name);
  const wanted = canonical(iface.linkNetns);
  const candidates = world.namespaces.flatMap((other) =>
    other === ns || !pointsAt(iface, other, wanted)
      ? []
      : (other.interfaces ?? [])
          .filter((i) => i.index === iface.peerIndex && i.peerIndex === iface.index)
          .filter((i) => pointsAt(i, ns, canonical(i.linkNetns)))
          .map((i) => ({ ns: other, iface: i })),
  );
  // Two equally good candidates: refuse to guess rather than name the wrong one.
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}

/**
 * Whether `iface`'s peer may live in `target`. ip prints `link-netns NAME` when
 * the peer's namespace has a name (a named netns) and `link-netnsid N` when it
 * has none (the host's, a container's), so either form rules namespaces out.
 */
function pointsAt(iface: IpInterface, target: Namespace, named: string | null): boolean {
  if (named !== null) return target.name === named;
  if (iface.linkNetnsId !== null) return target.kind !== 'netns';
  return true;
}

/** Every veth pair in the world, each once. */
export function allVethPairs(world: World): [Endpoint, Endpoint][] {
  const pairs: [Endpoint, Endpoint][] = [];
  const seen = new Set<string>();
  const key = (e: Endpoint) => `${e.ns.name}/${e.iface.name}`;
  for (const ns of world.namespaces) {
    for (const iface of ns.interfaces ?? []) {
      const here = { ns, iface };
      if (seen.has(key(here))) continue;
      const peer = findPeer(world, ns, iface);
      if (!peer || seen.has(key(peer))) continue;
      seen.add(key(here));
      seen.add(key(peer));
      pairs.push([here, peer]);
    }
  }
  return pairs;
}
