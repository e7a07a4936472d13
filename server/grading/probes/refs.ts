/**
 * Live references in check arguments, resolved against the World at check
 * time: `{{ip:httpd1}}` / `{{ip:httpd1:bridge}}` (a container's IPv4 address,
 * on any or one network) and `{{bridge:my_bridge2}}` (a network's Linux
 * bridge, `br-<id>`), so a check can name things Docker picks at run time.
 */
import { t, type Text } from './text.ts';
import { findContainer, findNetwork, type World } from './world.ts';

const REF = /\{\{(ip|bridge):([^{}\s]+)\}\}/g;

/** The call with every live reference replaced, or why one could not be resolved. */
export function resolveRefs<T>(
  call: T,
  world: World,
): { ok: true; call: T } | { ok: false; why: Text } {
  const problems: Text[] = [];
  const resolved = mapStrings(call, (text) =>
    text.replace(REF, (whole, kind: string, args: string) => {
      const value = kind === 'ip' ? ipOf(world, args) : bridgeOf(world, args);
      if (typeof value === 'string') return value;
      problems.push(value);
      return whole;
    }),
  );
  const first = problems[0];
  return first ? { ok: false, why: first } : { ok: true, call: resolved };
}

function ipOf(world: World, args: string): string | Text {
  const [name = '', network] = args.split(':');
  const c = findContainer(world, name);
  if (!c?.running)
    return t(
      `${name} is not running, so it has no address yet`,
      `${name} 没有在运行，所以还没有地址`,
    );
  const endpoints = network === undefined ? Object.values(c.networks) : [c.networks[network]];
  const ip = endpoints.find((e) => e?.ip)?.ip;
  return (
    ip ??
    t(
      `${name} has no address${network ? ` on ${network}` : ''}`,
      `${name}${network ? ` 在 ${network} 上` : ''}没有地址`,
    )
  );
}

function bridgeOf(world: World, name: string): string | Text {
  const network = findNetwork(world, name);
  if (!network) return t(`there is no network named ${name}`, `没有名为 ${name} 的网络`);
  return network.bridgeName ?? t(`${name} is not a bridge network`, `${name} 不是 bridge 网络`);
}

function mapStrings<T>(value: T, fn: (text: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, fn)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
  return value;
}
