/**
 * The probe registry: dispatch, live references, which probes are active,
 * and what each value probe reads. The probes themselves are tested per
 * module (docker, links, rules, commands, active) on worlds recorded from
 * real sandboxes by `netlab lab record`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  evaluatePassive,
  isActive,
  subjectOf,
  valueKindOf,
} from '../../../server/grading/probes.ts';
import { checkSchema } from '../../../server/grading/probes/check-schema.ts';
import { worldOf, type Recording } from '../../../server/grading/probes/recording.ts';

/** Judges a passive probe call on a world recorded from a real sandbox. */
function judge(fixture: string, raw: unknown) {
  const file = path.join(import.meta.dirname, '../../fixtures/grading', `${fixture}.json`);
  const call = checkSchema.parse(raw);
  assert.ok(!isActive(call), 'passive probes only');
  return evaluatePassive(call, worldOf(JSON.parse(readFileSync(file, 'utf8')) as Recording));
}

describe('evaluatePassive', () => {
  test('returns a failure naming the network when a live reference cannot be resolved', () => {
    const result = judge('bridge-fresh', { probe: 'bridge_of', interface: '{{bridge:nothere}}' });
    assert.equal(result.passed, false);
    assert.match(result.actual.en, /there is no network named nothere/);
    assert.match(result.actual['zh-cn'], /没有名为 nothere 的网络/);
  });

  test('returns a failure naming the container when its address is asked for before it runs', () => {
    const result = judge('cross-bridge-fresh', {
      probe: 'interface_addr',
      ns: '{{ip:nothere}}',
      interface: 'eth0',
    });
    assert.match(result.actual.en, /nothere is not running, so it has no address yet/);
  });
});

describe('isActive', () => {
  const cases: [string, boolean][] = [
    ['can_reach', true],
    ['http_get', true],
    ['shell', true],
    ['container', false],
    ['ran', false],
  ];
  for (const [probe, active] of cases) {
    test(`returns ${active} for ${probe}`, () => {
      const calls: Record<string, unknown> = {
        can_reach: { probe, from: 'a', to: '10.0.0.1' },
        http_get: { probe, from: 'a', url: 'http://x/' },
        shell: { probe, command: 'true' },
        container: { probe, name: 'web1' },
        ran: { probe, command: 'ip a' },
      };
      assert.equal(isActive(checkSchema.parse(calls[probe])), active);
    });
  }
});

describe('valueKindOf and subjectOf', () => {
  const cases: [Record<string, unknown>, string, string][] = [
    [
      { probe: 'veth_peer', ns: 'busybox1', interface: 'eth0' },
      'interface',
      'the peer of eth0 of busybox1',
    ],
    [
      { probe: 'veth_peer', ns: 'busybox1', network: 'bridge' },
      'interface',
      "the peer of busybox1's interface on bridge",
    ],
    [{ probe: 'container_ip', container: 'b', network: 'n' }, 'address', 'the address of b on n'],
    [{ probe: 'network_subnet', network: 'n' }, 'subnet', 'the subnet of n'],
    [{ probe: 'interface_mac', ns: 'b', interface: 'eth0' }, 'mac', 'the MAC address of eth0 of b'],
    [
      { probe: 'addr_owner', address: '10.0.0.1' },
      'interface',
      'the interface of host that holds 10.0.0.1',
    ],
    [
      { probe: 'iptables_rule', chain: 'KUBE-SEP-*', match: { target: 'DNAT' } },
      'name',
      'the filter chain matching KUBE-SEP-* that holds -j DNAT',
    ],
    [{ probe: 'shell', command: 'hostname' }, 'text', 'the output of `hostname`'],
  ];
  for (const [raw, kind, subject] of cases) {
    test(`returns ${kind} and "${subject}" for ${String(raw.probe)}`, () => {
      const call = checkSchema.parse(raw);
      assert.equal(valueKindOf(call), kind);
      assert.equal(subjectOf(call).en, subject);
    });
  }
});
