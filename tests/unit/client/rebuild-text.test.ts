import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RebuildReport } from '../../../server/protocol.ts';
import { LOST_SERVER_REASON } from '../../../server/sessions/ending.ts';
import type { UiLocale } from '../../../src/client/i18n.ts';
import {
  endedReason,
  rebuildNotice,
  rebuildOffer,
  rebuildProgress,
} from '../../../src/client/rebuild-text.ts';

const LINES = Array.from({ length: 9 }, (_, i) => `docker network create net${i}`);

function report(extra: Partial<RebuildReport> = {}): RebuildReport {
  return {
    from: 'old',
    state: 'done',
    mode: 'journal',
    fallback: null,
    lines: LINES,
    replayed: 9,
    failed: null,
    carried: [],
    ms: 12_000,
    ...extra,
  };
}

describe('endedReason', () => {
  const cases: [string | null, UiLocale, string | null][] = [
    ['the session reached its time limit', 'en', 'it reached its time limit'],
    ['the session reached its time limit', 'zh-cn', '到达了时间上限'],
    ['no terminal was attached for 30 minutes', 'en', 'no terminal was attached for 30 minutes'],
    ['no terminal was attached for 30 minutes', 'zh-cn', '连续 30 分钟没有连接终端'],
    [LOST_SERVER_REASON, 'en', 'the lab server running it stopped'],
    [LOST_SERVER_REASON, 'zh-cn', '运行它的实验服务器停止了'],
    ['setup command 1 failed', 'zh-cn', 'setup command 1 failed'],
    [null, 'en', null],
    ['  ', 'en', null],
  ];
  for (const [reason, locale, expected] of cases) {
    test(`returns ${JSON.stringify(expected)} for ${JSON.stringify(reason)} in ${locale}`, () => {
      assert.equal(endedReason(reason, locale), expected);
    });
  }
});

describe('rebuildOffer', () => {
  test('returns the reason and what a rebuild does, in both languages', () => {
    assert.equal(
      rebuildOffer('the session reached its time limit', 'en'),
      'Your lab machine ended: it reached its time limit. Rebuild it: your commands are replayed on a new machine and your passed tasks stay passed.',
    );
    assert.match(
      rebuildOffer('no terminal was attached for 30 minutes', 'zh-cn'),
      /^你的实验机器已结束：连续 30 分钟没有连接终端。/,
    );
  });

  test('returns the sentence without a reason when the server gave none', () => {
    assert.match(rebuildOffer(null, 'en'), /^Your lab machine ended\. Rebuild it:/);
    assert.match(rebuildOffer(null, 'zh-cn'), /^你的实验机器已结束。可以重建它/);
  });
});

describe('rebuildProgress', () => {
  const cases: [Partial<RebuildReport> | null, UiLocale, string][] = [
    [null, 'en', 'Rebuilding your lab machine…'],
    [{ lines: [], replayed: 0 }, 'zh-cn', '正在重建你的实验机器…'],
    [{ state: 'running', replayed: 4 }, 'en', 'Replaying your commands: 4 of 9'],
    [{ state: 'running', replayed: 4 }, 'zh-cn', '正在重新执行你的命令：4/9'],
    [
      { state: 'running', mode: 'solution', replayed: 2 },
      'en',
      "Rebuilding from the lab's solution: 2 of 9 commands",
    ],
    [
      { state: 'running', mode: 'solution', replayed: 2 },
      'zh-cn',
      '正在按实验的参考答案重建：2/9 条命令',
    ],
  ];
  for (const [extra, locale, expected] of cases) {
    test(`returns "${expected}"`, () => {
      assert.equal(rebuildProgress(extra ? { rebuild: report(extra) } : {}, locale), expected);
    });
  }
});

describe('rebuildNotice', () => {
  const cases: [string, Partial<RebuildReport>, UiLocale, string][] = [
    ['journal', {}, 'en', 'Replayed 9 of your commands.'],
    ['journal', {}, 'zh-cn', '已重新执行你的 9 条命令。'],
    ['journal, one line', { lines: ['ip a'], replayed: 1 }, 'en', 'Replayed 1 of your commands.'],
    [
      'journal, nothing to replay',
      { lines: [], replayed: 0 },
      'en',
      'Rebuilt your lab machine; there were no commands to replay.',
    ],
    [
      'journal with carried tasks',
      { carried: ['network', 'container', 'ping'] },
      'en',
      'Replayed 9 of your commands. 3 passed tasks carried over.',
    ],
    [
      'journal with one carried task',
      { carried: ['network'] },
      'zh-cn',
      '已重新执行你的 9 条命令。1 个已通过的任务已保留。',
    ],
    [
      'solution, interactive',
      { mode: 'solution', fallback: { why: 'interactive', line: 'docker run -it alpine sh' } },
      'en',
      "Rebuilt from the lab's solution up to your last passed task, because one of your commands was interactive (it read from the terminal) (`docker run -it alpine sh`).",
    ],
    [
      'solution, interactive',
      { mode: 'solution', fallback: { why: 'interactive', line: 'docker run -it alpine sh' } },
      'zh-cn',
      '已按实验的参考答案重建到你最后通过的任务，因为你的一条命令是交互式的（需要从终端读取输入）（`docker run -it alpine sh`）。',
    ],
    [
      'solution, long-running',
      { mode: 'solution', fallback: { why: 'long-running', line: 'sleep 600' } },
      'en',
      "Rebuilt from the lab's solution up to your last passed task, because one of your commands ran too long to replay (`sleep 600`).",
    ],
    [
      'solution, unset variable',
      { mode: 'solution', fallback: { why: 'unset-variable', line: 'ping -c1 10.0.0.$i' } },
      'zh-cn',
      '已按实验的参考答案重建到你最后通过的任务，因为你的一条命令用到了重新执行时无法设置的变量（`ping -c1 10.0.0.$i`）。',
    ],
    [
      'solution, no record',
      { mode: 'solution', fallback: { why: 'no-record', line: null }, carried: ['a', 'b'] },
      'en',
      "Rebuilt from the lab's solution up to your last passed task, because the old machine's record of your commands could not be read. 2 passed tasks carried over.",
    ],
    [
      'solution, no record',
      { mode: 'solution', fallback: { why: 'no-record', line: null } },
      'zh-cn',
      '已按实验的参考答案重建到你最后通过的任务，因为无法读取旧机器上你的命令记录。',
    ],
    [
      'journal, a line failed',
      { replayed: 4, failed: { line: 'docker network connect red web', status: 1 } },
      'en',
      'Replayed 4 of your commands. `docker network connect red web` failed on the new machine (exit 1); the lines after it were not run.',
    ],
    [
      'journal, a line failed',
      {
        replayed: 4,
        failed: { line: 'docker network connect red web', status: 1 },
        carried: ['a'],
      },
      'zh-cn',
      '已重新执行你的 4 条命令。`docker network connect red web` 在新机器上执行失败（退出码 1）；其后的命令没有执行。1 个已通过的任务已保留。',
    ],
  ];
  for (const [name, extra, locale, expected] of cases) {
    test(`returns what was done for ${name} in ${locale}`, () => {
      assert.equal(rebuildNotice(report(extra), locale), expected);
    });
  }

  test('returns a line as written, even with braces in it', () => {
    const notice = rebuildNotice(
      report({ replayed: 0, failed: { line: "docker inspect -f '{{.Id}}' web", status: 2 } }),
      'en',
    );
    assert.match(
      notice,
      /`docker inspect -f '\{\{\.Id\}\}' web` failed on the new machine \(exit 2\)/,
    );
  });
});
