import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  pairs,
  parseLinkHeader,
  parseLinkLayer,
} from '../../../../server/grading/parsers/ip-link-line.ts';

/** The fixture's lines, without line endings. */
function fixtureLines(command: string, name: string): string[] {
  return readFileSync(
    path.join(import.meta.dirname, '../../../fixtures', command, name),
    'utf8',
  ).split('\n');
}

const busybox = fixtureLines('ip-addr', 'busybox1-default-bridge.txt');
const host = fixtureLines('ip-addr', 'sandbox-host-cni0-two-pod-netns-and-node0-veth.txt');

/** The line of `lines` that starts with `prefix` (after indentation). */
function lineStarting(lines: string[], prefix: string): string {
  const line = lines.find((candidate) => candidate.trimStart().startsWith(prefix));
  assert.ok(line, `no line starting with ${prefix}`);
  return line;
}

describe('parseLinkHeader', () => {
  test('returns eth0 with peer ifindex 6 and the M-DOWN flag when given busybox output', () => {
    const header = parseLinkHeader(lineStarting(busybox, '5: eth0@if6:'));
    assert.ok(header);
    assert.equal(header.index, 5);
    assert.equal(header.name, 'eth0');
    assert.equal(header.peerIndex, 6);
    assert.equal(header.peerName, null);
    assert.deepEqual(header.flags, ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP', 'M-DOWN']);
    assert.deepEqual(
      [...header.attributes],
      [
        ['mtu', '1500'],
        ['qdisc', 'noqueue'],
      ],
    );
  });

  test('reads master and state from an iproute2 pod veth header', () => {
    const header = parseLinkHeader(lineStarting(host, '6: veth-pod1@if2:'));
    assert.ok(header);
    assert.equal(header.peerIndex, 2);
    assert.equal(header.attributes.get('master'), 'cni0');
    assert.equal(header.attributes.get('state'), 'UP');
    assert.equal(header.attributes.get('qlen'), '1000');
  });

  test('returns the peer name when the veth peer lives in the same namespace', () => {
    const header = parseLinkHeader(lineStarting(host, '9: node0@node0-peer:'));
    assert.ok(header);
    assert.equal(header.name, 'node0');
    assert.equal(header.peerName, 'node0-peer');
    assert.equal(header.peerIndex, null);
  });

  test('returns the parent of a macvlan as its peer name', () => {
    const lines = fixtureLines('ip-link', 'sandbox-host-macvlan-on-docker0-and-vxlan-down.txt');
    const header = parseLinkHeader(lineStarting(lines, '4: mv0@docker0:'));
    assert.equal(header?.peerName, 'docker0');
    assert.equal(header.attributes.get('state'), 'DOWN');
  });

  const notHeaders = [
    lineStarting(busybox, 'link/ether'),
    lineStarting(busybox, 'inet 172.17.0.2/16'),
    lineStarting(busybox, 'valid_lft'),
    '',
  ];
  for (const line of notHeaders) {
    test(`returns null for ${JSON.stringify(line.trim())}`, () => {
      assert.equal(parseLinkHeader(line), null);
    });
  }
});

describe('parseLinkLayer', () => {
  test('reads the MAC and link-netnsid of a docker0 veth', () => {
    const lines = fixtureLines('ip-addr', 'sandbox-host-docker0-with-one-veth.txt');
    assert.deepEqual(parseLinkLayer(lineStarting(lines, 'link/ether 6e:83:48:bd:f0:7a')), {
      linkType: 'ether',
      mac: '6e:83:48:bd:f0:7a',
      linkNetnsId: 0,
      linkNetns: null,
    });
  });

  test('reads the named namespace of a pod veth', () => {
    assert.deepEqual(parseLinkLayer(lineStarting(host, 'link/ether c2:32:59:42:5a:ed')), {
      linkType: 'ether',
      mac: 'c2:32:59:42:5a:ed',
      linkNetnsId: null,
      linkNetns: 'pod1',
    });
  });

  test('reads the loopback type and its all-zero address', () => {
    const layer = parseLinkLayer(lineStarting(busybox, 'link/loopback'));
    assert.equal(layer?.linkType, 'loopback');
    assert.equal(layer.mac, '00:00:00:00:00:00');
  });

  test('returns null for a line that is not a link-layer line', () => {
    assert.equal(parseLinkLayer(lineStarting(busybox, 'inet6 fe80::42:acff:fe11:2/64')), null);
  });
});

describe('pairs', () => {
  test('keeps the first value of a repeated key and drops a dangling key', () => {
    assert.deepEqual([...pairs(['mtu', '1500', 'mtu', '9000', 'qdisc'])], [['mtu', '1500']]);
  });
});
