/**
 * Session bookkeeping over a fake driver: limits, the pool, TTLs and shutdown.
 * (The real engine is exercised in tests/integration.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import type { Generation } from '../../server/generations.ts';
import { parseLab } from '../../server/grading/labs.ts';
import type {
  ExecResult,
  SandboxDriver,
  SandboxInfo,
  TtyProcess,
} from '../../server/sandbox/driver.ts';
import { SessionManager, type SessionLimits } from '../../server/sessions.ts';
import { openStore } from '../../server/store/open-store.ts';
import type { SessionStore } from '../../server/store/store.ts';

class FakeDriver implements SandboxDriver {
  readonly alive = new Map<string, SandboxInfo>();
  commands: string[][] = [];
  failExec = false;
  ping() {
    return Promise.resolve({ version: 'fake' });
  }
  /** The generation each sandbox was made for, by container id. */
  readonly generations = new Map<string, Generation | undefined>();
  async create(sessionId: string, generation?: Generation): Promise<SandboxInfo> {
    await Promise.resolve();
    const info = { containerId: `c-${sessionId}`, sessionId, createdAt: new Date(), running: true };
    this.alive.set(info.containerId, info);
    this.generations.set(info.containerId, generation);
    return info;
  }
  async exec(_id: string, cmd: string[]): Promise<ExecResult> {
    await Promise.resolve();
    this.commands.push(cmd);
    return {
      exitCode: this.failExec ? 1 : 0,
      stdout: '',
      stderr: 'boom',
      timedOut: false,
      truncated: false,
      durationMs: 1,
    };
  }
  attach(): Promise<TtyProcess> {
    return Promise.reject(new Error('no terminals in this fake'));
  }
  async destroy(id: string) {
    await Promise.resolve();
    this.alive.delete(id);
  }
  async list() {
    await Promise.resolve();
    return [...this.alive.values()];
  }
}

const lab = parseLab(
  `id: bridge
chapter: 2
title: { en: B, zh-cn: B }
intro: { en: I, zh-cn: I }
setup: ["docker network create lab"]
tasks:
  - id: t
    kind: state
    title: { en: T, zh-cn: T }
    hint: { en: H, zh-cn: H }
    checks: [{ probe: netns_exists, name: pod }]
`,
  'bridge/lab.yaml',
);

