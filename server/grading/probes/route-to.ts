/**
 * The route_to probe: which route of a namespace's main table the kernel uses
 * for a destination. The longest prefix that covers the whole destination wins
 * (a /16 serves a /24 inside it; `default` covers everything), so a check asks
 * where packets go rather than how the route was spelled.
 */
import type { IpRoute } from '../parsers.ts';
import type { CheckOf } from './check-schema.ts';
import { inCidr, ipToNumber, sameAddress, splitCidr } from './ipv4.ts';
import { result, type ProbeResult } from './result.ts';
import { t } from './text.ts';
import { findNamespace, type World } from './world.ts';

/** The prefix length of a route's destination ("default" is /0, a bare address /32). */
function prefixOf(route: IpRoute): number | null {
  if (route.dest === 'default') return 0;
  const { address, prefixLen } = splitCidr(route.dest);
  return ipToNumber(address) === null ? null : (prefixLen ?? 32);
}

/** Whether the route covers every address of `dest` ("10.244.2.0/24" or an address). */
function covers(route: IpRoute, dest: string): boolean {
  const prefix = prefixOf(route);
  if (prefix === null) return false;
  const wanted = splitCidr(dest);
  if (prefix > (wanted.prefixLen ?? 32)) return false;
  if (prefix === 0) return true;
  return inCidr(wanted.address, `${splitCidr(route.dest).address}/${prefix}`);
}

/** The route the kernel picks for `dest`: the longest prefix covering it; null when none does. */
export function routeFor(routes: IpRoute[], dest: string): IpRoute | null {
  const usable = routes.filter((r) => (r.type === null || r.type === 'unicast') && covers(r, dest));
  return usable.sort((a, b) => (prefixOf(b) ?? 0) - (prefixOf(a) ?? 0))[0] ?? null;
}

function describe(route: IpRoute): string {
  return [route.dest, route.via && `via ${route.via}`, route.dev && `dev ${route.dev}`]
    .filter(Boolean)
    .join(' ');
}

/** Packets from the namespace to `dest` leave via the gateway (and device) the check names. */
export function routeToProbe(call: CheckOf<'route_to'>, world: World): ProbeResult {
  const how = `${call.via ? ` via ${call.via}` : ''}${call.dev ? ` dev ${call.dev}` : ''}`;
  const expected = t(
    `${call.ns} sends packets for ${call.dest}${how} (a route for it, or a wider one that covers it)`,
    `${call.ns} 把去往 ${call.dest} 的数据包经${how || '路由'}发出（可以是它自己的路由，也可以是覆盖它的更大网段的路由）`,
  );
  const lookup = findNamespace(world, call.ns);
  if (!lookup.ok) return result(false, expected, lookup.why);
  const reading = world.routes.get(call.ns);
  if (!reading?.ok)
    return result(
      false,
      expected,
      t(
        `ip route failed: ${reading?.error ?? 'not read'}`,
        `ip route 执行失败：${reading?.error ?? '未读取'}`,
      ),
    );
  const route = routeFor(reading.value, call.dest);
  if (!route)
    return result(
      false,
      expected,
      t(`${call.ns} has no route for ${call.dest}`, `${call.ns} 没有去往 ${call.dest} 的路由`),
    );
  const passed =
    (call.via === undefined || (route.via !== null && sameAddress(route.via, call.via))) &&
    (call.dev === undefined || route.dev === call.dev);
  const used = describe(route);
  return result(
    passed,
    expected,
    t(
      `${call.ns} uses the route ${used} for ${call.dest}`,
      `${call.ns} 去往 ${call.dest} 使用的路由是 ${used}`,
    ),
    passed ? route.dest : null,
  );
}
