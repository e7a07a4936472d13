import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIpLink } from '../../../../server/grading/parsers/ip-link.ts';

function fixture(name: string): string {
  return readFileSync(path.join(import.meta.dirname, '../../../fixtures/ip-link', name), 'utf8');
}

describe('parseIpLink', () => {
  const pairs: [string, string][] = [
    [
      'sandbox-host-cni0-link-netns-and-peer-names.txt',
      'sandbox-host-cni0-link-netns-and-peer-names-oneline.txt',
    ],
    ['busybox1-default-bridge.txt', 'busybox1-default-bridge-oneline.txt'],
  ];
  for (const [multiLine, oneLine] of pairs) {
    test(`reads ip -o link the same as ip link (${oneLine})`, () => {
      const expected = parseIpLink(fixture(multiLine));
      assert.deepEqual(expected.skipped, []);
      assert.ok(expected.interfaces.length >= 2);
      assert.deepEqual(parseIpLink(fixture(oneLine)), expected);
    });
  }

  test('returns busybox eth0 with peer ifindex 6 from one-line output', () => {
    const eth0 = parseIpLink(fixture('busybox1-default-bridge-oneline.txt')).interfaces[1];
    assert.equal(eth0?.name, 'eth0');
    assert.equal(eth0.peerIndex, 6);
    assert.equal(eth0.mac, '02:42:ac:11:00:02');
    assert.deepEqual(eth0.addresses, []);
  });

  test('reads master, link-netnsid and the UP state from iproute2 one-line output', () => {
    const interfaces = parseIpLink(fixture('sandbox-host-three-bridges-oneline.txt')).interfaces;
    const veth = interfaces.find((i) => i.name === 'vethf78ce45');
    assert.ok(veth);
    assert.equal(veth.index, 10);
    assert.equal(veth.peerIndex, 9);
    assert.equal(veth.master, 'br-29929a8485a8');
    assert.equal(veth.state, 'UP');
    assert.equal(veth.linkNetnsId, 1);
    assert.equal(veth.mac, '6e:5e:4f:b1:b5:84');
  });

  test('reads link-netns names and same-namespace peer names', () => {
    const interfaces = parseIpLink(
      fixture('sandbox-host-cni0-link-netns-and-peer-names.txt'),
    ).interfaces;
    assert.deepEqual(
      interfaces.map((i) => [i.name, i.peerIndex ?? i.peerName, i.linkNetns ?? i.linkNetnsId]),
      [
        ['lo', null, null],
        ['docker0', null, null],
        ['veth8d544eb', 3, 0],
        ['cni0', null, null],
        ['veth-pod1', 2, 'pod1'],
        ['veth-pod2', 2, 'pod2'],
        ['node0-peer', 'node0', null],
        ['node0', 'node0-peer', null],
      ],
    );
  });

  test('reads the pod end of a veth inside its namespace', () => {
    const eth0 = parseIpLink(fixture('pod1-netns-eth0-oneline.txt')).interfaces.find(
      (i) => i.name === 'eth0',
    );
    assert.equal(eth0?.peerIndex, 6);
    assert.equal(eth0.linkNetnsId, 0);
    assert.equal(eth0.mac, 'fe:1a:a3:c3:1a:79');
  });

  test('reads a down vxlan and a macvlan on docker0', () => {
    const interfaces = parseIpLink(
      fixture('sandbox-host-macvlan-on-docker0-and-vxlan-down.txt'),
    ).interfaces;
    assert.deepEqual(
      interfaces.slice(2).map((i) => [i.name, i.peerName, i.state, i.qdisc, i.flags]),
      [
        ['vx0', null, 'DOWN', 'noop', ['BROADCAST', 'MULTICAST']],
        ['mv0', 'docker0', 'DOWN', 'noop', ['BROADCAST', 'MULTICAST']],
      ],
    );
  });

  test('skips a stray line in one-line output and keeps the interfaces around it', () => {
    const lines = fixture('sandbox-host-three-bridges-oneline.txt').split('\n');
    lines.splice(2, 0, 'RTNETLINK answers: Operation not permitted');
    const result = parseIpLink(lines.join('\r\n'));
    assert.equal(result.interfaces.length, 8);
    assert.deepEqual(result.skipped, [
      {
        line: 3,
        text: 'RTNETLINK answers: Operation not permitted',
        reason: 'unknown line inside an interface block',
      },
    ]);
  });
});

describe('parseIpLink on every captured ip link', () => {
  const dir = path.join(import.meta.dirname, '../../../fixtures/ip-link');
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.txt'))) {
    test(`reads every line of ${name}`, () => {
      const result = parseIpLink(fixture(name));
      assert.deepEqual(result.skipped, []);
      assert.ok(result.interfaces.length >= 2);
      assert.ok(result.interfaces.every((i) => i.linkType !== null && i.mtu !== null));
    });
  }
});
