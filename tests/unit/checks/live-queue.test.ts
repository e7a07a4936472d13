import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LiveQueue } from '../../../server/checks/live-queue.ts';

/** A run that resolves when told, recording that it started. */
function gate(started: string[], key: string) {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { run: () => (started.push(key), done), open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveQueue', () => {
  test('runs at most `limit` at once and starts the next as one finishes', async () => {
    const started: string[] = [];
    const queue = new LiveQueue(2);
    const gates = ['a', 'b', 'c'].map((k) => gate(started, k));
    gates.forEach((g, i) => queue.push(['a', 'b', 'c'][i] ?? '', g.run));
    assert.deepEqual(started, ['a', 'b']);
    gates[0]?.open();
    await tick();
    await tick();
    assert.deepEqual(started, ['a', 'b', 'c']);
  });

  test('returns false for a key already waiting or running, and takes it again once done', async () => {
    const started: string[] = [];
    const queue = new LiveQueue(1);
    const first = gate(started, 's1');
    assert.equal(queue.push('s1', first.run), true);
    assert.equal(queue.push('s1', gate(started, 's1').run), false);
    assert.equal(queue.size, 1);
    first.open();
    await tick();
    await tick();
    assert.equal(queue.size, 0);
    assert.equal(
      queue.push('s1', () => Promise.resolve()),
      true,
    );
  });

  test('keeps going after a run that rejects', async () => {
    const queue = new LiveQueue(1);
    queue.push('bad', () => Promise.reject(new Error('boom')));
    let ran = false;
    queue.push('good', () => ((ran = true), Promise.resolve()));
    await tick();
    await tick();
    assert.equal(ran, true);
  });

  test('runs `after` once the key is free, so that it may queue the key again', async () => {
    const started: string[] = [];
    const queue = new LiveQueue(1);
    const first = gate(started, 'again');
    let requeued: boolean | null = null;
    assert.equal(
      queue.push('again', first.run, () => {
        requeued = queue.push('again', () => (started.push('again-2'), Promise.resolve()));
      }),
      true,
    );
    first.open();
    await tick();
    await tick();
    assert.equal(requeued, true, 'a push from `after` is taken');
    assert.deepEqual(started, ['again', 'again-2']);
  });
});
