import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { taskNews, type TaskStatus } from '../../../../src/client/lab-pane/task-news.ts';

const titles = new Map([
  ['run-busybox1', 'Start busybox1'],
  ['look-at-bridge', 'List the bridge’s ports'],
  ['veth-peer', 'Which host interface is the peer?'],
]);
const none = new Map<string, TaskStatus>();

describe('taskNews', () => {
  test('returns "Task passed" for a pushed result that just passed, and nothing else pushed', () => {
    const news = taskNews({
      source: 'push',
      results: [
        { id: 'run-busybox1', passed: true, detail: null },
        { id: 'look-at-bridge', passed: false, detail: null },
      ],
      before: none,
      titles,
      locale: 'en',
    });
    assert.deepEqual(news, ['Task passed: Start busybox1']);
  });

  test('returns nothing for a task that was already passed', () => {
    const news = taskNews({
      source: 'push',
      results: [{ id: 'run-busybox1', passed: true, detail: null }],
      before: new Map([['run-busybox1', 'passed']]),
      titles,
      locale: 'en',
    });
    assert.deepEqual(news, []);
  });

  test('returns each open task with what was expected and found, then the count, after a check', () => {
    const news = taskNews({
      source: 'check',
      results: [
        { id: 'run-busybox1', passed: true, detail: null },
        {
          id: 'look-at-bridge',
          passed: false,
          detail: { expected: 'brctl show ran', actual: 'not yet', hint: '' },
        },
        { id: 'veth-peer', passed: false, detail: null },
      ],
      before: new Map([['run-busybox1', 'passed']]),
      titles,
      locale: 'en',
    });
    assert.deepEqual(news, [
      'Not yet: List the bridge’s ports. Expected: brctl show ran. Found: not yet.',
      'Not yet: Which host interface is the peer?.',
      '1 of 3 tasks done.',
    ]);
  });

  test('returns the answer’s result in Chinese on a Chinese page', () => {
    const news = taskNews({
      source: 'answer',
      results: [{ id: 'veth-peer', passed: true, detail: null }],
      before: none,
      titles: new Map([['veth-peer', '对端接口是哪个？']]),
      locale: 'zh-cn',
    });
    assert.deepEqual(news, ['任务通过：对端接口是哪个？']);
  });

  test('returns nothing for the state shown when the pane opens, or for unknown tasks', () => {
    const results = [{ id: 'run-busybox1', passed: true, detail: null }];
    assert.deepEqual(
      taskNews({ source: 'initial', results, before: none, titles, locale: 'en' }),
      [],
    );
    assert.deepEqual(
      taskNews({
        source: 'push',
        results: [{ id: 'other', passed: true, detail: null }],
        before: none,
        titles,
        locale: 'en',
      }),
      [],
    );
  });
});
