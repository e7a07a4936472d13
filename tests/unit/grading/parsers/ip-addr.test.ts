import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseAddressLine,
  parseIpAddr,
  type IpInterface,
} from '../../../../server/grading/parsers/ip-addr.ts';

function fixture(name: string): string {
  return readFileSync(path.join(import.meta.dirname, '../../../fixtures/ip-addr', name), 'utf8');
}

/** The named interface from a fixture, failing the test when it is missing. */
function iface(fixtureName: string, name: string): IpInterface {
  const found = parseIpAddr(fixture(fixtureName)).interfaces.find(
    (candidate) => candidate.name === name,
  );
  assert.ok(found, `${name} not in ${fixtureName}`);
  return found;
}

describe('parseIpAddr', () => {
  test('returns eth0 with peer ifindex 6 and 172.17.0.2/16 when given busybox output', () => {
    const result = parseIpAddr(fixture('busybox1-default-bridge.txt'));
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(
      result.interfaces.map((i) => i.name),
      ['lo', 'eth0'],
    );
    const eth0 = iface('busybox1-default-bridge.txt', 'eth0');
    assert.equal(eth0.index, 5);
    assert.equal(eth0.peerIndex, 6);
    assert.equal(eth0.mac, '02:42:ac:11:00:02');
    assert.equal(eth0.mtu, 1500);
    assert.equal(eth0.state, null);
    assert.ok(eth0.flags.includes('M-DOWN'));
    assert.deepEqual(eth0.addresses, [
      {
        family: 'inet',
        address: '172.17.0.2',
        prefixLen: 16,
        cidr: '172.17.0.2/16',
        broadcast: '172.17.255.255',
        scope: 'global',
      },
      {
        family: 'inet6',
        address: 'fe80::42:acff:fe11:2',
        prefixLen: 64,
        cidr: 'fe80::42:acff:fe11:2/64',
        broadcast: null,
        scope: 'link',
      },
    ]);
  });

  test('matches busybox1 eth0@if6 to the host veth2da7987@if5 enslaved to docker0', () => {
    const eth0 = iface('busybox1-default-bridge.txt', 'eth0');
    const host = parseIpAddr(fixture('sandbox-host-docker0-with-one-veth.txt')).interfaces;
    const peer = host.find((candidate) => candidate.index === eth0.peerIndex);
    assert.equal(peer?.name, 'veth2da7987');
    assert.equal(peer.peerIndex, eth0.index);
    assert.equal(peer.master, 'docker0');
    assert.equal(peer.linkNetnsId, 0);
    assert.equal(peer.mac, '6e:83:48:bd:f0:7a');
    assert.deepEqual(peer.addresses, []);
  });

  test('reads the static IP and its MAC 02:42:c0:a8:1f:19 on my_bridge2', () => {
    const eth0 = iface('busybox2-static-ip-my-bridge2.txt', 'eth0');
    assert.equal(eth0.peerIndex, 10);
    assert.equal(eth0.mac, '02:42:c0:a8:1f:19');
    assert.equal(eth0.addresses[0]?.cidr, '192.168.31.25/24');
  });

  test('lists both interfaces after docker network connect', () => {
    const eth1 = iface('busybox1-connected-to-bridge-and-my-bridge2.txt', 'eth1');
    assert.equal(eth1.index, 11);
    assert.equal(eth1.peerIndex, 12);
    assert.equal(eth1.mac, '02:42:c0:a8:1f:02');
    assert.equal(eth1.addresses[0]?.cidr, '192.168.31.2/24');
  });

  test('reads state, group-form headers and link-netnsid from iproute2 inside a container', () => {
    const eth0 = iface('busybox1-default-bridge-iproute2-via-nsenter.txt', 'eth0');
    assert.equal(eth0.state, 'UP');
    assert.equal(eth0.qdisc, 'noqueue');
    assert.equal(eth0.linkNetnsId, 0);
    assert.equal(eth0.peerIndex, 6);
    assert.equal(eth0.mac, '02:42:ac:11:00:02');
  });

  test('reports docker0 DOWN with NO-CARRIER on a fresh sandbox', () => {
    const docker0 = iface('sandbox-host-fresh-docker0-down.txt', 'docker0');
    assert.equal(docker0.state, 'DOWN');
    assert.ok(docker0.flags.includes('NO-CARRIER'));
    assert.equal(docker0.addresses[0]?.cidr, '172.17.0.1/16');
  });

  test('reads pod veths in named namespaces and a same-namespace veth pair', () => {
    const name = 'sandbox-host-cni0-two-pod-netns-and-node0-veth.txt';
    const pod1 = iface(name, 'veth-pod1');
    assert.equal(pod1.master, 'cni0');
    assert.equal(pod1.peerIndex, 2);
    assert.equal(pod1.linkNetns, 'pod1');
    assert.equal(iface(name, 'veth-pod2').linkNetns, 'pod2');
    const node0 = iface(name, 'node0');
    assert.equal(node0.peerName, 'node0-peer');
    assert.equal(node0.addresses[0]?.cidr, '10.0.0.11/24');
    assert.equal(node0.addresses[0].broadcast, null);
    assert.equal(iface(name, 'cni0').addresses[0]?.cidr, '10.244.1.1/24');
  });

  test('reads the pod side of the veth inside its namespace', () => {
    const eth0 = iface('pod1-netns-eth0-iproute2.txt', 'eth0');
    assert.equal(eth0.peerIndex, 6);
    assert.equal(eth0.mac, 'fe:1a:a3:c3:1a:79');
    assert.equal(eth0.addresses[0]?.cidr, '10.244.1.2/24');
  });

  const bridgePorts: [string, string[]][] = [
    ['docker0', ['veth2da7987', 'veth10e0e2a', 'veth5209add']],
    ['br-29929a8485a8', ['vethf78ce45', 'veth4eddc97']],
    ['br-7bb7cbff6136', ['vethc01f0aa', 'veth40fab5c', 'veth58fd77a']],
  ];
  for (const [bridge, ports] of bridgePorts) {
    test(`lists the veths enslaved to ${bridge} on a host with seven veths`, () => {
      const interfaces = parseIpAddr(
        fixture('sandbox-host-three-bridges-seven-veths.txt'),
      ).interfaces;
      assert.deepEqual(
        interfaces.filter((i) => i.master === bridge).map((i) => i.name),
        ports,
      );
    });
  }

  test('reads busybox output of the sandbox host seen from a --network=host container', () => {
    const veth = iface('busybox-host-network-sees-sandbox-host.txt', 'veth8d544eb');
    assert.equal(veth.master, 'docker0');
    assert.equal(veth.state, null);
    assert.equal(veth.peerIndex, 3);
  });

  test('returns only lo for a --network=none container', () => {
    const result = parseIpAddr(fixture('busybox-none-network-loopback-only.txt'));
    assert.deepEqual(
      result.interfaces.map((i) => [i.name, i.addresses.map((a) => a.cidr)]),
      [['lo', ['127.0.0.1/8', '::1/128']]],
    );
  });

  const seedCases: [string, string, string, number | null, string][] = [
    ['seed-article-host-docker0-and-veth-flattened.txt', 'vethb5f4665', '9e:78:8e:6c:a8:be', 4, ''],
    ['seed-article-httpd-container-flattened.txt', 'eth0', '02:42:ac:11:00:02', 5, '172.17.0.2/16'],
    [
      'seed-article-busybox2-static-ip-flattened.txt',
      'eth0',
      '02:42:c0:a8:1f:19',
      45,
      '192.168.31.25/24',
    ],
  ];
  for (const [name, ifname, mac, peerIndex, cidr] of seedCases) {
    test(`reads ${ifname} from the seed article's unindented output (${name})`, () => {
      const result = parseIpAddr(fixture(name));
      assert.deepEqual(result.skipped, []);
      const found = iface(name, ifname);
      assert.equal(found.mac, mac);
      assert.equal(found.peerIndex, peerIndex);
      assert.equal(found.addresses[0]?.cidr ?? '', cidr);
    });
  }

  test('gives the same interfaces for CRLF, trailing spaces and blank lines', () => {
    const clean = fixture('sandbox-host-three-bridges-three-veths.txt');
    const messy = `\r\n${clean.replaceAll('\n', '  \r\n\r\n')}`;
    assert.deepEqual(parseIpAddr(messy), parseIpAddr(clean));
  });

  test('skips lines it cannot read, with their line numbers, and keeps the rest', () => {
    const lines = fixture('busybox1-default-bridge.txt').split('\n');
    lines.splice(1, 0, 'ip: can\'t find device "eth9"');
    lines.unshift('Device "eth9" does not exist.');
    const result = parseIpAddr(lines.join('\n'));
    assert.equal(iface('busybox1-default-bridge.txt', 'eth0').mac, result.interfaces[1]?.mac);
    assert.deepEqual(
      result.skipped.map((s) => [s.line, s.reason]),
      [
        [1, 'not an interface header and no interface before it'],
        [3, 'unknown line inside an interface block'],
      ],
    );
  });

  test('never throws on truncated output and returns what it read', () => {
    const text = fixture('sandbox-host-cni0-two-pod-netns-and-node0-veth.txt');
    for (let cut = 0; cut <= text.length; cut += 5) {
      const result = parseIpAddr(text.slice(0, cut));
      assert.ok(result.interfaces.length <= 8);
    }
    assert.equal(parseIpAddr(text.slice(0, text.indexOf('5: cni0'))).interfaces.length, 3);
  });

  test('returns nothing and skips nothing for empty output', () => {
    assert.deepEqual(parseIpAddr(''), { interfaces: [], skipped: [] });
  });
});

describe('parseAddressLine', () => {
  test('returns null for an inet line without an address', () => {
    assert.equal(parseAddressLine('inet'), null);
  });

  test('returns null for a prefix that is not a number', () => {
    assert.equal(parseAddressLine('inet 172.17.0.2/x scope global eth0'), null);
  });
});

describe('parseIpAddr on every captured ip addr', () => {
  const dir = path.join(import.meta.dirname, '../../../fixtures/ip-addr');
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.txt'))) {
    test(`reads every line of ${name}`, () => {
      const result = parseIpAddr(fixture(name));
      assert.deepEqual(result.skipped, []);
      assert.ok(result.interfaces.every((i) => i.mtu !== null && i.mac !== null));
    });
  }
});
