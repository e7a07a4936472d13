/** dropSocket and afterClose: letting go of a terminal websocket. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { afterClose, dropSocket } from '../../../../src/client/terminal/sockets.ts';
import type { SocketLike } from '../../../../src/client/terminal/types.ts';
import { FakeTimers } from './fake-timers.ts';

function socket(): SocketLike & { closed: string[] } {
  const closed: string[] = [];
  return {
    closed,
    readyState: 1,
    binaryType: 'arraybuffer',
    onopen: () => undefined,
    onmessage: () => undefined,
    onclose: () => undefined,
    onerror: () => undefined,
    send: () => undefined,
    close: (_code?: number, reason?: string) => void closed.push(reason ?? ''),
  };
}

describe('dropSocket', () => {
  test('unhooks every handler, then closes with the reason', () => {
    const s = socket();
    dropSocket(s, 'redrawn');
    assert.deepEqual(
      [s.onopen, s.onmessage, s.onclose, s.onerror, s.closed],
      [null, null, null, null, ['redrawn']],
    );
  });
});

describe('afterClose', () => {
  test('calls once at the close, not again at the wait’s end', () => {
    const [s, timers] = [socket(), new FakeTimers()];
    let calls = 0;
    afterClose(s, timers, 1000, () => calls++);
    s.onclose?.({ code: 1000, reason: '' });
    timers.tick(1000);
    assert.equal(calls, 1);
  });

  test('calls once after the wait when no close is reported', () => {
    const [s, timers] = [socket(), new FakeTimers()];
    let calls = 0;
    afterClose(s, timers, 1000, () => calls++);
    timers.tick(999);
    assert.equal(calls, 0);
    timers.tick(1);
    assert.equal(calls, 1);
  });
});
