import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIpAddr, type IpInterface } from '../../../../server/grading/parsers/ip-addr.ts';
import { parseIpAddrJson } from '../../../../server/grading/parsers/ip-addr-json.ts';

function fixture(command: string, name: string): string {
  return readFileSync(path.join(import.meta.dirname, '../../../fixtures', command, name), 'utf8');
}

/** Blanks the namespace fields, which the two forms report differently (name vs id). */
function withoutNetns(interfaces: IpInterface[]): IpInterface[] {
  return interfaces.map((i) => ({ ...i, linkNetns: null, linkNetnsId: null }));
}

describe('parseIpAddrJson', () => {
  test('returns the docker0 veth with peer ifindex 5, master docker0 and link-netnsid 0', () => {
    const result = parseIpAddrJson(fixture('ip-addr', 'sandbox-host-docker0-with-one-veth.json'));
    assert.deepEqual(result.skipped, []);
    const veth = result.interfaces.find((i) => i.name === 'veth2da7987');
    assert.ok(veth);
    assert.equal(veth.index, 6);
    assert.equal(veth.peerIndex, 5);
    assert.equal(veth.master, 'docker0');
    assert.equal(veth.linkNetnsId, 0);
    assert.equal(veth.mac, '6e:83:48:bd:f0:7a');
    assert.equal(veth.state, 'UP');
  });

  const sameState = [
    'sandbox-host-fresh-docker0-down',
    'sandbox-host-docker0-with-one-veth',
    'sandbox-host-three-bridges-three-veths',
    'sandbox-host-cni0-two-pod-netns-and-node0-veth',
    'pod1-netns-eth0-iproute2',
  ];
  for (const name of sameState) {
    test(`agrees with the text form captured at the same moment (${name})`, () => {
      const fromJson = parseIpAddrJson(fixture('ip-addr', `${name}.json`)).interfaces;
      const fromText = parseIpAddr(fixture('ip-addr', `${name}.txt`)).interfaces;
      assert.deepEqual(withoutNetns(fromJson), withoutNetns(fromText));
    });
  }

  test('gives the namespace id where the text form names the namespace', () => {
    const interfaces = parseIpAddrJson(
      fixture('ip-addr', 'sandbox-host-cni0-two-pod-netns-and-node0-veth.json'),
    ).interfaces;
    const pod2 = interfaces.find((i) => i.name === 'veth-pod2');
    assert.equal(pod2?.linkNetnsId, 2);
    assert.equal(pod2.linkNetns, null);
    assert.equal(interfaces.find((i) => i.name === 'node0-peer')?.peerName, 'node0');
  });

  test('reads ip -j link output, which has no addresses', () => {
    const result = parseIpAddrJson(fixture('ip-link', 'sandbox-host-cni0-and-web.json'));
    assert.deepEqual(result.skipped, []);
    const bridge = result.interfaces.find((i) => i.name === 'br-bceffb1154e5');
    assert.equal(bridge?.linkType, 'ether');
    assert.deepEqual(bridge.addresses, []);
    assert.deepEqual(
      result.interfaces.filter((i) => i.master === 'docker0').map((i) => i.name),
      ['veth8d544eb', 'veth6a48c4b'],
    );
  });

  test('keeps the interfaces when a daemon error follows the JSON', () => {
    const text = `${fixture('ip-addr', 'pod1-netns-eth0-iproute2.json')}Cannot open network namespace "pod3"\n`;
    const result = parseIpAddrJson(text);
    assert.deepEqual(
      result.interfaces.map((i) => i.name),
      ['lo', 'eth0'],
    );
    assert.deepEqual(
      result.skipped.map((s) => s.text),
      ['Cannot open network namespace "pod3"'],
    );
  });

  test('skips array items that are not interfaces and address entries it cannot read', () => {
    const [lo] = JSON.parse(fixture('ip-addr', 'pod1-netns-eth0-iproute2.json')) as Record<
      string,
      unknown
    >[];
    const result = parseIpAddrJson(
      JSON.stringify([42, { ...lo, addr_info: [{ family: 'inet' }] }]),
    );
    assert.equal(result.interfaces[0]?.name, 'lo');
    assert.deepEqual(result.interfaces[0].addresses, []);
    assert.deepEqual(
      result.skipped.map((s) => s.reason),
      ['not an interface object (needs ifindex and ifname)', 'unreadable addr_info entry of lo'],
    );
  });

  test('never throws on truncated JSON and reports it as skipped', () => {
    const text = fixture('ip-addr', 'sandbox-host-three-bridges-three-veths.json').trimEnd();
    for (let cut = 1; cut < text.length; cut += 97) {
      const result = parseIpAddrJson(text.slice(0, cut));
      assert.equal(result.skipped.length, 1);
    }
  });
});
