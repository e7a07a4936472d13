import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normaliseAnswer, sameValue, type ValueKind } from '../../../server/grading/answers.ts';

describe('normaliseAnswer', () => {
  const cases: [ValueKind, string, string][] = [
    ['interface', '  vethB5F4665@if4 ', 'vethb5f4665'],
    ['interface', '5: vethb5f4665@if4:', 'vethb5f4665'],
    ['interface', '"veth-pod-a"', 'veth-pod-a'],
    ['interface', '`br-8c4ec67f261a`', 'br-8c4ec67f261a'],
    ['mac', '02-42-AC-11-00-02', '02:42:ac:11:00:02'],
    ['mac', 'link/ether 02:42:c0:a8:1f:19', '02:42:c0:a8:1f:19'],
    ['address', 'inet 172.17.0.2/16 brd 172.17.255.255', '172.17.0.2/16'],
    ['name', ' KUBE-SEP-PODC ', 'kube-sep-podc'],
  ];
  for (const [kind, given, canonical] of cases) {
    test(`returns "${canonical}" when given ${JSON.stringify(given)} as ${kind}`, () => {
      assert.equal(normaliseAnswer(kind, given), canonical);
    });
  }
});

describe('sameValue', () => {
  const cases: [ValueKind, string, string, boolean][] = [
    ['address', '172.17.0.2', '172.17.0.2/16', true],
    ['address', '172.17.0.2/16', '172.17.0.2/16', true],
    ['address', '172.17.0.2/24', '172.17.0.2/16', false],
    ['address', '172.17.0.3', '172.17.0.2/16', false],
    ['address', 'docker0', '172.17.0.1/16', false],
    ['address', '', '172.17.0.1/16', false],
    ['subnet', '192.168.31.0/24', '192.168.31.0/24', true],
    ['subnet', '192.168.31.0', '192.168.31.0/24', true],
    ['subnet', '192.168.31.0/25', '192.168.31.0/24', false],
    ['interface', 'VETHabc@if5', 'vethabc', true],
    ['interface', 'vethab', 'vethabc', false],
    ['mac', '02-42-C0-A8-1F-19', '02:42:c0:a8:1f:19', true],
    ['mac', '02:42:c0:a8:1f:18', '02:42:c0:a8:1f:19', false],
    ['name', '  ', '', false],
  ];
  for (const [kind, given, right, same] of cases) {
    test(`returns ${same} for ${JSON.stringify(given)} against ${JSON.stringify(right)} (${kind})`, () => {
      assert.equal(sameValue(kind, given, right), same);
    });
  }
});
