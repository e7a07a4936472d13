import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIptablesS } from '../../../../server/grading/parsers/iptables-s.ts';
import { parseIptablesSave } from '../../../../server/grading/parsers/iptables-save.ts';

function fixture(command: string, name: string): string {
  return readFileSync(path.join(import.meta.dirname, '../../../fixtures', command, name), 'utf8');
}

/** Every rule's raw text in a table, chain by chain. */
function rawRules(chains: Record<string, { rules: { raw: string }[] }> | undefined): string[] {
  return Object.values(chains ?? {}).flatMap((chain) => chain.rules.map((rule) => rule.raw));
}

describe('parseIptablesS', () => {
  test('returns built-in chains with policies and Docker chains without, in the filter table', () => {
    const result = parseIptablesS(fixture('iptables-s', 'sandbox-host-fresh-filter.txt'));
    assert.deepEqual(result.skipped, []);
    const chains = result.tables['filter']?.chains ?? {};
    assert.deepEqual(
      Object.values(chains).map((c) => [c.name, c.policy]),
      [
        ['INPUT', 'ACCEPT'],
        ['FORWARD', 'ACCEPT'],
        ['OUTPUT', 'ACCEPT'],
        ['DOCKER', null],
        ['DOCKER-ISOLATION-STAGE-1', null],
        ['DOCKER-ISOLATION-STAGE-2', null],
        ['DOCKER-USER', null],
      ],
    );
    assert.deepEqual(
      chains['DOCKER-ISOLATION-STAGE-2']?.rules.map((r) => r.raw),
      ['-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP', '-A DOCKER-ISOLATION-STAGE-2 -j RETURN'],
    );
  });

  test('shows DOCKER-ISOLATION-STAGE-2 with only RETURN after its DROP rules were deleted', () => {
    const chains = parseIptablesS(
      fixture('iptables-s', 'docker-isolation-stage-2-drops-deleted.txt'),
    ).tables['filter']?.chains;
    assert.deepEqual(
      chains?.['DOCKER-ISOLATION-STAGE-2']?.rules.map((r) => r.target),
      ['RETURN'],
    );
    assert.equal(chains['DOCKER-ISOLATION-STAGE-1']?.rules.length, 3);
  });

  test('files the rules under the table it was asked for', () => {
    const result = parseIptablesS(fixture('iptables-s', 'kube-proxy-nat-table.txt'), 'nat');
    assert.deepEqual(Object.keys(result.tables), ['nat']);
    const sep = result.tables['nat']?.chains['KUBE-SEP-RKHZVWDKMJDLFBXG'];
    assert.equal(sep?.rules[1]?.toDestination, '10.244.1.3:80');
  });

  test('reads a single chain listed with iptables -t nat -S CHAIN', () => {
    const chains = parseIptablesS(fixture('iptables-s', 'kube-proxy-service-chain-only.txt'), 'nat')
      .tables['nat']?.chains;
    assert.deepEqual(Object.keys(chains ?? {}), ['KUBE-SVC-LOLE4ISW44XBNF3G']);
    assert.deepEqual(
      chains?.['KUBE-SVC-LOLE4ISW44XBNF3G']?.rules.map((r) => r.probability),
      [null, 0.33333333349, 0.5, null],
    );
  });

  const sameState: [string, string][] = [
    ['nat', 'kube-proxy-nat-table.txt'],
    ['filter', 'kube-proxy-filter-with-kube-forward.txt'],
  ];
  for (const [table, name] of sameState) {
    test(`agrees with iptables-save captured at the same moment on the ${table} rules`, () => {
      const fromS = parseIptablesS(fixture('iptables-s', name), table).tables[table];
      const fromSave = parseIptablesSave(
        fixture('iptables-save', 'kube-proxy-service-three-endpoints-and-docker.txt'),
      ).tables[table];
      assert.ok(rawRules(fromS?.chains).length > 5);
      assert.deepEqual(rawRules(fromS?.chains).sort(), rawRules(fromSave?.chains).sort());
    });
  }

  test('skips lines that are not -P, -N or -A and keeps the rest', () => {
    const clean = fixture('iptables-s', 'sandbox-host-fresh-filter.txt');
    const result = parseIptablesS(
      `iptables: No chain/target/match by that name.\r\n${clean.replaceAll('\n', '\r\n')}`,
    );
    assert.deepEqual(result.skipped, [
      { line: 1, text: 'iptables: No chain/target/match by that name.', reason: 'not an -A rule' },
    ]);
    assert.deepEqual(result.tables, parseIptablesS(clean).tables);
  });

  test('never throws on truncated output', () => {
    const text = fixture('iptables-s', 'kube-proxy-nat-table.txt');
    for (let cut = 0; cut <= text.length; cut += 7) {
      const chains = parseIptablesS(text.slice(0, cut), 'nat').tables['nat']?.chains ?? {};
      // 14 chains, plus at most one whose `-N` line was cut inside its name.
      assert.ok(Object.keys(chains).length <= 15);
    }
  });
});

describe('parseIptablesS on every captured iptables -S', () => {
  const dir = path.join(import.meta.dirname, '../../../fixtures/iptables-s');
  for (const name of readdirSync(dir)) {
    test(`reads every line of ${name}`, () => {
      const result = parseIptablesS(fixture('iptables-s', name));
      assert.deepEqual(result.skipped, []);
      assert.ok(rawRules(result.tables['filter']?.chains).length > 0);
    });
  }
});
