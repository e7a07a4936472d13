import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { problemsOf, readLabFiles, stagesOf } from '../../../server/cli/lab-files.ts';
import { parseLab } from '../../../server/grading/labs.ts';

const lab = parseLab(
  `id: demo
chapter: 6
title: { en: D, zh-cn: D }
intro: { en: I, zh-cn: I }
tasks:
  - id: a
    kind: state
    title: { en: A, zh-cn: A }
    hint: { en: H, zh-cn: H }
    checks: [{ probe: netns_exists, name: a }]
  - id: b
    kind: state
    title: { en: B, zh-cn: B }
    hint: { en: H, zh-cn: H }
    checks: [{ probe: netns_exists, name: b }]
  - id: c
    kind: answer
    title: { en: C, zh-cn: C }
    hint: { en: H, zh-cn: H }
    answer: { probe: network_subnet, network: bridge }
`,
  'demo/lab.yaml',
);

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function labDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netlab-lab-files-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('stagesOf', () => {
  test('returns one stage when the script has no checkpoint', () => {
    assert.deepEqual(stagesOf('ip netns add a\n'), ['ip netns add a\n']);
  });

  test('returns the parts between checkpoint lines, which are dropped', () => {
    assert.deepEqual(stagesOf('ip netns add a\n# checkpoint\nip netns del a\n#checkpoint  \nx\n'), [
      'ip netns add a\n',
      '\nip netns del a\n',
      '\nx\n',
    ]);
  });
});

describe('readLabFiles', () => {
  test('returns the generation an alternative or near miss is marked for, and none when unmarked', () => {
    const files = readLabFiles(
      labDir({
        'solution.sh': 'true\n',
        'alternatives/any.sh': '# another way\ntrue\n',
        'near-misses/raw-left.sh': '# only: docker-28\n# expect: a: no namespace a\ntrue\n',
      }),
    );
    assert.equal(files.alternatives[0]?.only, undefined);
    assert.equal(files.nearMisses[0]?.only, 'docker-28');
    assert.deepEqual(files.nearMisses[0].expects, [{ task: 'a', text: 'no namespace a' }]);
  });
});

describe('problemsOf', () => {
  test('returns a problem for a script marked for a generation that does not exist', () => {
    const files = readLabFiles(
      labDir({
        'solution.sh': 'true\n',
        'alternatives/any.sh': '# only: docker-27\ntrue\n',
        'near-misses/one.sh': '# expect: a: x\n',
        'near-misses/two.sh': '# expect: b: y\n',
      }),
    );
    assert.deepEqual(problemsOf(lab, files), [
      'labs/demo/alternatives/any.sh: "# only: docker-27" names no Docker generation (docker-26, docker-28)',
    ]);
  });
});
