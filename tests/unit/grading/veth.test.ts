import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { worldOf, type Recording } from '../../../server/grading/probes/recording.ts';
import { allVethPairs, findPeer } from '../../../server/grading/probes/veth.ts';
import { findNamespace, type World } from '../../../server/grading/probes/world.ts';

/**
 * A world recorded from a real sandbox (tests/fixtures/grading).
 * probes-*: worlds recorded from earlier versions of four labs (a container wired into
 * node1's cni0, nodes on 192.168.56.0/24), kept for the topologies these cases need.
 */
function recorded(name: string): World {
  const file = path.join(import.meta.dirname, '../../fixtures/grading', `${name}.json`);
  return worldOf(JSON.parse(readFileSync(file, 'utf8')) as Recording);
}

function peersIn(world: World, ns: string): string[] {
  const lookup = findNamespace(world, ns);
  assert.ok(lookup.ok);
  return (lookup.ns.interfaces ?? [])
    .filter((i) => i.name !== 'lo')
    .map((i) => {
      const peer = findPeer(world, lookup.ns, i);
      return `${i.name}->${peer ? `${peer.ns.name}/${peer.iface.name}` : 'none'}`;
    });
}

describe('findPeer', () => {
  const cases: [string, string, string[]][] = [
    // Every pod's eth0 is ifindex 2: only link-netns names tell the pods apart.
    [
      'probes-k8s-pods-solved',
      'node2',
      ['eth0->host/eth-node2', 'cni0->none', 'veth-pod-b->pod-b/eth0', 'veth-pod-c->pod-c/eth0'],
    ],
    // veth-ingress@if2 and node2's eth0@if5 both fit by index; the unnamed-namespace id rules out the netns.
    [
      'probes-ingress-solved',
      'node1',
      [
        'eth0->host/eth-node1',
        'cni0->none',
        'veth-pod-a->pod-a/eth0',
        'veth-ingress->ingress/eth0',
      ],
    ],
    [
      'bridge-solved',
      'host',
      ['docker0->none', 'vethcf343e4->busybox1/eth0', 'veth98c2153->busybox2/eth0'],
    ],
    [
      'probes-cross-bridge-solved',
      'busybox1',
      ['eth0->host/veth1c0da82', 'eth1->host/vethc1abb17'],
    ],
  ];
  for (const [fixture, ns, peers] of cases) {
    test(`returns the other end of each interface of ${ns} in ${fixture}`, () => {
      assert.deepEqual(peersIn(recorded(fixture), ns), peers);
    });
  }
});

describe('allVethPairs', () => {
  test('returns each pair once', () => {
    const pairs = allVethPairs(recorded('probes-ingress-solved')).map(
      ([a, b]) => `${a.ns.name}/${a.iface.name}=${b.ns.name}/${b.iface.name}`,
    );
    assert.equal(pairs.length, 7);
    assert.equal(new Set(pairs).size, 7);
  });
});
