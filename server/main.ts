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
import { loadLabs } from './labs.ts';
import { CheckService } from './checks.ts';
import { buildApp } from './http/app.ts';
import { createLogger } from './logger.ts';
import { DockerDriver, driverOptions } from './sandbox/docker-driver.ts';
import { ensureEngine } from './sandbox/engine.ts';
import { SessionManager } from './sessions.ts';
import { openStore } from './store/open-store.ts';
import { terminalRoutes } from './terminal.ts';
import { SqlWorkshopStore } from './store/workshop-store.ts';
import { Tickets } from './tickets.ts';
import { WorkshopService } from './workshops.ts';
import { WorkshopSessionGuard } from './workshops/session-guard.ts';

/** How often idle and expired sessions are looked for. */
const SWEEP_INTERVAL_MS = 5000;

async function main(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const labs = new Map(loadLabs(config.labsDir).map((lab) => [lab.id, lab]));
  const opened = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onBusError: (error) => log.warn({ err: error }, 'bus between lab servers'),
  });
  const { db, sessions: store, bus } = opened;
  const workshopStore = new SqlWorkshopStore(db);
  // Without an engine the site and the API still serve; sessions answer 503 with the fix.
  await ensureEngine(config.engine).catch((error: unknown) =>
    log.error({ err: error }, 'the sandbox engine is not available'),
  );
  const driver = new DockerDriver(driverOptions(config));
  const sessions = new SessionManager({
    driver,
    store,
    labs,
    log,
    now: Date.now,
    instance: config.sandbox.instance,
    guard: new WorkshopSessionGuard(workshopStore),
    limits: {
      maxSandboxes: config.maxSandboxes,
      maxSessionsPerClient: config.maxSessionsPerClient,
      warmPool: config.warmPool,
      idleTtlMs: config.idleTtlMs,
      hardTtlMs: config.hardTtlMs,
      shutdownSandboxes: config.shutdownSandboxes,
    },
  });
  const checks = new CheckService({
    driver,
    sessions,
    labs,
    store,
    log,
    now: Date.now,
    timeoutMs: config.checkTimeoutMs,
    liveConcurrency: config.liveCheckConcurrency,
  });
  const workshops = new WorkshopService({
    store: workshopStore,
    bus,
    sessions,
    labs,
    log,
    now: Date.now,
    adminToken: config.adminToken,
    webhook: config.webhook,
    joinAttemptsPerMinute: config.joinAttemptsPerMinute,
  });
  checks.onResults((session, results, at) => workshops.resultsRecorded(session, results, at));
  const tickets = new Tickets({ now: Date.now });
  const app = await buildApp({
    config,
    log,
    driver,
    sessions,
    labs,
    checks,
    workshops,
    tickets,
    versions: { netlab: packageVersion(), node: process.version },
    plugins: [
      (a) =>
        terminalRoutes(a, {
          sessions,
          tickets,
          driver,
          config: config.terminal,
          allowedOrigins: config.allowedOrigins,
          log,
          checks,
          checkIntervalMs: config.checkIntervalMs,
        }),
    ],
  });

  await sessions.start();
  const sweep = setInterval(() => {
    sessions.sweep().catch((error: unknown) => log.error({ err: error }, 'session sweep failed'));
    workshops.sweep().catch((error: unknown) => log.error({ err: error }, 'workshop sweep failed'));
  }, SWEEP_INTERVAL_MS);

  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  for (const warning of exposureWarnings(config)) log.warn(warning);
  process.stdout.write(`Netlab is running at http://localhost:${port}/\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    clearInterval(sweep);
    void (async () => {
      await sessions.shutdown();
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
