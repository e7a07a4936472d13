import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FlowControl } from '../../../server/terminal/flow-control.ts';

function recorder() {
  const events: string[] = [];
  const flow = new FlowControl({
    high: 100,
    low: 20,
    pause: () => events.push('pause'),
    resume: () => events.push('resume'),
  });
  return { flow, events };
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
});
