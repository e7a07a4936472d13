import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBridgeLink } from '../../../../server/grading/parsers/bridge-link.ts';
import { parseBrctlShow } from '../../../../server/grading/parsers/brctl-show.ts';

function fixture(command: string, name: string): string {
  return readFileSync(path.join(import.meta.dirname, '../../../fixtures', command, name), 'utf8');
}

describe('parseBridgeLink', () => {
  test('returns the docker0 port with peer ifindex 5 in forwarding state', () => {
    assert.deepEqual(parseBridgeLink(fixture('bridge-link', 'docker0-with-one-veth.txt')), {
      ports: [
        {
          index: 6,
          name: 'veth2da7987',
          peerIndex: 5,
          peerName: null,
          flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
          mtu: 1500,
          master: 'docker0',
          state: 'forwarding',
          priority: 32,
          cost: 2,
        },
      ],
      skipped: [],
    });
  });

  test('returns no ports when no bridge has any', () => {
    assert.deepEqual(parseBridgeLink(fixture('bridge-link', 'sandbox-host-fresh-empty.txt')), {
      ports: [],
      skipped: [],
    });
  });

  test('agrees with brctl show captured at the same moment on which ports each bridge has', () => {
    const ports = parseBridgeLink(fixture('bridge-link', 'three-bridges-seven-veths.txt')).ports;
    const bridges = parseBrctlShow(
      fixture('brctl-show', 'three-bridges-multiline-interfaces.txt'),
    ).bridges;
    assert.equal(ports.length, 8);
    for (const bridge of bridges) {
      const names = ports.filter((p) => p.master === bridge.name).map((p) => p.name);
      assert.deepEqual(names.sort(), [...bridge.interfaces].sort());
    }
  });

  test('lists a container connected to a second network as a port of each bridge', () => {
    const ports = parseBridgeLink(fixture('bridge-link', 'three-bridges-three-veths.txt')).ports;
    assert.deepEqual(
      ports.map((p) => [p.name, p.peerIndex, p.master]),
      [
        ['veth2da7987', 5, 'docker0'],
        ['vethf78ce45', 9, 'br-29929a8485a8'],
        ['veth4eddc97', 11, 'br-29929a8485a8'],
        ['vethc01f0aa', 13, 'br-7bb7cbff6136'],
      ],
    );
  });

  test('keeps the misleading peer name bridge link prints for a veth whose peer is in a named netns', () => {
    const ports = parseBridgeLink(fixture('bridge-link', 'cni0-two-pods-and-docker0.txt')).ports;
    const pod1 = ports.find((p) => p.name === 'veth-pod1');
    assert.equal(pod1?.master, 'cni0');
    assert.equal(pod1.peerName, 'docker0');
    assert.equal(pod1.peerIndex, null);
  });

  test('skips lines that are not ports, including indented ones', () => {
    const line = fixture('bridge-link', 'docker0-with-one-veth.txt').trimEnd();
    const result = parseBridgeLink(`Error: Device does not exist.\r\n\t${line}\r\n${line}  \r\n`);
    assert.equal(result.ports.length, 1);
    assert.deepEqual(
      result.skipped.map((s) => s.line),
      [1, 2],
    );
  });

  test('never throws on truncated output', () => {
    const text = fixture('bridge-link', 'three-bridges-seven-veths.txt');
    for (let cut = 0; cut <= text.length; cut += 3) {
      assert.ok(parseBridgeLink(text.slice(0, cut)).ports.length <= 8);
    }
  });
});
