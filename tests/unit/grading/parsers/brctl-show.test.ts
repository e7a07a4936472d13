import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBrctlShow } from '../../../../server/grading/parsers/brctl-show.ts';

function fixture(name: string): string {
  return readFileSync(path.join(import.meta.dirname, '../../../fixtures/brctl-show', name), 'utf8');
}

describe('parseBrctlShow', () => {
  test('returns docker0 with no interfaces on a fresh sandbox', () => {
    assert.deepEqual(parseBrctlShow(fixture('docker0-without-interfaces.txt')), {
      bridges: [{ name: 'docker0', id: '8000.02426aaf65ff', stp: false, interfaces: [] }],
      skipped: [],
    });
  });

  test('returns the veth of the first container on docker0', () => {
    const bridges = parseBrctlShow(fixture('docker0-with-one-veth.txt')).bridges;
    assert.deepEqual(bridges[0]?.interfaces, ['veth2da7987']);
  });

  test('reads an empty user-defined bridge between bridges with ports', () => {
    assert.deepEqual(
      parseBrctlShow(fixture('my-bridge-empty-and-my-bridge2-one-veth.txt')).bridges.map((b) => [
        b.name,
        b.interfaces,
      ]),
      [
        ['br-29929a8485a8', ['vethf78ce45']],
        ['br-7bb7cbff6136', []],
        ['docker0', ['veth2da7987']],
      ],
    );
  });

  const multiLine: [string, string, string[]][] = [
    ['br-29929a8485a8', '8000.024297823019', ['veth4eddc97', 'vethf78ce45']],
    ['br-7bb7cbff6136', '8000.024250af1870', ['veth40fab5c', 'veth58fd77a', 'vethc01f0aa']],
    ['docker0', '8000.02426aaf65ff', ['veth10e0e2a', 'veth2da7987', 'veth5209add']],
  ];
  for (const [name, id, interfaces] of multiLine) {
    test(`collects ${name}'s ports from its continuation lines`, () => {
      const result = parseBrctlShow(fixture('three-bridges-multiline-interfaces.txt'));
      assert.deepEqual(result.skipped, []);
      assert.deepEqual(
        result.bridges.find((b) => b.name === name),
        { name, id, stp: false, interfaces },
      );
    });
  }

  test('reads the pod veths on cni0 next to docker0', () => {
    const bridges = parseBrctlShow(fixture('cni0-two-pods-and-docker0.txt')).bridges;
    assert.deepEqual(bridges[0], {
      name: 'cni0',
      id: '8000.9e91a87dd051',
      stp: false,
      interfaces: ['veth-pod1', 'veth-pod2'],
    });
    assert.deepEqual(bridges[1]?.interfaces, ['veth8d544eb']);
  });

  test("reads the seed article's output whose tabs were collapsed to spaces", () => {
    assert.deepEqual(parseBrctlShow(fixture('seed-article-user-defined-bridge-flattened.txt')), {
      bridges: [
        { name: 'br-8c4ec67f261a', id: '8000.0242de446a3a', stp: false, interfaces: [] },
        { name: 'docker0', id: '8000.0242edc8be9d', stp: false, interfaces: ['vethb4e1e38'] },
      ],
      skipped: [],
    });
  });

  test('gives the same bridges for CRLF and trailing spaces', () => {
    const clean = fixture('three-bridges-multiline-interfaces.txt');
    assert.deepEqual(parseBrctlShow(clean.replaceAll('\n', '  \r\n')), parseBrctlShow(clean));
  });

  test('skips an error line and a port line that comes before any bridge', () => {
    const lines = fixture('three-bridges-multiline-interfaces.txt').split('\n');
    const text = [lines[2], "can't get info No such device", ...lines.slice(0, 3)].join('\n');
    const result = parseBrctlShow(text);
    assert.deepEqual(
      result.skipped.map((s) => [s.line, s.reason]),
      [
        [1, 'port line with no bridge before it'],
        [2, 'not a bridge line'],
      ],
    );
    assert.deepEqual(result.bridges[0]?.interfaces, ['veth4eddc97', 'vethf78ce45']);
  });

  test('never throws on truncated output', () => {
    const text = fixture('three-bridges-multiline-interfaces.txt');
    for (let cut = 0; cut <= text.length; cut += 2) {
      assert.ok(parseBrctlShow(text.slice(0, cut)).bridges.length <= 3);
    }
  });
});
