/**
 * The grader over every lab, replaying what real sandboxes answered
 * (tests/fixtures/grading, from `netlab lab record`): fresh after setup, and
 * solved after solution.sh.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { checkAnswer, checkTasks, renderLab, type Exec } from '../../../server/grading/grader.ts';
import { plausiblyWrong, readAnswer } from '../../../server/grading/grader/answer.ts';
import { type Lab, loadLabs } from '../../../server/labs.ts';
import { valueKindOf } from '../../../server/grading/probes.ts';
import { replayExec, type Recording } from '../../../server/grading/probes/recording.ts';

const labs = loadLabs(path.resolve(import.meta.dirname, '../../../labs'));

function recorded(lab: string, state: 'fresh' | 'solved') {
  const file = path.join(import.meta.dirname, '../../fixtures/grading', `${lab}-${state}.json`);
  const data = JSON.parse(readFileSync(file, 'utf8')) as Recording & {
    params: Record<string, string>;
  };
  return { exec: replayExec(data), params: data.params };
}

function labOf(id: string): Lab {
  const lab = labs.find((l) => l.id === id);
  assert.ok(lab, id);
  return lab;
}

/**
 * State tasks whose state a later stage of the lab's solution.sh removes again
 * (stages cut by '# checkpoint'): cross-bridge's own DOCKER-USER rules give way
 * to the article's deletions, which need them gone.
 */
const UNDONE_BY_A_LATER_STAGE: Record<string, string[]> = { 'cross-bridge': ['docker-user'] };

describe('checkTasks', () => {
  for (const lab of labs) {
    test(`returns every task of ${lab.id} failed with a detail when replaying its fresh sandbox`, async () => {
      const { exec, params } = recorded(lab.id, 'fresh');
      const results = await checkTasks(exec, lab, params, { locale: 'en' });
      assert.deepEqual(
        results.map((r) => r.id),
        lab.tasks.map((t) => t.id),
      );
      for (const r of results) {
        assert.equal(r.passed, false, r.id);
        assert.ok(r.detail && r.detail.expected && r.detail.actual && r.detail.hint, r.id);
        assert.doesNotMatch(
          JSON.stringify(r.detail),
          /\{\{[a-z_]+\}\}/,
          `${r.id}: unsubstituted parameter`,
        );
      }
    });

    test(`returns every state and action task of ${lab.id} passed when replaying its solved sandbox`, async () => {
      const { exec, params } = recorded(lab.id, 'solved');
      const results = await checkTasks(exec, lab, params, { locale: 'en' });
      const undone = UNDONE_BY_A_LATER_STAGE[lab.id] ?? [];
      for (const task of lab.tasks) {
        const r = results.find((x) => x.id === task.id);
        if (task.kind === 'answer') {
          assert.equal(r?.passed, false);
          assert.equal(r.detail?.expected, 'an answer typed in the box');
        } else if (undone.includes(task.id)) {
          // The recording holds the end state only; the lab test checks this task at its checkpoint.
          assert.equal(r?.passed, false, `${task.id} is undone by a later stage of solution.sh`);
        } else assert.equal(r?.passed, true, `${task.id}: ${JSON.stringify(r?.detail)}`);
      }
    });
  }

  test('returns the detail in Chinese for locale zh-cn', async () => {
    const { exec, params } = recorded('bridge', 'fresh');
    const [first] = await checkTasks(exec, labOf('bridge'), params, {
      locale: 'zh-cn',
      task: 'run-busybox1',
    });
    assert.equal(first?.detail?.actual, '没有名为 busybox1 的容器（现有容器：-）');
    assert.match(first.detail.hint, /docker run -d --name busybox1/);
  });

  test('returns only the task asked for, and [] for an unknown one', async () => {
    const { exec, params } = recorded('subnet', 'solved');
    const lab = labOf('subnet');
    assert.deepEqual(
      (await checkTasks(exec, lab, params, { locale: 'en', task: 'create-net' })).map((r) => r.id),
      ['create-net'],
    );
    assert.deepEqual(await checkTasks(exec, lab, params, { locale: 'en', task: 'nope' }), []);
  });

  test('returns the hint with the session parameters filled in', async () => {
    const { exec, params } = recorded('subnet', 'fresh');
    const [r] = await checkTasks(exec, labOf('subnet'), params, {
      locale: 'en',
      task: 'create-net',
    });
    assert.match(r?.detail?.hint ?? '', /--subnet 192\.168\.200\.0\/24 --gateway 192\.168\.200\.1/);
    assert.match(r?.detail?.expected ?? '', /is 192\.168\.200\.0\/24/);
  });

  const broken: [string, Exec][] = [
    ['throws', () => Promise.reject(new Error('container gone'))],
    ['never answers', () => new Promise(() => undefined)],
    [
      'answers garbage',
      () => Promise.resolve({ exitCode: 0, stdout: 'garbage', stderr: '', timedOut: false }),
    ],
  ];
  for (const [what, exec] of broken) {
    test(`returns failed tasks saying the machine did not answer when the exec ${what}`, async () => {
      const results = await checkTasks(exec, labOf('bridge'), {}, { locale: 'en', timeoutMs: 50 });
      const run = results.find((r) => r.id === 'run-busybox1');
      assert.equal(run?.passed, false);
      assert.match(run.detail?.actual ?? '', /did not finish answering/);
    });
  }
});

