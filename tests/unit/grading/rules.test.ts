/** Probes over ip route and iptables-save in a namespace, on recorded sandboxes. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { evaluatePassive, isActive } from '../../../server/grading/probes.ts';
import { checkSchema } from '../../../server/grading/probes/check-schema.ts';
import { worldOf, type Recording } from '../../../server/grading/probes/recording.ts';

/**
 * Judges a passive probe call on a world recorded from a real sandbox (tests/fixtures/grading).
 * probes-*: worlds recorded from earlier versions of four labs (a container wired into
 * node1's cni0, nodes on 192.168.56.0/24), kept for the topologies these cases need.
 */
function judge(fixture: string, raw: unknown) {
  const file = path.join(import.meta.dirname, '../../fixtures/grading', `${fixture}.json`);
  const call = checkSchema.parse(raw);
  assert.ok(!isActive(call), 'passive probes only');
  return evaluatePassive(call, worldOf(JSON.parse(readFileSync(file, 'utf8')) as Recording));
}

// [fixture, probe call, passes, the value it reads (or null), words in what it saw]
const cases: [string, Record<string, unknown>, boolean, string | null, string][] = [
  [
    'probes-k8s-pods-solved',
    { probe: 'route_exists', ns: 'node1', dest: '10.244.2.0/24', via: '192.168.56.12' },
    true,
    '10.244.2.0/24',
    '10.244.2.0/24 via 192.168.56.12 dev eth0',
  ],
  [
    'probes-k8s-pods-solved',
    { probe: 'route_exists', ns: 'pod-a', dest: 'default', via: '10.244.1.254' },
    false,
    null,
    'default via 10.244.1.1 dev eth0',
  ],
  [
    'probes-k8s-pods-solved',
    { probe: 'route_exists', ns: 'node1', dest: '10.244.2.0/24', dev: 'cni0' },
    false,
    null,
    'its routes to 10.244.2.0/24',
  ],
  [
    'probes-k8s-pods-fresh',
    { probe: 'route_exists', ns: 'pod-a', dest: 'default' },
    false,
    null,
    'there is no container or network namespace named pod-a',
  ],
  [
    'probes-cross-bridge-solved',
    {
      probe: 'iptables_rule',
      chain: 'DOCKER-ISOLATION-STAGE-2',
      match: { out_iface: 'docker0', target: 'DROP' },
      present: false,
    },
    true,
    null,
    'its rules: -A DOCKER-ISOLATION-STAGE-2 -j RETURN',
  ],
  [
    'probes-cross-bridge-fresh',
    {
      probe: 'iptables_rule',
      chain: 'DOCKER-ISOLATION-STAGE-2',
      match: { out_iface: '{{bridge:my_bridge2}}', target: 'DROP' },
      present: false,
    },
    false,
    'DOCKER-ISOLATION-STAGE-2',
    'found: -A DOCKER-ISOLATION-STAGE-2 -o br-',
  ],
  [
    'probes-cross-bridge-fresh',
    {
      probe: 'iptables_rule',
      chain: 'DOCKER-ISOLATION-STAGE-*',
      match: { in_iface: 'docker0', out_iface: 'docker0' },
    },
    false,
    null,
    'its rules:',
  ],
  [
    'probes-k8s-services-solved',
    {
      probe: 'iptables_rule',
      ns: 'node1',
      table: 'nat',
      chain: 'KUBE-SERVICES',
      match: { destination: '10.96.12.34', protocol: 'tcp', dport: '80', target: 'KUBE-SVC-*' },
    },
    true,
    'KUBE-SERVICES',
    'found: -A KUBE-SERVICES -d 10.96.12.34/32',
  ],
  [
    'probes-k8s-services-solved',
    {
      probe: 'iptables_rule',
      ns: 'node1',
      table: 'nat',
      chain: 'KUBE-SVC-*',
      match: { probability: 0.5, target: 'KUBE-SEP-*' },
    },
    true,
    'KUBE-SVC-WEB80',
    '--probability 0.5',
  ],
  [
    'probes-k8s-services-solved',
    {
      probe: 'iptables_rule',
      ns: 'node1',
      table: 'nat',
      chain: 'KUBE-SEP-*',
      match: { target: 'DNAT', to_destination: '10.244.2.3:80' },
    },
    true,
    'KUBE-SEP-PODC',
    '--to-destination 10.244.2.3:80',
  ],
  [
    'probes-k8s-services-solved',
    {
      probe: 'iptables_rule',
      ns: 'node1',
      table: 'nat',
      chain: 'KUBE-SEP-*',
      match: { to_destination: '10.244.2.3:8080' },
    },
    false,
    null,
    'its rules: -A KUBE-SEP-PODB',
  ],
  [
    'probes-k8s-services-solved',
    {
      probe: 'iptables_rule',
      ns: 'node1',
      table: 'nat',
      chain: 'KUBE-SERVICES',
      match: { has: '--dst-type LOCAL', target: 'KUBE-NODEPORTS' },
    },
    true,
    'KUBE-SERVICES',
    'found:',
  ],
  [
    'probes-k8s-services-fresh',
    {
      probe: 'iptables_rule',
      ns: 'node1',
      table: 'nat',
      chain: 'KUBE-NODEPORTS',
      match: { dport: '31290' },
    },
    false,
    null,
    'there is no chain KUBE-NODEPORTS in the nat table of node1',
  ],
];

describe('rule probes', () => {
  for (const [fixture, call, passed, value, words] of cases) {
    test(`returns passed=${passed} for ${JSON.stringify(call)} on ${fixture}`, () => {
      const result = judge(fixture, call);
      assert.equal(result.passed, passed, `${result.expected.en} / ${result.actual.en}`);
      assert.equal(result.value, value);
      assert.ok(result.actual.en.includes(words), `"${result.actual.en}" lacks "${words}"`);
      assert.notEqual(result.expected['zh-cn'], result.expected.en);
    });
  }
});
