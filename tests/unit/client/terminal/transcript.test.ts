import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  promptCommand,
  Transcript,
  type TranscriptChunk,
} from '../../../../src/client/terminal/transcript.ts';
import { FakeTimers } from './fake-timers.ts';

const PROMPT = 'root@netlab:~#';
const BRCTL = [
  'bridge name     bridge id               STP enabled     interfaces',
  'docker0         8000.0242ac110001       no              veth1a2b3c4',
];

function transcript(options: { maxLines?: number } = {}) {
  const timers = new FakeTimers();
  const chunks: TranscriptChunk[] = [];
  const t = new Transcript({ emit: (c) => chunks.push(c), timers, ...options });
  return { t, timers, chunks };
}

describe('promptCommand', () => {
  test('returns the command after the lab’s prompt, or a busybox container’s', () => {
    assert.equal(promptCommand(`${PROMPT} brctl show`), 'brctl show');
    assert.equal(promptCommand('root@netlab:/tmp# ls -l'), 'ls -l');
    assert.equal(promptCommand('/ # ip a'), 'ip a');
  });

  test('returns an empty command for a bare prompt (trailing blanks trimmed)', () => {
    assert.equal(promptCommand(PROMPT), '');
    assert.equal(promptCommand('/ #'), '');
  });

  test('returns null for output lines', () => {
    assert.equal(promptCommand(BRCTL[0] ?? ''), null);
    assert.equal(promptCommand('3: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500'), null);
    assert.equal(promptCommand('# a comment'), null);
  });
});

describe('Transcript', () => {
  test('returns one chunk with the command, its output and done when the prompt comes back', () => {
    const { t, chunks } = transcript();
    t.feed([`${PROMPT} brctl show`, ...BRCTL], PROMPT);
    assert.deepEqual(chunks, [
      {
        command: 'brctl show',
        first: true,
        lines: BRCTL,
        capped: false,
        omitted: 0,
        skipped: false,
        done: true,
      },
    ]);
  });

  test('returns a done chunk with no lines for a command that printed nothing', () => {
    const { t, chunks } = transcript();
    t.feed([`${PROMPT} docker network connect my_bridge2 busybox1`], PROMPT);
    const [only, ...more] = chunks;
    assert.ok(only);
    assert.deepEqual(more, []);
    assert.deepEqual([only.lines, only.done, only.first], [[], true, true]);
  });

  test('returns nothing for a bare Enter, and nothing while a command runs silently', () => {
    const { t, timers, chunks } = transcript();
    t.feed([PROMPT], PROMPT);
    t.feed([`${PROMPT} sleep 5`], '');
    timers.tick(10_000);
    assert.deepEqual(chunks, []);
  });

  test('returns streaming output after a pause, then the rest when the command ends', () => {
    const { t, timers, chunks } = transcript();
    t.feed([`${PROMPT} ping -c 3 172.17.0.2`, 'PING 172.17.0.2 (172.17.0.2): 56 data bytes'], '');
    assert.equal(chunks.length, 0, 'waits for the output to pause');
    timers.tick(400);
    assert.equal(chunks.length, 1);
    assert.deepEqual(chunks[0], {
      command: 'ping -c 3 172.17.0.2',
      first: true,
      lines: ['PING 172.17.0.2 (172.17.0.2): 56 data bytes'],
      capped: false,
      omitted: 0,
      skipped: false,
      done: false,
    });
    t.feed(['64 bytes from 172.17.0.2: seq=0 ttl=64 time=0.1 ms', '--- statistics ---'], PROMPT);
    assert.equal(chunks.length, 2);
    const second = chunks[1];
    assert.ok(second);
    assert.deepEqual([second.first, second.done, second.lines.length], [false, true, 2]);
  });

  test('returns output that never pauses at most every maxWaitMs', () => {
    const { t, timers, chunks } = transcript({ maxLines: 1000 });
    t.feed([`${PROMPT} ping 172.17.0.2`], '');
    for (let i = 0; i < 30; i++) {
      t.feed([`64 bytes: seq=${i}`], '');
      timers.tick(100);
    }
    assert.equal(chunks.length, 1, 'one announcement in 3 s of steady output');
    assert.equal(chunks[0]?.lines.length, 20);
  });

  test('returns at most maxLines lines of a flood, then how many more there were', () => {
    const { t, timers, chunks } = transcript({ maxLines: 20 });
    t.feed([`${PROMPT} yes`], '');
    for (let i = 0; i < 50; i++) {
      t.feed(
        Array.from({ length: 1000 }, () => 'y'),
        'y',
      );
      timers.tick(100);
    }
    t.feed(['y', '^C'], PROMPT);
    const lines = chunks.reduce((n, c) => n + c.lines.length, 0);
    assert.equal(lines, 20);
    assert.ok(chunks.length <= 2, `${chunks.length} announcements`);
    const [first] = chunks;
    const last = chunks.at(-1);
    assert.ok(first && last);
    assert.equal(first.capped, true);
    assert.equal(last.done, true);
    assert.equal(last.omitted, 50 * 1000 + 2 - 20);
  });

  test('returns each command as its own entry when several finish in one read', () => {
    const { t, chunks } = transcript();
    t.feed([`${PROMPT} echo a`, 'a', `${PROMPT} echo b`, 'b'], PROMPT);
    assert.deepEqual(
      chunks.map((c) => [c.command, c.lines, c.done]),
      [
        ['echo a', ['a'], true],
        ['echo b', ['b'], true],
      ],
    );
  });

  test('returns "finished" alone for a command whose output was all read out already', () => {
    const { t, timers, chunks } = transcript();
    t.feed([`${PROMPT} docker run -d --name busybox1 busybox sleep 3600`, 'b1d2c3'], '');
    timers.tick(400);
    t.feed([], PROMPT);
    assert.deepEqual(
      chunks.map((c) => [c.first, c.lines, c.done]),
      [
        [true, ['b1d2c3'], false],
        [false, [], true],
      ],
    );
  });

  test('returns output to the command being typed when tmux repainted over its line', () => {
    const { t, chunks } = transcript();
    t.feed([], `${PROMPT} seq 1 500`);
    t.feed(['485', '486'], PROMPT);
    assert.deepEqual(
      chunks.map((c) => [c.command, c.lines, c.done]),
      [['seq 1 500', ['485', '486'], true]],
    );
  });

  test('returns once, for the command being run, that output went by unseen', () => {
    const { t, chunks } = transcript();
    t.feed([`${PROMPT} seq 1 60`], '');
    t.feed(['55', '56'], '57', true);
    t.feed(['57', '58'], '59', true);
    t.feed(['59', '60'], PROMPT);
    assert.deepEqual(
      chunks.map((c) => [c.command, c.lines.length, c.skipped, c.done]),
      [['seq 1 60', 6, true, true]],
    );
  });

  test('returns output without a command as such, and skips blank lines', () => {
    const { t, timers, chunks } = transcript();
    t.feed(['', '[1]+  Done                    sleep 1', ''], '');
    timers.tick(400);
    assert.deepEqual(
      chunks.map((c) => [c.command, c.lines]),
      [[null, ['[1]+  Done                    sleep 1']]],
    );
  });

  test('returns nothing of what was pending after a reset', () => {
    const { t, timers, chunks } = transcript();
    t.feed([`${PROMPT} ls`, 'a', 'b'], '');
    t.reset();
    timers.tick(5000);
    assert.deepEqual(chunks, []);
  });
});
