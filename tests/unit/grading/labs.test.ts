import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { LabError, loadLabs, parseLab } from '../../../server/grading/labs.ts';

const valid = `id: demo
chapter: 2
title: { en: Demo, zh-cn: 演示 }
intro: { en: Intro, zh-cn: 介绍 }
tasks:
  - id: one
    kind: state
    title: { en: Do it, zh-cn: 做 }
    hint: { en: Like this, zh-cn: 这样 }
`;

describe('parseLab', () => {
  test('returns the lab with setup defaulting to none', () => {
    const lab = parseLab(valid, 'demo/lab.yaml');
    assert.equal(lab.id, 'demo');
    assert.deepEqual(lab.setup, []);
    assert.equal(lab.tasks[0]?.kind, 'state');
  });

  const broken: [string, string, RegExp][] = [
    [
      'a bad task kind on its line',
      valid.replace('kind: state', 'kind: guess'),
      /^demo\/lab\.yaml:7: tasks\.0\.kind: /,
    ],
    [
      'a missing translation at its parent',
      valid.replace(', zh-cn: 演示', ''),
      /^demo\/lab\.yaml:3: title\.zh-cn: /,
    ],
    ['an unknown field', `${valid}extra: 1\n`, /^demo\/lab\.yaml:1: \(top level\): .*extra/],
    ['invalid YAML', 'id: [unclosed', /^demo\/lab\.yaml:1: invalid YAML/],
  ];
  for (const [what, text, message] of broken) {
    test(`names file, line and field for ${what}`, () => {
      assert.throws(
        () => parseLab(text, 'demo/lab.yaml'),
        (e: unknown) => e instanceof LabError && message.test(e.message),
      );
    });
  }
});

describe('loadLabs', () => {
  test('loads every lab of the repository', () => {
    const labs = loadLabs(path.resolve(import.meta.dirname, '../../../labs'));
    assert.ok(labs.some((lab) => lab.id === 'bridge'));
  });
});
