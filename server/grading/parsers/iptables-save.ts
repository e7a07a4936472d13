/**
 * `iptables-save` (iptables 1.8, nf_tables or legacy): `*table` sections of
 * `:CHAIN POLICY [packets:bytes]` declarations and `-A` rules, each closed by
 * `COMMIT`; `-c` adds a `[packets:bytes]` prefix to every rule.
 */
import { inputLines, skipLine, type SkippedLine } from './input-lines.ts';
import { counters, parseIptablesRule } from './iptables-rule.ts';
import { RulesetBuilder, type IptablesRuleset } from './iptables-ruleset.ts';

const CHAIN = /^:(\S+)\s+(\S+)(?:\s+\[(\d+):(\d+)\])?$/;

/** Parses `iptables-save` output (with or without `-c`) into tables, chains and rules. */
export function parseIptablesSave(text: string): IptablesRuleset {
  const builder = new RulesetBuilder();
  const skipped: SkippedLine[] = [];
  let table: string | null = null;
  for (const line of inputLines(text)) {
    const content = line.text.trim();
    if (content.startsWith('#')) continue;
    if (content.startsWith('*')) {
      table = content.slice(1);
      builder.table(table);
      continue;
    }
    if (content === 'COMMIT') {
      table = null;
      continue;
    }
    const reason = table === null ? 'outside a *table section' : readLine(builder, table, content);
    if (reason !== null) skipped.push(skipLine(line, reason));
  }
  return builder.build(skipped);
}

/** Reads a chain declaration or a rule inside a table; returns why it failed, or null. */
function readLine(builder: RulesetBuilder, table: string, content: string): string | null {
  const chain = CHAIN.exec(content);
  if (chain) {
    const [, name = '', policy = '', packets, bytes] = chain;
    builder.declareChain(table, name, policy === '-' ? null : policy, counters(packets, bytes));
    return null;
  }
  const parsed = parseIptablesRule(content);
  if (!parsed.ok) return parsed.reason;
  builder.appendRule(table, parsed.rule);
  return null;
}
