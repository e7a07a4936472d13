/**
 * The lab server's entry point: builds every dependency from the configuration,
 * wires them together, starts listening, and shuts down gracefully on SIGTERM.
 *
 *   node server/main.ts        (npm start builds images and the site first)
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { exposureWarnings } from './config/exposure.ts';
import { loadLabs, readSolution } from './labs.ts';
import { CheckService } from './checks.ts';
import { LiveChecks } from './checks/live-checks.ts';
import { buildApp } from './http/app.ts';
import { Peers } from './http/forward.ts';
import { createLogger } from './logger.ts';
import { DockerDriver, driverOptions } from './sandbox/docker-driver.ts';
import { ensureEngine } from './sandbox/engine.ts';
import { SessionManager } from './sessions.ts';
import { openStore } from './store/open-store.ts';
import { terminalRoutes } from './terminal.ts';
import { TerminalHub } from './terminal/hub.ts';
import { SqlWorkshopStore } from './store/workshop-store.ts';
import { Tickets } from './tickets.ts';
import { WorkshopService } from './workshops.ts';

/** How often idle and expired sessions are looked for. */
const SWEEP_INTERVAL_MS = 5000;

async function main(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const labs = new Map(loadLabs(config.labsDir).map((lab) => [lab.id, lab]));
  const solutions = new Map(
    [...labs.keys()].flatMap((id) => {
      const solution = readSolution(config.labsDir, id);
      return solution === null ? [] : [[id, solution] as const];
    }),
  );
  const opened = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onBusError: (error) => log.warn({ err: error }, 'bus between lab servers'),
  });
  const { db, sessions: store, servers, bus } = opened;
  // Without an engine the site and the API still serve; sessions answer 503 with the fix.
  await ensureEngine(config.engine).catch((error: unknown) =>
    log.error({ err: error }, 'the sandbox engine is not available'),
  );
  // The session manager is the only holder of the driver.
  const sessions = new SessionManager({
    driver: new DockerDriver(driverOptions(config)),
    store,
    labs,
    log,
    now: Date.now,
    instance: config.sandbox.instance,
    solutions,
    limits: {
      maxSandboxes: config.maxSandboxes,
      maxSessionsPerClient: config.maxSessionsPerClient,
      warmPool: config.warmPool,
      idleTtlMs: config.idleTtlMs,
      hardTtlMs: config.hardTtlMs,
      extendMs: config.extendMs,
      maxSessionMs: config.maxSessionMs,
      shutdownSandboxes: config.shutdownSandboxes,
      serverLostMs: config.serverLostMs,
    },
  });
  const checks = new CheckService({ sessions, labs, timeoutMs: config.checkTimeoutMs });
  // Every open terminal, by session; live re-checks follow it.
  const hub = new TerminalHub(sessions);
  const live = new LiveChecks({
    checks,
    sessions,
    presence: hub,
    labs,
    log,
    now: Date.now,
    intervalMs: config.checkIntervalMs,
    concurrency: config.liveCheckConcurrency,
    idleIntervalMs: config.checkIdleIntervalMs,
    idlePerMinute: config.checkIdlePerMinute,
    waitSeconds: config.checkWaitSeconds,
  });
  const workshops = new WorkshopService({
    store: new SqlWorkshopStore(db),
    bus,
    sessions,
    labs,
    log,
    now: Date.now,
    adminToken: config.adminToken,
    webhook: config.webhook,
    joinAttemptsPerMinute: config.joinAttemptsPerMinute,
  });
  const tickets = new Tickets({ now: Date.now });
  // Any server serves any session: one whose machine another server holds is forwarded there.
  const peers = new Peers({ instance: config.sandbox.instance, directory: servers });
  const app = await buildApp({
    config,
    log,
    sessions,
    peers,
    labs,
    checks,
    workshops,
    tickets,
    versions: { netlab: packageVersion(), node: process.version },
    plugins: [
      (a) =>
        terminalRoutes(a, {
          sessions,
          hub,
          peers,
          tickets,
          config: config.terminal,
          allowedOrigins: config.allowedOrigins,
          log,
        }),
    ],
  });

  await sessions.start();
  live.start();
  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  const internalUrl = config.internalUrl ?? defaultInternalUrl(config.host, port);
  const register = () => servers.register(config.sandbox.instance, internalUrl, Date.now());
  await register();
  const sweep = setInterval(() => {
    sessions.sweep().catch((error: unknown) => log.error({ err: error }, 'session sweep failed'));
    workshops.sweep().catch((error: unknown) => log.error({ err: error }, 'workshop sweep failed'));
    register().catch((error: unknown) =>
      log.warn({ err: error }, 'could not register this server'),
    );
  }, SWEEP_INTERVAL_MS);
  for (const warning of exposureWarnings(config)) log.warn(warning);
  process.stdout.write(`Netlab is running at http://localhost:${port}/\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    clearInterval(sweep);
    live.stop();
    void (async () => {
      await sessions.shutdown();
      hub.close();
      // Event streams never end on their own: close them, or app.close() would wait for them.
      await workshops.close();
      await app.close();
      await opened.close();
      log.info('stopped');
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Where the other servers reach this one when INTERNAL_URL is unset: the address it listens on. */
function defaultInternalUrl(host: string, port: number): string {
  const everywhere = host === '0.0.0.0' || host === '::' || host === '';
  const name = everywhere ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

function packageVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

try {
  await main(loadConfig(process.env));
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`netlab: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `netlab: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
