/**
 * Probes over a namespace's routing table (`ip route`) and its iptables rules
 * (`iptables-save`, parsed into tables, chains and rules).
 */
import type { IptablesChain, IptablesRule, IptablesMatch } from '../parsers.ts';
import type { CheckOf, RuleMatch } from './check-schema.ts';
import { sameAddress, splitCidr } from './ipv4.ts';
import { sameDnatTarget } from './rules/dnat-ports.ts';
import { globMatch, result, type ProbeResult } from './result.ts';
import { clip, t, type Text } from './text.ts';
import { findNamespace, type World } from './world.ts';

/** A route to `dest` (via a gateway, out of a device) in the namespace's main table. */
export function routeExistsProbe(call: CheckOf<'route_exists'>, world: World): ProbeResult {
  const how = `${call.via ? ` via ${call.via}` : ''}${call.dev ? ` dev ${call.dev}` : ''}`;
  const expected = t(
    `${call.ns} has a route to ${call.dest}${how}`,
    `${call.ns} 有一条去往 ${call.dest}${how} 的路由`,
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
  const routes = reading.value.filter((r) => r.type === null || r.type === 'unicast');
  const toDest = routes.filter((r) => sameDestination(r.dest, call.dest));
  const match = toDest.find(
    (r) =>
      (call.via === undefined || (r.via !== null && sameAddress(r.via, call.via))) &&
      (call.dev === undefined || r.dev === call.dev),
  );
  const describe = (list: typeof routes) =>
    clip(
      list
        .map((r) =>
          [r.dest, r.via && `via ${r.via}`, r.dev && `dev ${r.dev}`].filter(Boolean).join(' '),
        )
        .join('; '),
      240,
    );
  const actual = toDest.length
    ? t(
        `its routes to ${call.dest}: ${describe(toDest)}`,
        `去往 ${call.dest} 的路由：${describe(toDest)}`,
      )
    : t(
        `it has no route to ${call.dest}; its routes: ${describe(routes) || '-'}`,
        `没有去往 ${call.dest} 的路由；现有路由：${describe(routes) || '-'}`,
      );
  return result(match !== undefined, expected, actual, match ? call.dest : null);
}

function sameDestination(printed: string, wanted: string): boolean {
  if (printed === 'default' || wanted === 'default')
    return printed === wanted || (wanted === '0.0.0.0/0' && printed === 'default');
  const a = splitCidr(printed);
  const b = splitCidr(wanted);
  // ip route prints a host route without /32.
  return sameAddress(a.address, b.address) && (a.prefixLen ?? 32) === (b.prefixLen ?? 32);
}

/** Names the value iptables_rule reads (the chain holding the rule). */
export function iptablesRuleSubject(call: CheckOf<'iptables_rule'>): Text {
  return t(
    `the ${call.table} chain matching ${call.chain} that holds ${describeMatch(call.match)}`,
    `${call.table} 表中匹配 ${call.chain}、包含 ${describeMatch(call.match)} 的链`,
  );
}

/** A rule in a chain of a table; its value is the chain's name. */
export function iptablesRuleProbe(call: CheckOf<'iptables_rule'>, world: World): ProbeResult {
  const rule = describeMatch(call.match);
  const where = `${call.ns} ${call.table} ${call.chain}`;
  const expected = call.present
    ? t(`a rule ${rule} in ${where}`, `${where} 中有规则 ${rule}`)
    : t(`no rule ${rule} in ${where}`, `${where} 中没有规则 ${rule}`);
  const lookup = findNamespace(world, call.ns);
  if (!lookup.ok) return result(false, expected, lookup.why);
  const reading = world.iptables.get(call.ns);
  if (!reading?.ok)
    return result(
      false,
      expected,
      t(
        `iptables-save failed: ${reading?.error ?? 'not read'}`,
        `iptables-save 执行失败：${reading?.error ?? '未读取'}`,
      ),
    );
  const table = reading.value.tables[call.table]?.chains ?? {};
  const chains = Object.values(table).filter((c) => globMatch(call.chain, c.name));
  const rules = chains.flatMap((c) => c.rules);
  const hit = rules.find((r) => ruleMatches(r, call.match, table));
  const passed = call.present ? hit !== undefined : hit === undefined;
  return result(passed, expected, seenRules(call, chains.length, rules, hit), hit?.chain ?? null);
}

function seenRules(
  call: CheckOf<'iptables_rule'>,
  chainCount: number,
  rules: IptablesRule[],
  hit: IptablesRule | undefined,
): Text {
  if (hit) return t(`found: ${clip(hit.raw, 200)}`, `找到：${clip(hit.raw, 200)}`);
  if (chainCount === 0)
    return t(
      `there is no chain ${call.chain} in the ${call.table} table of ${call.ns}`,
      `${call.ns} 的 ${call.table} 表中没有链 ${call.chain}`,
    );
  const list = clip(rules.map((r) => r.raw).join(' | '), 240) || '-';
  return t(`its rules: ${list}`, `其中的规则：${list}`);
}

/**
 * True when the rule has every field the match names. `table` (the rule's
 * table) lets a DNAT without a port count as the port it keeps.
 */
export function ruleMatches(
  rule: IptablesRule,
  match: RuleMatch,
  table: Record<string, IptablesChain> | null = null,
): boolean {
  const plain = (field: IptablesMatch | null, want: string | undefined, compare = globMatch) =>
    want === undefined || (field !== null && !field.negated && compare(want, field.value));
  const address = (want: string, value: string) => sameNet(want, value);
  return (
    plain(rule.protocol, match.protocol) &&
    plain(rule.source, match.source, address) &&
    plain(rule.destination, match.destination, address) &&
    plain(rule.inIface, match.in_iface) &&
    plain(rule.outIface, match.out_iface) &&
    plain(rule.dport, match.dport) &&
    plain(rule.sport, match.sport) &&
    (match.target === undefined ||
      (rule.target !== null && globMatch(match.target, rule.target))) &&
    (match.to_destination === undefined || sameDnatTarget(rule, match.to_destination, table)) &&
    (match.probability === undefined ||
      (rule.probability !== null && Math.abs(rule.probability - match.probability) < 1e-3)) &&
    (match.comment === undefined ||
      (rule.comment !== null && globMatch(match.comment, rule.comment))) &&
    (match.has === undefined || rule.raw.includes(match.has))
  );
}

function sameNet(want: string, value: string): boolean {
  const a = splitCidr(want);
  const b = splitCidr(value);
  return sameAddress(a.address, b.address) && (a.prefixLen ?? 32) === (b.prefixLen ?? 32);
}

/** "-d 10.96.0.10 -p tcp --dport 80 -j KUBE-SVC-*", as a reader would write it. */
export function describeMatch(match: RuleMatch): string {
  const parts: [string, string | number | undefined][] = [
    ['-s', match.source],
    ['-d', match.destination],
    ['-i', match.in_iface],
    ['-o', match.out_iface],
    ['-p', match.protocol],
    ['--sport', match.sport],
    ['--dport', match.dport],
    ['--comment', match.comment],
    ['--probability', match.probability],
    ['-j', match.target],
    ['--to-destination', match.to_destination],
  ];
  const text = parts.flatMap(([flag, v]) => (v === undefined ? [] : [`${flag} ${v}`]));
  if (match.has) text.push(`"…${match.has}…"`);
  return text.join(' ') || '(any)';
}
