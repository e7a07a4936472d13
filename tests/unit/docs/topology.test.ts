import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as docker from '../../../src/components/diagrams/docker.ts';
import * as kubernetes from '../../../src/components/diagrams/kubernetes.ts';
import {
  resolveText,
  validateTopology,
  type Topology,
} from '../../../src/components/diagrams/topology.ts';

const base: Topology = {
  title: 't',
  description: 'd',
  nodes: [
    { id: 'a', kind: 'bridge', label: 'a', col: 0, row: 0 },
    { id: 'b', kind: 'container', label: 'b', col: 0, row: 1 },
  ],
  links: [{ from: 'a', to: 'b', kind: 'veth' }],
};

describe('validateTopology', () => {
  test('accepts a consistent topology', () => {
    assert.deepEqual(validateTopology(base), []);
  });

  test('reports a node id used twice and two nodes in one cell', () => {
    const t: Topology = {
      ...base,
      nodes: [...base.nodes, { id: 'a', kind: 'host', label: 'x', col: 0, row: 1 }],
    };
    assert.deepEqual(validateTopology(t), [
      'node id "a" is used twice',
      'nodes "b" and "a" share col 0, row 1',
    ]);
  });

  test('reports links and groups that name missing nodes', () => {
    const t: Topology = {
      ...base,
      links: [{ from: 'a', to: 'zz', kind: 'route' }],
      groups: [{ id: 'g', label: 'g', members: ['nope'] }],
    };
    assert.deepEqual(validateTopology(t), [
      'link a → zz names node "zz", which does not exist',
      'group "g" names node "nope", which does not exist',
    ]);
  });

  test('reports positions that are not whole numbers from 0', () => {
    const t: Topology = {
      ...base,
      nodes: [{ id: 'a', kind: 'host', label: 'a', col: -1, row: 0.5 }],
    };
    assert.match(validateTopology(t).join('\n'), /node "a" is at col -1, row 0.5/);
  });
});

describe('resolveText', () => {
  test('picks the language of a localized text and passes a plain one through', () => {
    assert.equal(resolveText({ en: 'bridge', 'zh-cn': '网桥' }, 'zh-cn'), '网桥');
    assert.equal(resolveText('docker0', 'zh-cn'), 'docker0');
  });
});

describe('course diagrams', () => {
  for (const [name, topology] of Object.entries({ ...docker, ...kubernetes })) {
    test(`${name} is consistent and described in both languages`, () => {
      assert.deepEqual(validateTopology(topology), []);
      for (const text of [topology.title, topology.description]) {
        assert.equal(typeof text, 'object', `${name}: title and description need en and zh-cn`);
        assert.match(resolveText(text, 'zh-cn'), /\p{Script=Han}/u);
      }
    });
  }
});
