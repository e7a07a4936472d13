/**
 * `ip route` text from iproute2 6.x and from busybox (which pads `scope link  src`
 * with two spaces and never prints `proto kernel`).
 */
import { inputLines, skipLine, toInt, words, type SkippedLine } from './input-lines.ts';

/** One route. Absent attributes are null. */
export interface IpRoute {
  /** Route type when printed before the destination ("local", "broadcast", "unreachable"…); null for unicast. */
  type: string | null;
  /** "default", or the destination as printed: "172.17.0.0/16", or a bare address for a host route. */
  dest: string;
  via: string | null;
  dev: string | null;
  /** "kernel", "static", "dhcp"… */
  proto: string | null;
  /** "link", "host", "global"… */
  scope: string | null;
  src: string | null;
  metric: number | null;
  table: string | null;
  /** Value-less words such as "linkdown", "onlink", "dead". */
  flags: string[];
  /** Words this parser does not know, kept in order so nothing is silently lost. */
  unparsed: string[];
}

/** Routes in printed order, and the lines that were not routes. */
export interface IpRoutes {
  routes: IpRoute[];
  skipped: SkippedLine[];
}

const ROUTE_TYPES = new Set([
  'unicast',
  'local',
  'broadcast',
  'multicast',
  'anycast',
  'unreachable',
  'blackhole',
  'prohibit',
  'throw',
  'nat',
]);
const VALUE_KEYS = new Set([
  'via',
  'dev',
  'proto',
  'scope',
  'src',
  'metric',
  'table',
  'mtu',
  'advmss',
  'pref',
  'expires',
  'hoplimit',
  'from',
  'tos',
  'error',
  'nhid',
  'weight',
  'realm',
  'realms',
]);
const FLAGS = new Set([
  'linkdown',
  'onlink',
  'dead',
  'pervasive',
  'offload',
  'trap',
  'notify',
  'rt_offload',
  'rt_trap',
]);
const DESTINATION = /^(default|[0-9a-f.:]*[.:][0-9a-f.:]*(\/\d{1,3})?)$/i;

/** Parses `ip route` output (iproute2 or busybox). Multipath `nexthop` lines are skipped. */
export function parseIpRoute(text: string): IpRoutes {
  const routes: IpRoute[] = [];
  const skipped: SkippedLine[] = [];
  for (const line of inputLines(text)) {
    if (/^\s/.test(line.text)) {
      skipped.push(skipLine(line, 'continuation line (multipath nexthop)'));
      continue;
    }
    const route = parseRouteLine(line.text);
    if (route) routes.push(route);
    else skipped.push(skipLine(line, 'not a route'));
  }
  return { routes, skipped };
}

/** Parses one route line; null when it does not start with a destination. */
export function parseRouteLine(text: string): IpRoute | null {
  const tokens = words(text);
  const type = tokens[0] !== undefined && ROUTE_TYPES.has(tokens[0]) ? tokens.shift() : undefined;
  const dest = tokens.shift();
  if (dest === undefined || !DESTINATION.test(dest)) return null;
  const values = new Map<string, string>();
  const flags: string[] = [];
  const unparsed: string[] = [];
  while (tokens.length > 0) {
    const token = tokens.shift() ?? '';
    if (FLAGS.has(token)) {
      flags.push(token);
    } else if (VALUE_KEYS.has(token) && tokens.length > 0) {
      values.set(token, takeValue(token, tokens));
    } else {
      unparsed.push(token);
    }
  }
  return {
    type: type ?? null,
    dest,
    via: values.get('via') ?? null,
    dev: values.get('dev') ?? null,
    proto: values.get('proto') ?? null,
    scope: values.get('scope') ?? null,
    src: values.get('src') ?? null,
    metric: toInt(values.get('metric')),
    table: values.get('table') ?? null,
    flags,
    unparsed,
  };
}

function takeValue(key: string, tokens: string[]): string {
  // `via inet6 fe80::1` names the family before the gateway.
  const family = tokens[0] === 'inet' || tokens[0] === 'inet6';
  if (key === 'via' && family && tokens.length > 1) tokens.shift();
  return tokens.shift() ?? '';
}