describe('checkAnswer', () => {
  for (const lab of labs) {
    for (const task of lab.tasks.filter((t) => t.kind === 'answer')) {
      test(`returns passed for the live value of ${lab.id}/${task.id} and not for a near one`, async () => {
        const { exec, params } = recorded(lab.id, 'solved');
        const right = (await readAnswer(exec, task, params))?.value;
        assert.ok(right, 'a right value is readable');
        assert.deepEqual(
          await checkAnswer(exec, lab, params, task.id, ` ${right.toUpperCase()} `, 'en'),
          { passed: true, detail: null },
        );
        const wrong = plausiblyWrong(
          valueKindOf(task.answer ?? { probe: 'netns_exists', name: 'x' }),
          right,
        );
        const verdict = await checkAnswer(exec, lab, params, task.id, wrong, 'en');
        assert.equal(verdict.passed, false);
        // The detail echoes the answer given and names what is asked, never the right value.
        assert.ok(!(verdict.detail?.expected ?? right).includes(right));
        assert.equal(
          verdict.detail?.actual,
          `you answered "${wrong.toLowerCase()}", which is not it`,
        );
      });
    }
  }

  const answers: [string, string, boolean][] = [
    ['vethcf343e4@if3', 'the ip a form of the name', true],
    ['4: vethcf343e4@if3:', 'the whole ip a header', true],
    ['veth98c2153', "busybox2's veth", false],
    ['', 'an empty answer', false],
  ];
  for (const [answer, what, passed] of answers) {
    test(`returns passed=${passed} for ${what}`, async () => {
      const { exec, params } = recorded('bridge', 'solved');
      const verdict = await checkAnswer(exec, labOf('bridge'), params, 'veth-peer', answer, 'en');
      assert.equal(verdict.passed, passed);
    });
  }

  test('returns a detail saying there is nothing to compare with before the container exists', async () => {
    const { exec, params } = recorded('bridge', 'fresh');
    const verdict = await checkAnswer(
      exec,
      labOf('bridge'),
      params,
      'veth-peer',
      'veth123',
      'zh-cn',
    );
    assert.equal(verdict.passed, false);
    assert.equal(verdict.detail?.expected, 'busybox1 在 bridge 上的接口的 veth 对端');
    assert.match(verdict.detail.actual, /^暂时无法比较：/);
  });

  test('returns not passed for a task that is not an answer task', async () => {
    const { exec, params } = recorded('bridge', 'solved');
    const verdict = await checkAnswer(exec, labOf('bridge'), params, 'run-busybox1', 'x', 'en');
    assert.equal(verdict.passed, false);
    assert.match(verdict.detail?.expected ?? '', /not a task answered by typing/);
  });
});

describe('renderLab', () => {
  test('returns task texts with the parameters filled in', () => {
    const rendered = renderLab(labOf('host'), { port: '9090' });
    assert.match(rendered.tasks[0]?.title.en ?? '', /port 9090/);
    assert.match(rendered.intro['zh-cn'], /9090/);
  });
});
