/**
 * Live re-checks over the fake driver, with a presence the test drives: a
 * session whose reader's terminal is attached is re-checked when its sandbox
 * reports news, and the session manager's results event carries the change
 * (which the hub pushes to terminals); a session without a terminal is left
 * alone. Every wait is for an event.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LiveChecks, type Presence } from '../../../server/checks/live-checks.ts';
import type { Recording } from '../../../server/grading/grader.ts';
import { replayExec } from '../../../server/grading/probes/recording.ts';
import type { SessionEvents } from '../../../server/sessions.ts';
import { realLabs, testApp, type TestApp } from '../helpers/app.ts';
import { silent, until } from '../helpers/sessions.ts';

const solved = replayExec(
  JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, '../../fixtures/grading/bridge-solved.json'),
      'utf8',
    ),
  ) as Recording,
);

/** A presence whose attached sessions the test sets. */
class TestPresence implements Presence {
  readonly now = new Set<string>();
  private listener: ((id: string, attached: boolean) => void) | null = null;
  attached(): Iterable<string> {
    return this.now;
  }
  onChange(listener: (id: string, attached: boolean) => void): () => void {
    this.listener = listener;
    return () => (this.listener = null);
  }
  set(id: string, attached: boolean): void {
    if (attached) this.now.add(id);
    else this.now.delete(id);
    this.listener?.(id, attached);
  }
}

/** The next results event of a session. */
function nextResults(t: TestApp, id: string): Promise<SessionEvents['results']> {
  return new Promise((resolve) => {
    const stop = t.sessions.on('results', (e) => {
      if (e.id !== id) return;
      stop();
      resolve(e);
    });
  });
}

let t: TestApp;
let live: LiveChecks;
const presence = new TestPresence();
/** Whether the sandboxes' engine reports news to the long-poll wait. */
let news = false;

before(async () => {
  t = await testApp({ labs: realLabs() });
  t.driver.onExec = (cmd) => {
    // The evidence watch's long-poll: news at once, or a quiet wait.
    if (cmd.includes('watch')) return { stdout: news ? 'changed\n' : '' };
    return solved(cmd);
  };
  live = new LiveChecks({
    ...{ checks: t.checks, sessions: t.sessions, presence, labs: t.labs, log: silent },
    ...{ now: Date.now, intervalMs: 3_600_000, idleIntervalMs: 3_600_000, concurrency: 2 },
    ...{ idlePerMinute: 60, waitSeconds: 120 },
  });
  live.start();
});
after(async () => {
  live.stop();
  await t.close();
});

async function readySession(client: string) {
  const { session } = await t.sessions.create({ lab: 'bridge', client });
  await until(() => t.sessions.handle(session.id)?.status() === 'ready');
  return session;
}

describe('LiveChecks', () => {
  test('re-checks an attached session when its sandbox reports news, and reports the change', async () => {
    const watched = await readySession('10.2.0.1');
    const idle = await readySession('10.2.0.2');
    const results = nextResults(t, watched.id);
    news = true;
    presence.set(watched.id, true);
    const event = await results;
    news = false;
    assert.ok(event.tasks.find((x) => x.id === 'run-busybox1')?.passed);
    assert.deepEqual(
      event.results.map((r) => r.id).includes('run-busybox1'),
      true,
      'the flipped task is recorded',
    );
    const idleContainer = [...t.driver.sandboxes.values()].find((s) => s.sessionId === idle.id);
    assert.equal(
      t.driver.execs.filter((e) => e.containerId === idleContainer?.containerId).length,
      0,
      'a session without a terminal is not re-checked',
    );
    presence.set(watched.id, false);
  });
});
