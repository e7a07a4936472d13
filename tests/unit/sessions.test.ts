/**
 * The session manager over the fake driver: limits, the pool, TTLs, shutdown,
 * the handle's named engine failures, results and events, and the one-session
 * lock of a learner. (The real engine is exercised in tests/integration.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import type { SessionEvents, SessionHandle, SessionOwner } from '../../server/sessions.ts';
import { LOST_SERVER_REASON } from '../../server/sessions/ending.ts';
import { hashToken } from '../../server/sessions/tokens.ts';
import { testSessions, until, type TestSessions } from './helpers/sessions.ts';

const owner = (patch: Partial<SessionOwner> = {}): SessionOwner => ({
  participantId: 'p1',
  token: 'learner-token',
  peekHash: hashToken('instructor-secret'),
  params: { subnet: '10.0.0.0/24' },
  ...patch,
});

async function ready(sessions: { handle(id: string): SessionHandle | undefined }, id: string) {
  await until(() => sessions.handle(id)?.status() === 'ready', `session ${id} ready`);
  const handle = sessions.handle(id);
  assert.ok(handle);
  return handle;
}

describe('SessionManager.create', () => {
  test('runs the lab setup and reports the session ready', async () => {
    const { sessions, driver } = await testSessions();
    const { session, created } = await sessions.create({ lab: 'bridge', client: 'a' });
    assert.equal(created, true);
    await ready(sessions, session.id);
    const view = (await sessions.authorize(session.id, session.token)).view();
    assert.equal(view.status, 'ready');
    assert.deepEqual(
      driver.execs.map((e) => e.cmd),
      [['sh', '-c', 'docker network create lab']],
    );
  });

  test('fails the session with the setup error and removes its sandbox', async () => {
    const { sessions, driver } = await testSessions();
    driver.onExec = () => ({ exitCode: 1, stderr: 'boom' });
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    const handle = await sessions.authorize(session.id, session.token);
    await until(() => handle.status() === 'failed');
    assert.match(
      handle.view().reason ?? '',
      /setup step `docker network create lab` failed with exit code 1: boom/,
    );
    assert.equal(driver.sandboxes.size, 0);
  });

  test('refuses a client over its limit and everyone over capacity', async () => {
    const { sessions } = await testSessions();
    await sessions.create({ lab: 'bridge', client: 'a' });
    await sessions.create({ lab: 'bridge', client: 'a' });
    await assert.rejects(sessions.create({ lab: 'bridge', client: 'a' }), {
      code: 'NETLAB_ERR_CLIENT_LIMIT',
    });
    await sessions.create({ lab: 'bridge', client: 'b' });
    await assert.rejects(sessions.create({ lab: 'bridge', client: 'c' }), {
      code: 'NETLAB_ERR_CAPACITY',
      retryAfter: 60,
    });
  });

  test('refuses an unknown lab and an engine that is down', async () => {
    const { sessions, driver } = await testSessions();
    await assert.rejects(sessions.create({ lab: 'nope', client: 'a' }), {
      code: 'NETLAB_ERR_UNKNOWN_LAB',
    });
    driver.engineDown = true;
    await assert.rejects(sessions.create({ lab: 'bridge', client: 'a' }), {
      name: 'EngineDownError',
    });
  });

  test('hands out a pooled sandbox under the pooled id and refills the pool', async () => {
    const { sessions, driver } = await testSessions({ warmPool: 1 });
    await sessions.start();
    await until(() => sessions.warmCount === 1);
    const pooled = [...driver.sandboxes.values()][0];
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    assert.equal(session.id, pooled?.sessionId);
    await until(() => sessions.warmCount === 1 && driver.sandboxes.size === 2);
  });

  test('runs the default generation, from the pool, when the reader names none', async () => {
    const { sessions, driver } = await testSessions({ warmPool: 1 });
    await sessions.start();
    await until(() => sessions.warmCount === 1);
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    assert.equal(session.generation, 'docker-28');
    const handle = await ready(sessions, session.id);
    assert.equal(handle.view().generation, 'docker-28');
    assert.equal([...driver.sandboxes.values()][0]?.sessionId, session.id);
  });

  test('makes a machine of the named generation, not a pooled one, when the reader picks another', async () => {
    const { sessions, driver } = await testSessions({ warmPool: 1 });
    await sessions.start();
    await until(() => sessions.warmCount === 1);
    const pooled = [...driver.sandboxes.values()][0];
    const { session } = await sessions.create({
      lab: 'bridge',
      client: 'a',
      generation: 'docker-26',
    });
    assert.notEqual(session.id, pooled?.sessionId);
    assert.equal(session.generation, 'docker-26');
    const handle = await ready(sessions, session.id);
    assert.equal(handle.view().generation, 'docker-26');
    const made = [...driver.sandboxes.values()].find((s) => s.sessionId === session.id);
    assert.equal(driver.generations.get(made?.containerId ?? ''), 'docker-26');
    assert.equal(sessions.warmCount, 1, 'the pooled machine waits for the next default session');
  });

  test('gives a learner the live session they have, with their token, even at capacity', async () => {
    const { sessions } = await testSessions({ maxSandboxes: 1 });
    const first = await sessions.create({ lab: 'bridge', client: 'a', owner: owner() });
    const again = await sessions.create({ lab: 'bridge', client: 'b', owner: owner() });
    assert.deepEqual([first.created, again.created], [true, false]);
    assert.equal(again.session.id, first.session.id);
    assert.equal(again.session.token, 'learner-token');
  });

  test('makes one session when a learner asks twice at once, on one server or two', async () => {
    const one = await testSessions();
    const two = await testSessions({}, { opened: one.opened, instance: 'second' });
    const made = await Promise.all([
      one.sessions.create({ lab: 'bridge', client: 'a', owner: owner() }),
      two.sessions.create({ lab: 'bridge', client: 'a', owner: owner() }),
      one.sessions.create({ lab: 'bridge', client: 'a', owner: owner() }),
    ]);
    assert.equal(new Set(made.map((m) => m.session.id)).size, 1);
    assert.equal(made.filter((m) => m.created).length, 1);
    await until(() => one.driver.sandboxes.size + two.driver.sandboxes.size === 1);
  });
});

describe('SessionManager.access', () => {
  test('opens a learner session with their token, and read-only with the instructor secret', async () => {
    const { sessions } = await testSessions();
    const { session } = await sessions.create({ lab: 'bridge', client: 'a', owner: owner() });
    const mine = await sessions.access(session.id, 'learner-token');
    const peek = await sessions.access(session.id, 'instructor-secret');
    assert.deepEqual([mine.readOnly, peek.readOnly], [false, true]);
    await assert.rejects(sessions.authorize(session.id, 'instructor-secret'), {
      code: 'NETLAB_ERR_FORBIDDEN',
    });
  });

  test('answers the same for a wrong token and an unknown session, and 401 without one', async () => {
    const { sessions } = await testSessions();
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    for (const [id, token] of [
      [session.id, 'wrong'],
      ['unknown', session.token],
    ] as const)
      await assert.rejects(sessions.access(id, token), { code: 'NETLAB_ERR_FORBIDDEN' });
    await assert.rejects(sessions.access(session.id, undefined), {
      code: 'NETLAB_ERR_UNAUTHORIZED',
    });
  });

  test("marks another server's live session as not local, and refuses to run in it", async () => {
    const one = await testSessions();
    const other = await testSessions({}, { opened: one.opened, instance: 'other' });
    const { session } = await one.sessions.create({ lab: 'bridge', client: 'a' });
    await ready(one.sessions, session.id);
    const there = await other.sessions.authorize(session.id, session.token);
    assert.equal(there.local, false);
    assert.equal(there.instance, 'netlab');
    await assert.rejects(there.exec(['true'], { timeoutMs: 1000, maxBytes: 10 }), {
      code: 'NETLAB_ERR_OTHER_SERVER',
    });
  });
});

describe('SessionHandle.exec', () => {
  const run = (h: SessionHandle) => h.exec(['true'], { timeoutMs: 1000, maxBytes: 10 });

  test('says the machine is still starting before it is ready', async () => {
    const { sessions, driver } = await testSessions();
    const release = driver.holdCreates();
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    const handle = await sessions.authorize(session.id, session.token);
    await assert.rejects(run(handle), { code: 'NETLAB_ERR_SESSION_NOT_READY' });
    release();
  });

  test('ends the session and names it ended when its sandbox is gone', async () => {
    const { sessions, driver } = await testSessions();
    const ended: SessionEvents['ended'][] = [];
    sessions.on('ended', (e) => void ended.push(e));
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    const handle = await ready(sessions, session.id);
    driver.vanish([...driver.sandboxes.keys()][0] ?? '');
    await assert.rejects(run(handle), { code: 'NETLAB_ERR_SESSION_ENDED', status: 410 });
    assert.equal(handle.status(), 'ended');
    assert.equal(ended[0]?.id, session.id);
    await assert.rejects(handle.attach({ cmd: ['sh'], cols: 80, rows: 24 }), {
      code: 'NETLAB_ERR_SESSION_ENDED',
    });
  });

  test('names an engine that does not answer, and keeps the session', async () => {
    const { sessions, driver } = await testSessions();
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    const handle = await ready(sessions, session.id);
    driver.engineDown = true;
    await assert.rejects(run(handle), { code: 'NETLAB_ERR_DOCKER_UNREACHABLE', status: 503 });
    await assert.rejects(handle.attach({ cmd: ['sh'], cols: 80, rows: 24 }), {
      code: 'NETLAB_ERR_DOCKER_UNREACHABLE',
    });
    assert.equal(handle.status(), 'ready');
  });
});

describe('SessionManager.recordResults', () => {
  const failed = { id: 't', passed: false, detail: { expected: 'e', actual: 'a', hint: 'h' } };
  const passed = { id: 't', passed: true, detail: null };

  test('keeps a passed task passed and tells listeners what was stored', async () => {
    const { sessions } = await testSessions();
    const events: SessionEvents['results'][] = [];
    sessions.on('results', (e) => void events.push(e));
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    await ready(sessions, session.id);
    await sessions.recordResults(session.id, [passed], true);
    const tasks = await sessions.recordResults(session.id, [failed], true);
    assert.equal(tasks.find((t) => t.id === 't')?.passed, true);
    assert.deepEqual(
      events.map((e) => e.results),
      [[passed], [failed]],
    );
  });

  test('stores only flipped results of a re-check, and says nothing when none changed', async () => {
    const { sessions } = await testSessions();
    const events: SessionEvents['results'][] = [];
    sessions.on('results', (e) => void events.push(e));
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    await ready(sessions, session.id);
    await sessions.recordResults(session.id, [failed], false);
    await sessions.recordResults(session.id, [failed], false);
    await sessions.recordResults(session.id, [passed], false);
    assert.deepEqual(
      events.map((e) => e.results),
      [[], [passed]],
    );
  });
});

describe('SessionManager.end', () => {
  test('keeps the command log before the store says the session ended', async () => {
    const { sessions, driver, opened } = await testSessions();
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    await ready(sessions, session.id);
    const seen: (string | undefined)[] = [];
    driver.onExec = async (cmd) => {
      if (!cmd.join(' ').includes('commands.log')) return {};
      seen.push((await opened.sessions.getSession(session.id))?.status);
      return { stdout: 'the log\n' };
    };
    await sessions.end(session.id);
    assert.deepEqual(seen, ['ready']);
    assert.equal(await opened.sessions.journal(session.id), 'the log\n');
    assert.equal((await opened.sessions.getSession(session.id))?.status, 'ended');
  });

  test('ends once when asked twice at once, both answering after the sandbox is gone', async () => {
    const { sessions, driver } = await testSessions();
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    await ready(sessions, session.id);
    const before = driver.execs.length;
    await Promise.all([
      sessions.end(session.id, 'ended', 'first').then(() => assert.equal(driver.sandboxes.size, 0)),
      sessions
        .end(session.id, 'ended', 'second')
        .then(() => assert.equal(driver.sandboxes.size, 0)),
    ]);
    assert.equal(driver.execs.length - before, 1);
    const view = (await sessions.authorize(session.id, session.token)).view();
    assert.equal(view.reason, 'first');
  });
});

describe('SessionManager.rebuild', () => {
  test("replays the reader's journal when asked while the sweep is still keeping it", async () => {
    const { sessions, driver, advance } = await testSessions();
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    await ready(sessions, session.id);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const readsLog = (cmd: string[]) => cmd.join(' ').includes('commands.log');
    driver.onExec = async (cmd) => (readsLog(cmd) ? held.then(() => ({ stdout: '' })) : {});
    advance(600_000);
    const sweeping = sessions.sweep();
    await until(() => driver.execs.some((e) => readsLog(e.cmd)), 'the command log asked for');
    const rebuilding = sessions.rebuild(session.id, {
      ...{ token: session.token, client: 'a', locale: 'en' },
    });
    // The rebuild goes as far as it can before the log comes back.
    for (let i = 0; i < 50; i++) await turn();
    release();
    const { session: rebuilt } = await rebuilding;
    await sweeping;
    const view = (await ready(sessions, rebuilt.id)).view();
    assert.equal(view.rebuild?.mode, 'journal', JSON.stringify(view.rebuild?.fallback));
  });
});

describe('SessionManager.sweep', () => {
  test('ends idle sessions but not those with a terminal attached', async () => {
    const { sessions, driver, advance } = await testSessions();
    const idle = (await sessions.create({ lab: 'bridge', client: 'a' })).session;
    const busy = (await sessions.create({ lab: 'bridge', client: 'b' })).session;
    await ready(sessions, idle.id);
    await ready(sessions, busy.id);
    sessions.markAttached(busy.id, true);
    advance(61_000);
    await sessions.sweep();
    assert.equal((await sessions.authorize(idle.id, idle.token)).status(), 'ended');
    assert.equal((await sessions.authorize(busy.id, busy.token)).status(), 'ready');
    assert.equal(driver.sandboxes.size, 1);
  });

  test('ends a session at its time limit even with a terminal attached', async () => {
    const { sessions, advance } = await testSessions();
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    await ready(sessions, session.id);
    sessions.markAttached(session.id, true);
    advance(600_000);
    await sessions.sweep();
    const view = (await sessions.authorize(session.id, session.token)).view();
    assert.deepEqual([view.status, view.reason], ['ended', 'the session reached its time limit']);
  });
});

describe('SessionManager.sweep of lost servers', () => {
  /** Servers A and B on one store, each registered at the start; B's clock moves. */
  async function twoServers() {
    const a = await testSessions({}, { instance: 'a' });
    const b = await testSessions({}, { instance: 'b', opened: a.opened });
    await a.opened.servers.register('a', 'http://a', a.now());
    await a.opened.servers.register('b', 'http://b', b.now());
    const ended: SessionEvents['ended'][] = [];
    b.sessions.on('ended', (event) => void ended.push(event));
    return { a, b, ended };
  }

  /** A ready session on `server`, with a terminal attached so that it does not idle out. */
  async function attachedSession(server: TestSessions) {
    const { session } = await server.sessions.create({ lab: 'bridge', client: 'x' });
    await ready(server.sessions, session.id);
    server.sessions.markAttached(session.id, true);
    return session;
  }

  test("ends another server's sessions once it has not registered for serverLostMs", async () => {
    const { a, b, ended } = await twoServers();
    const session = await attachedSession(a);
    b.advance(119_000);
    await b.sessions.sweep();
    assert.equal((await b.sessions.authorize(session.id, session.token)).status(), 'ready');
    b.advance(2_000);
    await b.sessions.sweep();
    await b.sessions.sweep();
    const view = (await b.sessions.authorize(session.id, session.token)).view();
    assert.deepEqual([view.status, view.reason], ['ended', LOST_SERVER_REASON]);
    assert.deepEqual(
      ended.map((e) => [e.id, e.status]),
      [[session.id, 'ended']],
    );
    // Its reader rebuilds on B; the old machine's command log is out of reach.
    const { session: rebuilt } = await b.sessions.rebuild(session.id, {
      ...{ token: session.token, client: 'x', locale: 'en' },
    });
    const rebuild = (await ready(b.sessions, rebuilt.id)).view().rebuild;
    assert.deepEqual([rebuild?.mode, rebuild?.fallback?.why], ['solution', 'no-record']);
  });

  test('a server that was cut off from the store ends there the sessions the others ended', async () => {
    const { a, b } = await twoServers();
    const session = await attachedSession(a);
    const endedOnA: string[] = [];
    a.sessions.on('ended', (event) => void endedOnA.push(event.id));
    b.advance(121_000);
    await b.sessions.sweep();
    assert.equal(a.sessions.handle(session.id)?.status(), 'ready', 'A has not looked yet');
    await a.sessions.sweep();
    assert.equal(a.sessions.handle(session.id), undefined);
    assert.deepEqual(endedOnA, [session.id]);
    assert.equal(a.driver.sandboxes.size, 0);
    const view = (await a.sessions.authorize(session.id, session.token)).view();
    assert.deepEqual([view.status, view.reason], ['ended', LOST_SERVER_REASON]);
  });

  test('never ends its own sessions, however long ago it registered', async () => {
    const { b, ended } = await twoServers();
    const session = await attachedSession(b);
    b.advance(300_000);
    await b.sessions.sweep();
    assert.equal((await b.sessions.authorize(session.id, session.token)).status(), 'ready');
    assert.deepEqual(ended, []);
  });
});

