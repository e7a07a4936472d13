/**
 * `iptables -S` / `iptables -t nat -S [CHAIN]`: `-P CHAIN POLICY` for built-in
 * chains, `-N CHAIN` for user chains, then `-A` rules. The output does not
 * name its table, so the caller says which table it asked for.
 */
import { inputLines, skipLine, words, type SkippedLine } from './input-lines.ts';
import { counters, parseIptablesRule } from './iptables-rule.ts';
import { RulesetBuilder, type IptablesRuleset } from './iptables-ruleset.ts';

/** Parses `iptables [-t table] -S` output; `table` is the `-t` that was given ("filter" by default). */
export function parseIptablesS(text: string, table = 'filter'): IptablesRuleset {
  const builder = new RulesetBuilder();
  const skipped: SkippedLine[] = [];
  builder.table(table);
  for (const line of inputLines(text)) {
    const reason = readLine(builder, table, line.text.trim());
    if (reason !== null) skipped.push(skipLine(line, reason));
  }
  return builder.build(skipped);
}

/** Reads one `-P`, `-N` or `-A` line; returns why it failed, or null. */
function readLine(builder: RulesetBuilder, table: string, content: string): string | null {
  const [command, chain, ...rest] = words(content);
  if ((command === '-P' || command === '-N') && chain !== undefined) {
    const policy = command === '-P' ? (rest[0] ?? null) : null;
    // `iptables -S -v` appends `-c packets bytes` to the policy line.
    const countersAt = rest.indexOf('-c');
    const chainCounters =
      countersAt >= 0 ? counters(rest[countersAt + 1], rest[countersAt + 2]) : null;
    builder.declareChain(table, chain, policy, chainCounters);
    return null;
  }
  const parsed = parseIptablesRule(content);
  if (!parsed.ok) return parsed.reason;
  builder.appendRule(table, parsed.rule);
  return null;
}
