import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FlowControl } from '../../../server/terminal/flow-control.ts';

/** A FlowControl with watermarks 100/20 over a socket whose queue the test sets. */
function recorder() {
  const events: string[] = [];
  const socket = { queued: 0 };
  const flow = new FlowControl({
    high: 100,
    low: 20,
    queued: () => socket.queued,
    pause: () => events.push('pause'),
    resume: () => events.push('resume'),
  });
  return { flow, events, socket };
}

describe('FlowControl', () => {
  test('pauses once when unacknowledged bytes pass the high watermark', () => {
    const { flow, events } = recorder();
    flow.sent(60);
    flow.sent(40);
    assert.deepEqual(events, []);
    flow.sent(1);
    flow.sent(50);
    assert.deepEqual(events, ['pause']);
    assert.equal(flow.isPaused, true);
    assert.equal(flow.pending, 151);
  });

  test('resumes only below the low watermark', () => {
    const { flow, events } = recorder();
    flow.sent(150);
    flow.acked(100);
    assert.deepEqual(events, ['pause']);
    flow.acked(31);
    assert.deepEqual(events, ['pause', 'resume']);
    assert.equal(flow.pending, 19);
  });

  test('never counts below zero when a client over-acknowledges', () => {
    const { flow } = recorder();
    flow.sent(10);
    flow.acked(1000);
    assert.equal(flow.pending, 0);
  });

  test('pauses when the socket holds more than the high watermark, whatever was acknowledged', () => {
    const { flow, events, socket } = recorder();
    flow.sent(50);
    flow.acked(50);
    socket.queued = 101;
    flow.sent(50);
    assert.deepEqual(events, ['pause']);
    assert.equal(flow.pending, 50);
  });

  test('stays paused while forged acknowledgements arrive and the socket is still full', () => {
    const { flow, events, socket } = recorder();
    socket.queued = 500;
    flow.sent(10);
    for (let i = 0; i < 100; i++) flow.acked(1_000_000);
    assert.deepEqual(events, ['pause']);
    assert.equal(flow.isPaused, true);
  });

  test('resumes when the socket drains below the low watermark and output is acknowledged', () => {
    const { flow, events, socket } = recorder();
    socket.queued = 150;
    flow.sent(150);
    flow.acked(150);
    socket.queued = 40;
    flow.drained();
    assert.deepEqual(events, ['pause']);
    socket.queued = 19;
    flow.drained();
    assert.deepEqual(events, ['pause', 'resume']);
  });

  test('waits for acknowledgements after the socket drained', () => {
    const { flow, events, socket } = recorder();
    socket.queued = 150;
    flow.sent(150);
    socket.queued = 0;
    flow.drained();
    assert.deepEqual(events, ['pause']);
    flow.acked(140);
    assert.deepEqual(events, ['pause', 'resume']);
  });
});