describe('SessionManager.shutdown', () => {
  test('refuses new sessions while shutting down and removes every sandbox', async () => {
    const { sessions, driver } = await testSessions({ warmPool: 1 });
    await sessions.start();
    const { session } = await sessions.create({ lab: 'bridge', client: 'a' });
    await ready(sessions, session.id);
    await sessions.shutdown();
    assert.equal(driver.sandboxes.size, 0);
    await assert.rejects(sessions.create({ lab: 'bridge', client: 'a' }), {
      code: 'NETLAB_ERR_SHUTTING_DOWN',
    });
  });
});

describe('SessionManager.start', () => {
  test("leaves another instance's sessions alone when it starts on the same store", async () => {
    const first = await testSessions();
    const { session } = await first.sessions.create({ lab: 'bridge', client: 'a' });
    await ready(first.sessions, session.id);
    const second = await testSessions({}, { opened: first.opened, instance: 'second' });
    await second.sessions.start();
    assert.equal((await first.opened.sessions.getSession(session.id))?.status, 'ready');
    assert.equal(first.driver.sandboxes.size, 1);
  });

  test('adopts its live sessions after a restart and tells listeners of those it cannot resume', async () => {
    const before = await testSessions();
    const kept = (await before.sessions.create({ lab: 'bridge', client: 'a' })).session;
    const lost = (await before.sessions.create({ lab: 'bridge', client: 'b' })).session;
    await ready(before.sessions, kept.id);
    await ready(before.sessions, lost.id);
    const lostSandbox = [...before.driver.sandboxes.values()].find((s) => s.sessionId === lost.id);
    before.driver.vanish(lostSandbox?.containerId ?? '');
    const after = await testSessions({}, { opened: before.opened, driver: before.driver });
    const ended: string[] = [];
    after.sessions.on('ended', (e) => void ended.push(e.id));
    await after.sessions.start();
    assert.equal(after.sessions.handle(kept.id)?.status(), 'ready');
    assert.deepEqual(ended, [lost.id]);
  });
});
