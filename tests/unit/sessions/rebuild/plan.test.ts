import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Journal, JournalLine } from '../../../../server/sessions/rebuild/journal.ts';
import { planRebuild, readsTerminal } from '../../../../server/sessions/rebuild/plan.ts';
import { wordsOf } from '../../../../server/sessions/rebuild/shell-words.ts';

function line(text: string, status: number | null = 0, ms = 100, commands = [text]): JournalLine {
  return { shellPid: 1, start: 0, end: ms * 1000, text, status, commands };
}
const journal = (...lines: JournalLine[]): Journal => ({ lines, orphans: 0 });
const options = { maxLineMs: 60_000 };

describe('planRebuild', () => {
  test('replays the successful lines in order, leaving out the failed and the unfinished', () => {
    const plan = planRebuild(
      journal(
        line('docker network create n1'),
        line('docker network create n1', 1),
        line('ping 10.0.0.1', null),
        line('docker run -itd --name b1 --network n1 busybox'),
      ),
      options,
    );
    assert.deepEqual(plan, {
      mode: 'journal',
      lines: ['docker network create n1', 'docker run -itd --name b1 --network n1 busybox'],
    });
  });

  test('falls back to the solution when the log could not be read', () => {
    assert.deepEqual(planRebuild(null, options), {
      mode: 'solution',
      fallback: { why: 'no-record', line: null },
    });
  });

  test('falls back to the solution when commands belong to no line', () => {
    const plan = planRebuild({ lines: [], orphans: 2 }, options);
    assert.equal(plan.mode, 'solution');
  });

  const unfaithful: [string, JournalLine, string][] = [
    ['a shell in a container', line('docker exec -it b1 sh'), 'interactive'],
    ['an editor', line('vi /etc/hosts', 0, 100, ['vi /etc/hosts']), 'interactive'],
    ['a line that ran for minutes', line('ping -c 200 10.0.0.1', 0, 200_000), 'long-running'],
    [
      'a variable set in another window',
      line('iptables -I DOCKER-USER -i "$br" -j ACCEPT'),
      'unset-variable',
    ],
  ];
  for (const [what, l, why] of unfaithful) {
    test(`falls back to the solution for ${what}`, () => {
      assert.deepEqual(planRebuild(journal(line('docker ps'), l), options), {
        mode: 'solution',
        fallback: { why, line: l.text },
      });
    });
  }

  test('takes variables set by an earlier line, a loop or a read as set', () => {
    const plan = planRebuild(
      journal(
        line('br=br-$(docker network inspect -f {{.Id}} n1 | cut -c1-12)'),
        line('ip link show "$br"'),
        line('for i in 1 2; do docker run -d --name c$i busybox sleep 1d; done'),
        line("docker ps --format '{{.Names}} $NOT_EXPANDED'"),
        line('echo $HOME ${PATH}'),
      ),
      options,
    );
    assert.equal(plan.mode, 'journal');
  });
});

describe('readsTerminal', () => {
  const cases: [string, boolean][] = [
    ['docker run -it busybox', true],
    ['docker run -it --rm busybox sh', true],
    ['docker run -it --rm --name b busybox ping -c 2 10.0.0.1', false],
    ['docker run -itd --name busybox1 busybox', false],
    ['docker run -d -it busybox', false],
    ['docker run --network n1 -i -t busybox /bin/sh', true],
    ['docker exec -it busybox1 ip a', false],
    ['docker exec -it busybox1 sh -c "ip a"', false],
    ['docker exec busybox1 sh', false],
    ['docker attach busybox1', true],
    ['docker start -ai busybox1', true],
    ['docker network create n1', false],
    ['kubectl exec -it web -- sh', true],
    ['kubectl exec -it web -- wget -qO- localhost', false],
    ['bash', true],
    ['bash script.sh', false],
    ['sh -c "echo hi"', false],
    ['busybox sh', true],
    ['LANG=C top', true],
    ['brctl show', false],
  ];
  for (const [command, expected] of cases) {
    test(`${expected ? 'waits' : 'does not wait'} for the reader: ${command}`, () => {
      assert.equal(readsTerminal(wordsOf(command)), expected);
    });
  }
});

describe('wordsOf', () => {
  test('removes quotes and keeps quoted spaces', () => {
    assert.deepEqual(wordsOf(`sh -c 'echo "a b"' "c d" e\\ f`), [
      'sh',
      '-c',
      'echo "a b"',
      'c d',
      'e f',
    ]);
  });
});