async function manager(
  limits: Partial<SessionLimits> = {},
  place: { store?: SessionStore; instance?: string } = {},
) {
  let now = 1_000_000;
  const driver = new FakeDriver();
  const store =
    place.store ?? (await openStore({ dataDir: ':memory:', databaseUrl: null })).sessions;
  const sessions = new SessionManager({
    driver,
    store,
    labs: new Map([[lab.id, lab]]),
    log: pino({ level: 'silent' }),
    now: () => now,
    instance: place.instance ?? 'netlab',
    limits: {
      maxSandboxes: 3,
      maxSessionsPerClient: 2,
      warmPool: 0,
      idleTtlMs: 60_000,
      hardTtlMs: 600_000,
      shutdownSandboxes: 'remove',
      ...limits,
    },
  });
  return { sessions, driver, store, advance: (ms: number) => (now += ms) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('SessionManager', () => {
  test('runs the lab setup and reports the session ready', async () => {
    const { sessions, driver } = await manager();
    const created = await sessions.create('bridge', 'a');
    await settle();
    const view = sessions.view(await sessions.authorize(created.id, created.token));
    assert.equal(view.status, 'ready');
    assert.deepEqual(driver.commands, [['sh', '-c', 'docker network create lab']]);
  });

  test('fails the session with the setup error and removes its sandbox', async () => {
    const { sessions, driver } = await manager();
    driver.failExec = true;
    const created = await sessions.create('bridge', 'a');
    await settle();
    const view = sessions.view(await sessions.authorize(created.id, created.token));
    assert.equal(view.status, 'failed');
    assert.match(
      view.reason ?? '',
      /setup step `docker network create lab` failed with exit code 1: boom/,
    );
    assert.equal(driver.alive.size, 0);
  });

  test('refuses a client over its limit and everyone over capacity', async () => {
    const { sessions } = await manager();
    await sessions.create('bridge', 'a');
    await sessions.create('bridge', 'a');
    await assert.rejects(sessions.create('bridge', 'a'), { code: 'NETLAB_ERR_CLIENT_LIMIT' });
    await sessions.create('bridge', 'b');
    await assert.rejects(sessions.create('bridge', 'c'), {
      code: 'NETLAB_ERR_CAPACITY',
      retryAfter: 60,
    });
  });

  test('hands out a pooled sandbox under the pooled id and refills the pool', async () => {
    const { sessions, driver } = await manager({ warmPool: 1 });
    await sessions.start();
    await settle();
    assert.equal(sessions.warmCount, 1);
    const pooled = [...driver.alive.values()][0];
    const created = await sessions.create('bridge', 'a');
    assert.equal(created.id, pooled?.sessionId);
    await settle();
    assert.equal(sessions.warmCount, 1);
    assert.equal(driver.alive.size, 2);
  });

  test('returns the default generation and a pooled sandbox when the reader names none', async () => {
    const { sessions } = await manager({ warmPool: 1 });
    await sessions.start();
    await settle();
    const created = await sessions.create('bridge', 'a');
    assert.equal(created.generation, 'docker-28');
    await settle();
    const view = sessions.view(await sessions.authorize(created.id, created.token));
    assert.equal(view.generation, 'docker-28');
  });

  test('makes a sandbox of the named generation, not a pooled one, when the reader picks another', async () => {
    const { sessions, driver } = await manager({ warmPool: 1 });
    await sessions.start();
    await settle();
    const pooled = [...driver.alive.values()][0];
    const created = await sessions.create('bridge', 'a', undefined, 'docker-26');
    assert.notEqual(created.id, pooled?.sessionId);
    assert.equal(created.generation, 'docker-26');
    await settle();
    const view = sessions.view(await sessions.authorize(created.id, created.token));
    assert.equal(view.status, 'ready');
    assert.equal(view.generation, 'docker-26');
    assert.equal(driver.generations.get(`c-${created.id}`), 'docker-26');
    assert.equal(sessions.warmCount, 1, 'the pooled sandbox waits for the next default session');
  });

  test('ends idle sessions but not those with a terminal attached', async () => {
    const { sessions, driver, advance } = await manager();
    const idle = await sessions.create('bridge', 'a');
    const busy = await sessions.create('bridge', 'b');
    await settle();
    sessions.terminalAttached(await sessions.authorize(busy.id, busy.token));
    advance(61_000);
    await sessions.sweep();
    assert.equal(sessions.view(await sessions.authorize(idle.id, idle.token)).status, 'ended');
    assert.equal(sessions.view(await sessions.authorize(busy.id, busy.token)).status, 'ready');
    assert.equal(driver.alive.size, 1);
  });

  test('refuses new sessions while shutting down and removes every sandbox', async () => {
    const { sessions, driver } = await manager({ warmPool: 1 });
    await sessions.start();
    await sessions.create('bridge', 'a');
    await settle();
    await sessions.shutdown();
    assert.equal(driver.alive.size, 0);
    await assert.rejects(sessions.create('bridge', 'a'), { code: 'NETLAB_ERR_SHUTTING_DOWN' });
  });

  test("leaves another instance's sessions alone when it starts on the same store", async () => {
    const first = await manager();
    const created = await first.sessions.create('bridge', 'a');
    await settle();
    const second = await manager({}, { store: first.store, instance: 'second' });
    await second.sessions.start();
    assert.equal((await first.store.getSession(created.id))?.status, 'ready');
    assert.equal(
      first.sessions.view(await first.sessions.authorize(created.id, created.token)).status,
      'ready',
    );
    assert.equal(first.driver.alive.size, 1);
  });
});
