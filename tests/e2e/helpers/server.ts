/**
 * The real lab server for e2e tests: builds the sandbox image (cached) and the
 * site when asked, then runs `node server/main.ts` on a free port with its own
 * data folder, and stops it (SIGTERM, which removes its sandboxes) afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const NODE = path.join(REPO_ROOT, 'node_modules/.bin/node');
const NPM_ENV = {
  ...process.env,
  PATH: `${path.join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
};

export interface RunningServer {
  /** e.g. "http://127.0.0.1:41234" (no trailing slash). */
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Built site served at /; default dist/. Pass null for an API-only server. */
  siteDir?: string | null;
  /** Extra environment, e.g. { MAX_SANDBOXES: '2' }. */
  env?: Record<string, string>;
  /** How long to wait for the "running" line, ms. Default 60 000. */
  timeoutMs?: number;
  /** Data folder to use (kept on stop); default a fresh temporary one (removed on stop). */
  dataDir?: string;
  /** Port; default any free one. */
  port?: number;
}

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    env: NPM_ENV,
    encoding: 'utf8',
    stdio: 'pipe',
  });
  if (result.status !== 0) {
    throw new Error(
      `${what} failed (exit ${String(result.status)}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

/** `npm run images`: the sandbox image (a no-op when it is up to date). */
export function buildImages(): void {
  run(NODE, ['scripts/build-images.ts'], 'npm run images');
}

let builtSite: string | null = null;

/**
 * `npm run build` (astro build) into a private folder, once per process, so
 * that a test never serves a dist/ someone else is rebuilding. Set
 * NETLAB_E2E_SKIP_BUILD=1 to serve an existing dist/ while iterating on tests.
 */
export function buildSite(): string {
  const dist = path.join(REPO_ROOT, 'dist');
  if (process.env.NETLAB_E2E_SKIP_BUILD === '1' && existsSync(path.join(dist, 'index.html'))) {
    return dist;
  }
  if (builtSite) return builtSite;
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'netlab-e2e-site-'));
  run(
    path.join(REPO_ROOT, 'node_modules/.bin/astro'),
    ['build', '--outDir', outDir],
    'npm run build',
  );
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  builtSite = outDir;
  return outDir;
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'netlab-e2e-'));
  const removeDataDir = (): void => {
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const siteDir =
    options.siteDir === null
      ? path.join(dataDir, 'no-site')
      : (options.siteDir ?? path.join(REPO_ROOT, 'dist'));
  const child = spawn(NODE, ['server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      WARM_POOL: '1',
      DATA_DIR: dataDir,
      SITE_DIR: siteDir,
      // Its own name on the engine, so it neither adopts nor removes other servers' sandboxes
      // (a dev server, other tests); the same data folder gives the same name, for restarts.
      INSTANCE: `e2e-${path.basename(dataDir)}`.replace(/[^a-z0-9_.-]/gi, '-').slice(0, 63),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(
          `the lab server did not start within ${String(options.timeoutMs ?? 60_000)} ms:\n${output}`,
        ),
      );
    }, options.timeoutMs ?? 60_000);
    const onData = (): void => {
      const match = /Netlab is running at (http:\/\/[^\s/]+)\/?/.exec(output);
      if (match?.[1]) {
        cleanup();
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(
        new Error(`the lab server exited (code ${String(code)}) before it was ready:\n${output}`),
      );
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  }).catch(async (error: unknown) => {
    await stopChild(child);
    removeDataDir();
    throw error;
  });

  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    output: () => output,
    stop: async () => {
      await stopChild(child);
      removeDataDir();
    },
  };
}

/** SIGTERM (the server removes its sandboxes), then SIGKILL after 30 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
