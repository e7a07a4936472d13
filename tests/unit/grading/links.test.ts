/** Probes over ip addr in every namespace, on recorded sandboxes. */
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
    'bridge-solved',
    { probe: 'bridge_of', ns: 'busybox1', interface: 'eth0', equals: 'docker0' },
    true,
    'docker0',
    'is docker0',
  ],
  [
    'probes-k8s-pods-solved',
    { probe: 'bridge_of', ns: 'pod-c', interface: 'eth0', equals: 'cni0' },
    true,
    'cni0',
    'is cni0',
  ],
  [
    'probes-ingress-solved',
    { probe: 'bridge_of', ns: 'ingress', interface: 'eth0', equals: 'cni0' },
    true,
    'cni0',
    'is cni0',
  ],
  [
    'bridge-solved',
    { probe: 'bridge_of', ns: 'host', interface: 'docker0' },
    false,
    null,
    'docker0 of host is not plugged into any bridge',
  ],
  [
    'bridge-solved',
    { probe: 'veth_peer', ns: 'busybox1', interface: 'eth0', equals: 'vethcf343e4@if3' },
    true,
    'vethcf343e4',
    'is vethcf343e4',
  ],
  [
    'bridge-solved',
    { probe: 'veth_peer', ns: 'host', interface: 'veth98c2153' },
    true,
    'eth0',
    'is eth0',
  ],
  [
    'probes-k8s-pods-solved',
    { probe: 'veth_peer', ns: 'pod-a', interface: 'eth0' },
    true,
    'veth-pod-a',
    'is veth-pod-a',
  ],
  [
    'probes-k8s-pods-solved',
    { probe: 'veth_peer', ns: 'pod-b', interface: 'eth0' },
    true,
    'veth-pod-b',
    'is veth-pod-b',
  ],
  [
    'probes-ingress-solved',
    { probe: 'veth_peer', ns: 'ingress', interface: 'eth0' },
    true,
    'veth-ingress',
    'is veth-ingress',
  ],
  [
    'probes-ingress-solved',
    { probe: 'veth_peer', ns: 'node1', interface: 'veth-ingress' },
    true,
    'eth0',
    'is eth0',
  ],
  [
    'bridge-solved',
    { probe: 'interface_mac', ns: 'busybox2', interface: 'eth0' },
    true,
    '02:42:ac:11:00:03',
    'is 02:42:ac:11:00:03',
  ],
  [
    'static-ip-solved',
    { probe: 'interface_mac', ns: 'busybox2', interface: 'eth0', equals: '02:42:C0:A8:1F:28' },
    true,
    '02:42:c0:a8:1f:28',
    'is 02:42:c0:a8:1f:28',
  ],
  [
    'host-solved',
    { probe: 'interface_addr', ns: 'web1', interface: 'docker0', equals: '172.17.0.1' },
    true,
    '172.17.0.1/16',
    'is 172.17.0.1/16',
  ],
  [
    'host-solved',
    { probe: 'interface_addr', ns: 'web2', interface: 'docker0' },
    false,
    null,
    'web2 is not running',
  ],
  [
    'probes-cross-bridge-solved',
    { probe: 'interface_addr', ns: 'busybox1', interface: 'eth1', in: '172.17.0.0/16' },
    true,
    '172.17.0.4/16',
    'is 172.17.0.4/16',
  ],
  [
    'subnet-solved',
    { probe: 'interface_addr', interface: '{{bridge:my_bridge2}}', equals: '192.168.200.1/24' },
    true,
    '192.168.200.1/24',
    'is 192.168.200.1/24',
  ],
  [
    'probes-ingress-fresh',
    { probe: 'interface_addr', ns: 'ingress', interface: 'eth0' },
    false,
    null,
    'ingress has no interface eth0 (it has lo)',
  ],
  [
    'probes-ingress-fresh',
    { probe: 'interface_addr', ns: 'nothere', interface: 'eth0' },
    false,
    null,
    'there is no container or network namespace named nothere',
  ],
  [
    'bridge-solved',
    { probe: 'bridge_members', bridge: 'docker0', min: 2 },
    true,
    'vethcf343e4,veth98c2153',
    'ports: vethcf343e4, veth98c2153',
  ],
  [
    'bridge-solved',
    { probe: 'bridge_members', bridge: 'docker0', includes: 'veth9' },
    false,
    'vethcf343e4,veth98c2153',
    'ports: vethcf343e4, veth98c2153',
  ],
  [
    'subnet-solved',
    { probe: 'addr_owner', address: '192.168.200.1' },
    true,
    'br-03df21db2b0b',
    'is br-03df21db2b0b',
  ],
  [
    'subnet-fresh',
    { probe: 'addr_owner', address: '192.168.200.1/24' },
    false,
    null,
    'no interface of host holds 192.168.200.1/24',
  ],
  [
    'probes-k8s-pods-solved',
    { probe: 'netns_exists', name: 'pod-a' },
    true,
    'pod-a',
    'ip netns list shows:',
  ],
  [
    'probes-k8s-pods-fresh',
    { probe: 'netns_exists', name: 'pod-a' },
    false,
    null,
    'ip netns list shows: node1, node2, pod-b, pod-c',
  ],
];

describe('link probes', () => {
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
