/**
 * The terminal hub over a real session event bus and stand-in sockets: task
 * lists reach a terminal only once it is live (after its "live" status), so a
 * terminal never hears of tasks before it knows it is attached.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WebSocket } from '@fastify/websocket';
import { pino } from 'pino';
import { SessionEventBus } from '../../../server/sessions/events.ts';
import { TerminalHub } from '../../../server/terminal/hub.ts';

function fakeSocket(): { socket: WebSocket; sent: unknown[] } {
  const sent: unknown[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    send: (data: string) => sent.push(JSON.parse(data)),
    close: () => undefined,
  } as unknown as WebSocket; // only what send() and close() touch
  return { socket, sent };
}

function hub() {
  const events = new SessionEventBus(pino({ level: 'silent' }));
  const attached: [string, boolean][] = [];
  const terminals = new TerminalHub({
    on: (name, listener) => events.on(name, listener),
    markAttached: (id, value) => void attached.push([id, value]),
  });
  const results = (id: string) =>
    events.emit('results', {
      ...{ id, lab: 'bridge', participantId: null, results: [], at: 0 },
      tasks: [{ id: 'a', passed: true, detail: null }],
    });
  return { terminals, results, attached };
}

describe('TerminalHub', () => {
  test('sends task lists only to terminals that are live', async () => {
    const { terminals, results } = hub();
    const attaching = fakeSocket();
    const live = fakeSocket();
    terminals.add('s1', attaching.socket, false);
    terminals.add('s1', live.socket, false);
    terminals.markLive(live.socket);
    await results('s1');
    assert.deepEqual(attaching.sent, []);
    assert.deepEqual(live.sent, [
      { type: 'tasks', tasks: [{ id: 'a', passed: true, detail: null }] },
    ]);
  });

  test("marks a session attached with its first reader's terminal, not with a peek", () => {
    const { terminals, attached } = hub();
    const peek = fakeSocket();
    const reader = fakeSocket();
    terminals.add('s1', peek.socket, true);
    assert.deepEqual(attached, []);
    terminals.add('s1', reader.socket, false);
    assert.deepEqual(attached, [['s1', true]]);
    terminals.remove('s1', reader.socket);
    assert.deepEqual(attached, [
      ['s1', true],
      ['s1', false],
    ]);
    assert.deepEqual(terminals.attached(), []);
  });
});
