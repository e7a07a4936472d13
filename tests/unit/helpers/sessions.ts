/**
 * A session manager over the fake driver and an in-memory SQLite store, with a
 * clock the test moves: what the fast tests of sessions, checks, routes and
 * workshops build on. Waiting is for the event loop to settle, never for time.
 */
import { setImmediate as turn } from 'node:timers/promises';
import { pino } from 'pino';
import { parseLab, type Lab } from '../../../server/labs.ts';
import { FakeDriver } from '../../../server/sandbox/fake-driver.ts';
import { SessionManager, type SessionLimits } from '../../../server/sessions.ts';
import { openStore, type OpenStore } from '../../../server/store/open-store.ts';

export const silent = pino({ level: 'silent' });

/** A small lab: one setup step, a state task with one check, an answer task. */
export const bridgeLab: Lab = parseLab(
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
  - id: a
    kind: answer
    title: { en: A, zh-cn: A }
    hint: { en: H, zh-cn: H }
    answer: { probe: interface_mac, ns: host, interface: docker0 }
`,
  'bridge/lab.yaml',
);

export interface TestSessions {
  sessions: SessionManager;
  driver: FakeDriver;
  opened: OpenStore;
  labs: Map<string, Lab>;
  advance: (ms: number) => void;
  now: () => number;
}

export async function testSessions(
  limits: Partial<SessionLimits> = {},
  place: { opened?: OpenStore; instance?: string; driver?: FakeDriver } = {},
): Promise<TestSessions> {
  let now = 1_000_000;
  const driver = place.driver ?? new FakeDriver();
  const opened = place.opened ?? (await openStore({ dataDir: ':memory:', databaseUrl: null }));
  const labs = new Map([[bridgeLab.id, bridgeLab]]);
  const sessions = new SessionManager({
    driver,
    store: opened.sessions,
    labs,
    log: silent,
    now: () => now,
    instance: place.instance ?? 'netlab',
    limits: {
      maxSandboxes: 3,
      maxSessionsPerClient: 2,
      warmPool: 0,
      idleTtlMs: 60_000,
      hardTtlMs: 600_000,
      extendMs: 300_000,
      maxSessionMs: 1_200_000,
      shutdownSandboxes: 'remove',
      serverLostMs: 120_000,
      ...limits,
    },
  });
  return { sessions, driver, opened, labs, advance: (ms) => (now += ms), now: () => now };
}

/** Lets the event loop run until `done()` holds (fake work settles in a few turns). */
export async function until(done: () => boolean, what = 'the condition'): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (done()) return;
    await turn();
  }
  throw new Error(`${what} did not come true`);
}
