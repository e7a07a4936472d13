import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as docker from '../../../src/components/diagrams/docker.ts';
import * as kubernetes from '../../../src/components/diagrams/kubernetes.ts';
import {
  clip,
  layoutTopology,
  METRICS,
  textWidth,
  type Layout,
} from '../../../src/components/diagrams/layout.ts';
import type { Locale } from '../../../src/components/diagrams/topology.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

describe('textWidth', () => {
  test('counts Chinese characters as wider than Latin ones', () => {
    assert.ok(textWidth('网桥') > textWidth('ab'));
    assert.equal(textWidth('abc'), 3 * METRICS.charWidth);
  });
});

describe('clip', () => {
  test('returns the point where a line from the centre leaves the box', () => {
    assert.deepEqual(
      clip({ x: 0, y: 0, width: 100, height: 40 }, { x: 50, y: 20 }, { x: 250, y: 20 }),
      { x: 100, y: 20 },
    );
  });
});

describe('layoutTopology', () => {
  const diagrams = Object.entries({ ...docker, ...kubernetes });
  for (const locale of ['en', 'zh-cn'] as const satisfies readonly Locale[]) {
    for (const [name, topology] of diagrams) {
      const layout: Layout = layoutTopology(topology, locale);
      const canvas = { x: 0, y: 0, width: layout.width, height: layout.height };

      test(`${name} (${locale}) places every node on the canvas without overlaps`, () => {
        for (const [i, a] of layout.nodes.entries()) {
          assert.ok(inside(a, canvas), `${a.id} leaves the canvas`);
          for (const b of layout.nodes.slice(i + 1))
            assert.ok(!overlap(a, b), `${a.id} overlaps ${b.id}`);
        }
      });

      test(`${name} (${locale}) makes each box wide enough for its text`, () => {
        for (const n of layout.nodes) {
          const widest = Math.max(
            textWidth(n.title, METRICS.titleCharWidth),
            ...n.lines.map((l) => textWidth(l.text)),
          );
          assert.ok(
            widest + 2 * METRICS.padX <= n.width + 0.001,
            `${n.id}: text ${widest} in box ${n.width}`,
          );
        }
      });

      test(`${name} (${locale}) draws each group around its members and within the canvas`, () => {
        for (const g of layout.groups) {
          assert.ok(inside(g, canvas), `group ${g.id} leaves the canvas`);
          const members = topology.groups?.find((x) => x.id === g.id)?.members ?? [];
          for (const m of layout.nodes.filter((n) => members.includes(n.id))) {
            assert.ok(inside(m, g), `${m.id} is outside group ${g.id}`);
          }
        }
      });
    }
  }

  test('gives the same layout for the same input', () => {
    assert.deepEqual(
      layoutTopology(docker.bridgeVeth, 'en'),
      layoutTopology(docker.bridgeVeth, 'en'),
    );
  });

  test('fits the chapter diagrams in a content column at no less than 80% scale', () => {
    for (const [name, topology] of diagrams) {
      assert.ok(layoutTopology(topology, 'en').width <= 790, `${name} is too wide`);
    }
  });
});
