import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseIptablesRule,
  type IptablesRule,
} from '../../../../server/grading/parsers/iptables-rule.ts';
import { RulesetBuilder } from '../../../../server/grading/parsers/iptables-ruleset.ts';

const rules = readFileSync(
  path.join(import.meta.dirname, '../../../fixtures/iptables-s/kube-proxy-service-chain-only.txt'),
  'utf8',
)
  .split('\n')
  .map((line) => parseIptablesRule(line))
  .flatMap((parsed) => (parsed.ok ? [parsed.rule] : []));

/** The i-th rule of the fixture's KUBE-SVC chain. */
function rule(index: number): IptablesRule {
  const found = rules[index];
  assert.ok(found);
  return found;
}

describe('RulesetBuilder', () => {
  test('creates a chain for a rule that comes before any declaration', () => {
    const builder = new RulesetBuilder();
    builder.appendRule('nat', rule(1));
    const chain = builder.build([]).tables['nat']?.chains['KUBE-SVC-LOLE4ISW44XBNF3G'];
    assert.equal(chain?.policy, null);
    assert.deepEqual(chain.rules, [rule(1)]);
  });

  test('keeps rules in order and keeps them when a chain is declared again', () => {
    const builder = new RulesetBuilder();
    builder.declareChain('nat', 'KUBE-SVC-LOLE4ISW44XBNF3G', null, null);
    for (const item of rules) builder.appendRule('nat', item);
    builder.declareChain('nat', 'KUBE-SVC-LOLE4ISW44XBNF3G', null, { packets: 4, bytes: 240 });
    const chain = builder.build([]).tables['nat']?.chains['KUBE-SVC-LOLE4ISW44XBNF3G'];
    assert.deepEqual(chain?.counters, { packets: 4, bytes: 240 });
    assert.deepEqual(
      chain.rules.map((r) => r.target),
      [
        'KUBE-MARK-MASQ',
        'KUBE-SEP-ZXMNUKOKXUTL2MK2',
        'KUBE-SEP-RKHZVWDKMJDLFBXG',
        'KUBE-SEP-FZYN7ZVPTAQ2L4ND',
      ],
    );
  });

  test('keeps an empty table and passes skipped lines through', () => {
    const builder = new RulesetBuilder();
    builder.table('raw');
    const skipped = [{ line: 3, text: 'x', reason: 'not an -A rule' }];
    assert.deepEqual(builder.build(skipped), {
      tables: { raw: { name: 'raw', chains: {} } },
      skipped,
    });
  });

  test('stores a chain named __proto__ as data, not as a prototype', () => {
    const builder = new RulesetBuilder();
    builder.declareChain('filter', '__proto__', null, null);
    const chains = builder.build([]).tables['filter']?.chains ?? {};
    assert.deepEqual(Object.keys(chains), ['__proto__']);
    assert.equal(Object.getPrototypeOf(chains), Object.prototype);
  });
});
