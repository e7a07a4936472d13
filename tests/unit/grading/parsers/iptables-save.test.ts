import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIptablesSave } from '../../../../server/grading/parsers/iptables-save.ts';
import type { IptablesChain } from '../../../../server/grading/parsers/iptables-ruleset.ts';

function fixture(name: string): string {
  return readFileSync(
    path.join(import.meta.dirname, '../../../fixtures/iptables-save', name),
    'utf8',
  );
}

/** One chain of a fixture, failing the test when it is missing. */
function chain(fixtureName: string, table: string, name: string): IptablesChain {
  const found = parseIptablesSave(fixture(fixtureName)).tables[table]?.chains[name];
  assert.ok(found, `${table}/${name} not in ${fixtureName}`);
  return found;
}

const kube = 'kube-proxy-service-three-endpoints-and-docker.txt';

describe('parseIptablesSave', () => {
  test("returns Docker's filter and nat chains on a fresh sandbox", () => {
    const result = parseIptablesSave(fixture('sandbox-host-fresh-docker-default.txt'));
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(Object.keys(result.tables), ['filter', 'nat']);
    assert.deepEqual(Object.keys(result.tables['filter']?.chains ?? {}), [
      'INPUT',
      'FORWARD',
      'OUTPUT',
      'DOCKER',
      'DOCKER-ISOLATION-STAGE-1',
      'DOCKER-ISOLATION-STAGE-2',
      'DOCKER-USER',
    ]);
    const forward = chain('sandbox-host-fresh-docker-default.txt', 'filter', 'FORWARD');
    assert.equal(forward.policy, 'ACCEPT');
    assert.deepEqual(forward.counters, { packets: 0, bytes: 0 });
    assert.equal(forward.rules.length, 6);
  });

  test('reads one isolation rule per bridge in DOCKER-ISOLATION-STAGE-1 and -2', () => {
    const name = 'sandbox-host-three-bridges.txt';
    const stage1 = chain(name, 'filter', 'DOCKER-ISOLATION-STAGE-1').rules;
    assert.deepEqual(
      stage1.map((r) => [r.inIface?.value, r.outIface?.value, r.outIface?.negated, r.target]),
      [
        ['br-29929a8485a8', 'br-29929a8485a8', true, 'DOCKER-ISOLATION-STAGE-2'],
        ['br-7bb7cbff6136', 'br-7bb7cbff6136', true, 'DOCKER-ISOLATION-STAGE-2'],
        ['docker0', 'docker0', true, 'DOCKER-ISOLATION-STAGE-2'],
        [undefined, undefined, undefined, 'RETURN'],
      ],
    );
    const stage2 = chain(name, 'filter', 'DOCKER-ISOLATION-STAGE-2').rules;
    assert.deepEqual(
      stage2.map((r) => `${r.outIface?.value ?? '*'} ${r.target ?? ''}`),
      ['br-29929a8485a8 DROP', 'br-7bb7cbff6136 DROP', 'docker0 DROP', '* RETURN'],
    );
  });

  test('returns the kube-proxy service chain with probabilities 1/3 and 1/2 and a final catch-all', () => {
    const rules = chain(kube, 'nat', 'KUBE-SVC-LOLE4ISW44XBNF3G').rules.slice(1);
    assert.deepEqual(
      rules.map((r) => [r.probability, r.target]),
      [
        [0.33333333349, 'KUBE-SEP-ZXMNUKOKXUTL2MK2'],
        [0.5, 'KUBE-SEP-RKHZVWDKMJDLFBXG'],
        [null, 'KUBE-SEP-FZYN7ZVPTAQ2L4ND'],
      ],
    );
  });

  const endpoints: [string, string][] = [
    ['KUBE-SEP-ZXMNUKOKXUTL2MK2', '10.244.1.2:80'],
    ['KUBE-SEP-RKHZVWDKMJDLFBXG', '10.244.1.3:80'],
    ['KUBE-SEP-FZYN7ZVPTAQ2L4ND', '10.244.2.2:80'],
  ];
  for (const [sep, destination] of endpoints) {
    test(`returns DNAT to ${destination} in ${sep}`, () => {
      const [masq, dnat] = chain(kube, 'nat', sep).rules;
      assert.equal(masq?.source?.value, `${destination.split(':')[0] ?? ''}/32`);
      assert.equal(masq.target, 'KUBE-MARK-MASQ');
      assert.equal(dnat?.target, 'DNAT');
      assert.equal(dnat.toDestination, destination);
    });
  }

  test('reads the ClusterIP and NodePort entry rules', () => {
    const [clusterIp, nodePorts] = chain(kube, 'nat', 'KUBE-SERVICES').rules;
    assert.equal(clusterIp?.destination?.value, '10.96.0.10/32');
    assert.equal(clusterIp.dport?.value, '80');
    assert.equal(clusterIp.comment, 'default/web cluster IP');
    assert.equal(nodePorts?.target, 'KUBE-NODEPORTS');
    assert.equal(chain(kube, 'nat', 'KUBE-NODEPORTS').rules[0]?.dport?.value, '30080');
  });

  test('reads iptables-save -c: chain and rule counters, same raw rules as without -c', () => {
    const withCounters = parseIptablesSave(fixture('kube-proxy-nat-table-with-counters.txt'));
    assert.deepEqual(withCounters.skipped, []);
    const prerouting = withCounters.tables['nat']?.chains['PREROUTING'];
    assert.deepEqual(prerouting?.counters, { packets: 1, bytes: 84 });
    assert.deepEqual(prerouting.rules[0]?.counters, { packets: 0, bytes: 0 });
    const nat = Object.values(withCounters.tables['nat']?.chains ?? {});
    const plainNat = Object.values(parseIptablesSave(fixture(kube)).tables['nat']?.chains ?? {});
    assert.deepEqual(
      nat.flatMap((c) => c.rules.map((r) => r.raw)),
      plainNat.flatMap((c) => c.rules.map((r) => r.raw)),
    );
  });

  test("reads Docker's published-port DNAT and hairpin MASQUERADE", () => {
    const name = 'docker-published-port-and-kube-proxy.txt';
    const dnat = chain(name, 'nat', 'DOCKER').rules.find((r) => r.target === 'DNAT');
    assert.equal(dnat?.toDestination, '172.17.0.3:80');
    assert.equal(dnat.dport?.value, '8080');
    const hairpin = chain(name, 'nat', 'POSTROUTING').rules.at(-1);
    assert.equal(hairpin?.source?.value, '172.17.0.3/32');
    assert.equal(hairpin.destination?.value, '172.17.0.3/32');
  });

  test('gives the same tables for CRLF and blank lines', () => {
    const clean = fixture('sandbox-host-after-network-connect-and-nginx.txt');
    assert.deepEqual(
      parseIptablesSave(`\r\n${clean.replaceAll('\n', ' \r\n\r\n')}`),
      parseIptablesSave(clean),
    );
  });

  test('skips rules outside a table and lines it cannot read, keeping the rest', () => {
    const lines = fixture('sandbox-host-fresh-docker-default.txt').split('\n');
    const rule = lines.find((line) => line.startsWith('-A DOCKER-USER')) ?? '';
    lines.splice(2, 0, 'iptables-save: line 3 failed');
    lines.unshift(rule);
    const result = parseIptablesSave(lines.join('\n'));
    assert.deepEqual(
      result.skipped.map((s) => [s.line, s.reason]),
      [
        [1, 'outside a *table section'],
        [4, 'not an -A rule'],
      ],
    );
    assert.equal(result.tables['filter']?.chains['DOCKER-USER']?.rules.length, 1);
  });

  test('never throws on truncated output', () => {
    const text = fixture(kube);
    for (let cut = 0; cut <= text.length; cut += 13) {
      const result = parseIptablesSave(text.slice(0, cut));
      assert.ok(Object.keys(result.tables).length <= 2);
    }
  });
});

describe('parseIptablesSave on every captured iptables-save', () => {
  const dir = path.join(import.meta.dirname, '../../../fixtures/iptables-save');
  for (const name of readdirSync(dir)) {
    test(`reads every line of ${name}`, () => {
      const result = parseIptablesSave(fixture(name));
      assert.deepEqual(result.skipped, []);
      assert.ok(Object.keys(result.tables['nat']?.chains ?? {}).includes('DOCKER'));
    });
  }
});
