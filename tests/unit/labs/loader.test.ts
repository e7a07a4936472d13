import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { LabError, loadLabs, parseLab } from '../../../server/labs.ts';

const valid = `id: demo
chapter: 2
title: { en: Demo, zh-cn: 演示 }
intro: { en: Intro, zh-cn: 介绍 }
tasks:
  - id: one
    kind: state
    title: { en: Do it, zh-cn: 做 }
    hint: { en: Like this, zh-cn: 这样 }
    checks: [{ probe: netns_exists, name: pod-a }]
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

const task = (body: string) => `id: demo
chapter: 2
title: { en: Demo, zh-cn: 演示 }
intro: { en: Intro, zh-cn: 介绍 }
params:
  port: { choose: [8080] }
tasks:
  - id: one
    title: { en: Do it, zh-cn: 做 }
    hint: { en: Like this, zh-cn: 这样 }
${body}`;

describe('parseLab with checks', () => {
  const broken: [string, string, RegExp][] = [
    [
      'an answer task without answer:',
      task('    kind: answer\n'),
      /^demo\/lab\.yaml:8: tasks\.0\.answer: an answer task needs `answer:`/,
    ],
    [
      'an action task without a ran check',
      task('    kind: action\n    checks:\n      - probe: netns_exists\n        name: x\n'),
      /^demo\/lab\.yaml:13: tasks\.0\.checks: an action task needs a `ran` check/,
    ],
    [
      'a shell check that runs docker',
      task(
        '    kind: state\n    checks:\n      - probe: shell\n        command: docker exec nginx1 ifconfig\n',
      ),
      /tasks\.0\.checks\.0: a shell check must not run docker/,
    ],
    [
      'a ran check whose command is not one simple command',
      task('    kind: action\n    checks:\n      - probe: ran\n        command: "for x in 1"\n'),
      /tasks\.0\.checks\.0: `for x in 1` is not one simple command/,
    ],
    [
      'an interface named both by name and by network',
      task(
        '    kind: state\n    checks:\n      - probe: bridge_of\n        ns: b1\n        interface: eth0\n        network: bridge\n',
      ),
      /tasks\.0\.checks\.0\.interface: give either `interface:`/,
    ],
    [
      'an unknown probe on its line',
      task('    kind: state\n    checks:\n      - probe: guess\n        name: x\n'),
      /^demo\/lab\.yaml:13: tasks\.0\.checks\.0\.probe: Invalid discriminator value/,
    ],
    [
      'an unknown probe argument',
      task(
        '    kind: state\n    checks:\n      - probe: netns_exists\n        name: x\n        nam: y\n',
      ),
      /^demo\/lab\.yaml:13: tasks\.0\.checks\.0: .*"nam"/,
    ],
    [
      'an answer probe that has no value',
      task('    kind: answer\n    answer: { probe: container, name: web1 }\n'),
      /tasks\.0\.answer: probe container has no value to answer with/,
    ],
    [
      'an undeclared parameter on its line',
      task(
        '    kind: state\n    checks:\n      - probe: can_reach\n        from: host\n        to: 127.0.0.1\n        port: "{{prot}}"\n',
      ),
      /^demo\/lab\.yaml:16: tasks\.0\.checks\.0\.port: \{\{prot\}\} is not a parameter declared before it/,
    ],
    [
      'a task id used twice',
      `${task('    kind: state\n    checks: [{ probe: netns_exists, name: x }]\n')}  - id: one\n    kind: state\n    title: { en: A, zh-cn: A }\n    hint: { en: B, zh-cn: B }\n    checks: [{ probe: netns_exists, name: y }]\n`,
      /tasks\.1\.id: task id "one" is used twice/,
    ],
  ];
  for (const [what, text, message] of broken) {
    test(`names file, line and field for ${what}`, () => {
      assert.throws(
        () => parseLab(text, 'demo/lab.yaml'),
        (e: unknown) => e instanceof LabError && message.test(e.message),
      );
    });
  }

  test('returns setup files read next to lab.yaml', () => {
    const text = task('    kind: state\n    checks: [{ probe: netns_exists, name: x }]\n').replace(
      'params:',
      'setup:\n  - echo one\n  - file: setup.sh\nparams:',
    );
    const lab = parseLab(text, 'demo/lab.yaml', (file) => `# contents of ${file}\n`);
    assert.deepEqual(lab.setup, ['echo one', '# contents of setup.sh\n']);
  });

  test('names the setup step whose file cannot be read', () => {
    const text = task('    kind: state\n    checks: [{ probe: netns_exists, name: x }]\n').replace(
      'params:',
      'setup:\n  - file: ../../etc/passwd.sh\nparams:',
    );
    assert.throws(
      () => parseLab(text, path.resolve('labs/demo/lab.yaml')),
      /lab\.yaml:6: setup\.0\.file: cannot read \.\.\/\.\.\/etc\/passwd\.sh: it is outside the labs folder/,
    );
  });
});

describe('loadLabs (the course)', () => {
  test('returns the nine chapters in order, each with an answer task and at least three tasks', () => {
    const labs = loadLabs(path.resolve(import.meta.dirname, '../../../labs'));
    assert.deepEqual(
      labs.map((l) => `${l.chapter}:${l.id}`),
      [
        '1:host',
        '2:bridge',
        '3:user-defined',
        '4:subnet',
        '5:static-ip',
        '6:cross-bridge',
        '7:k8s-pods',
        '8:k8s-services',
        '9:ingress',
      ],
    );
    for (const lab of labs) {
      assert.ok(lab.tasks.length >= 3, lab.id);
      assert.ok(
        lab.tasks.some((t) => t.kind === 'answer'),
        lab.id,
      );
    }
  });
});
