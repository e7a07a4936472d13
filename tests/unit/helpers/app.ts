/**
 * The whole lab server's HTTP app, wired as server/main.ts wires it, over the
 * fake driver and an in-memory SQLite store: routes, the error handler,
 * checks, workshops, tickets, the terminal websocket and the hub, answered in
 * milliseconds through Fastify's inject (and injectWS). Two of them on one
 * store, with different INSTANCE names, stand for two servers sharing a
 * database.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { CheckService } from '../../../server/checks.ts';
import { LiveChecks } from '../../../server/checks/live-checks.ts';
import { loadConfig, type Config } from '../../../server/config.ts';
import { buildApp } from '../../../server/http/app.ts';
import { Peers } from '../../../server/http/forward.ts';
import { loadLabs, type Lab } from '../../../server/labs.ts';
import { LocalBus } from '../../../server/store/bus.ts';
import { SqlWorkshopStore } from '../../../server/store/workshop-store.ts';
import { openStore, type OpenStore } from '../../../server/store/open-store.ts';
import { terminalRoutes } from '../../../server/terminal.ts';
import { TerminalHub } from '../../../server/terminal/hub.ts';
import { Tickets } from '../../../server/tickets.ts';
import { WorkshopService } from '../../../server/workshops.ts';
import { FakeDriver } from '../../../server/sandbox/fake-driver.ts';
import { silent, testSessions, type TestSessions } from './sessions.ts';

export const ADMIN = 'admin-token-for-fast-tests';

/** Every real lab, for checks answered from tests/fixtures/grading by the fake driver. */
export function realLabs(): ReadonlyMap<string, Lab> {
  const dir = path.resolve(import.meta.dirname, '../../../labs');
  return new Map(loadLabs(dir).map((lab) => [lab.id, lab]));
}

export interface TestApp extends TestSessions {
  app: FastifyInstance;
  config: Config;
  checks: CheckService;
  workshops: WorkshopService;
  hub: TerminalHub;
  live: LiveChecks;
  /** Shorthand for inject: JSON body in, parsed JSON out. */
  call: (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    options?: {
      token?: string;
      body?: unknown;
      headers?: Record<string, string>;
      /** The client's address (the per-client limit counts by it). */
      client?: string;
    },
  ) => Promise<Answer>;
  close: () => Promise<void>;
}

/** An injected answer whose JSON body is read as the wire type the test expects. */
export type Answer = LightMyRequestResponse & {
  // The type is the test's claim about the wire, checked by its assertions.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  json: <T = unknown>() => T;
};

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Labs besides the helper's small "bridge" lab (e.g. realLabs()). */
  labs?: ReadonlyMap<string, Lab>;
  /** Another server's store (and bus), to share it. */
  opened?: OpenStore;
  bus?: LocalBus;
  instance?: string;
  driver?: FakeDriver;
}

export async function testApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    ADMIN_TOKEN: ADMIN,
    SITE_DIR: '/nonexistent-netlab-site',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const opened = options.opened ?? (await openStore({ dataDir: ':memory:', databaseUrl: null }));
  const base = await testSessions(
    { maxSandboxes: 50, maxSessionsPerClient: 3, idleTtlMs: config.idleTtlMs },
    {
      opened,
      ...(options.instance && { instance: options.instance }),
      ...(options.driver && { driver: options.driver }),
    },
  );
  for (const [id, lab] of options.labs ?? []) base.labs.set(id, lab);
  const { sessions } = base;
  const checks = new CheckService({ sessions, labs: base.labs, timeoutMs: 5000 });
  const hub = new TerminalHub(sessions);
  const live = new LiveChecks({
    ...{ checks, sessions, presence: hub, labs: base.labs, log: silent, now: Date.now },
    ...{ intervalMs: config.checkIntervalMs, idleIntervalMs: config.checkIdleIntervalMs },
    ...{ idlePerMinute: config.checkIdlePerMinute, waitSeconds: config.checkWaitSeconds },
    concurrency: 2,
  });
  const instance = options.instance ?? 'netlab';
  const workshops = new WorkshopService({
    store: new SqlWorkshopStore(opened.db),
    bus: options.bus ?? new LocalBus(() => undefined),
    sessions,
    labs: base.labs,
    log: silent,
    now: base.now,
    adminToken: config.adminToken,
    webhook: config.webhook,
    joinAttemptsPerMinute: config.joinAttemptsPerMinute,
  });
  const tickets = new Tickets({ now: Date.now });
  const peers = new Peers({ instance, directory: opened.servers });
  const app = await buildApp({
    ...{ config, log: silent, sessions, peers, labs: base.labs, checks, workshops, tickets },
    versions: { netlab: '0.0.0', node: process.version },
    plugins: [
      (a) =>
        terminalRoutes(a, {
          ...{ sessions, hub, peers, tickets, log: silent },
          config: config.terminal,
          allowedOrigins: config.allowedOrigins,
        }),
    ],
  });
  await app.ready();
  const call: TestApp['call'] = async (method, url, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
    const response = await app.inject({
      method,
      url,
      headers,
      remoteAddress: o.client ?? '127.0.0.1',
      ...(o.body !== undefined && { payload: o.body as Record<string, unknown> }),
    });
    const json = (() => JSON.parse(response.body) as unknown) as Answer['json'];
    return Object.assign(response, { json });
  };
  return {
    ...base,
    ...{ app, config, checks, workshops, hub, live, call },
    close: async () => {
      live.stop();
      // In-memory sockets never finish a closing handshake; drop them rather than wait 30 s.
      for (const socket of app.websocketServer.clients) socket.terminate();
      await workshops.close();
      await app.close();
    },
  };
}

/** Listens on loopback, registers the app as `instance` in the shared directory; returns its URL. */
export async function listen(t: TestApp, instance: string): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  await t.opened.servers.register(instance, url, Date.now());
  return url;
}
