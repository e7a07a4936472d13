/**
 * Every setting of the lab server, read from the environment once at start,
 * validated, with defaults. The self-hosting guide documents each variable; a
 * variable that does not validate stops the server with a message naming it.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  hostEntryProblem,
  parseTrustProxy,
  trustProxyProblem,
  type TrustProxy,
} from './config/exposure.ts';
import { DEFAULT_GENERATION, type Generation } from './generations.ts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** The environment variables, their validation and defaults. */
const envSchema = z.object({
  /** TCP port of the site and API. Example: 8080 */
  PORT: int(0, 65535).default(8080),
  /** Interface to listen on; only this machine by default, `0.0.0.0` exposes the server. Example: 0.0.0.0 */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** DNS names the server answers to, besides loopback names and IP addresses (DNS-rebinding guard); `.example.com` covers its subdomains. Example: learn.example.com,.lab.example.com */
  ALLOWED_HOSTS: list
    .transform((names) => names.map((n) => n.toLowerCase()))
    .superRefine((names, ctx) => {
      for (const name of names) {
        const problem = hostEntryProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
    })
    .default([]),
  /** Origins allowed to open terminals, besides the server's own. Example: https://learn.example.com */
  ALLOWED_ORIGINS: list.default([]),
  /** Proxies whose X-Forwarded-For is believed: a hop count (the nearest on this machine) or proxy addresses/CIDRs; unset believes none. Example: 1, or 10.0.0.5,10.1.0.0/16 */
  TRUST_PROXY: z
    .string()
    .superRefine((value, ctx) => {
      const problem = trustProxyProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** Name of this server on the engine and in the store: at start it adopts or removes only its own sandboxes and sessions; unique per server. */
  INSTANCE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/i)
    .default('netlab'),
  /** URL at which the other lab servers sharing DATABASE_URL reach this one: a request for a session whose machine is here is forwarded to it. Default: http://<HOST>:<PORT> (127.0.0.1 when HOST listens on every interface). Example: http://10.0.0.5:8080 */
  INTERNAL_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+\/?$/, 'must be http(s)://host[:port], without a path')
    .optional(),
  /** Seconds without a sign of life (each server registers every 5 s) after which the other servers sharing DATABASE_URL end a lab server's sessions, so that their readers can rebuild their machines on a server that runs. Example: 120 */
  SERVER_LOST_S: int(15, 86_400).default(120),
  /** Socket of an engine you run yourself, which must remap user namespaces (`--userns-remap`); unset, Netlab starts and uses its own isolated engine under ENGINE_DIR. Example: /var/run/docker.sock */
  DOCKER_SOCKET: z.string().min(1).optional(),
  /** Folder of Netlab's own engine (disk image, data, socket, log); machine-wide, so every lab server on the machine shares it. Example: /var/lib/netlab/engine */
  ENGINE_DIR: z.string().min(1).default('/var/lib/netlab/engine'),
  /** Size of Netlab's own engine's disk, GiB, allocated in full when it is first made: the images plus every sandbox's files. Example: 16 */
  ENGINE_DISK_GB: int(4, 4096).default(16),
  /** Most one sandbox may write to its own filesystem, MiB (its inner engine's storage is SANDBOX_DISK_MB); writes past it fail with "Disk quota exceeded". Example: 512 */
  SANDBOX_ROOTFS_MB: int(16, 65536).default(512),
  /** Lets sandboxes run on an engine without user namespaces, where a reader is root on the host. Only for a single-user laptop. Example: 1 */
  ALLOW_UNISOLATED_SANDBOXES: bool.default(false),
  /** Image of the sandboxes with Docker 26, the original article's generation (built by `npm run images`). Example: netlab/sandbox:latest */
  SANDBOX_IMAGE: z.string().min(1).default('netlab/sandbox:latest'),
  /** Image of the sandboxes with today's Docker 28 (built by `npm run images` beside SANDBOX_IMAGE). Example: netlab/sandbox-docker28:latest */
  SANDBOX_IMAGE_DOCKER28: z.string().min(1).default('netlab/sandbox-docker28:latest'),
  /** Memory limit of one sandbox, MiB. Example: 1024 */
  SANDBOX_MEMORY_MB: int(256, 65536).default(1024),
  /** Size of the tmpfs holding a sandbox's /var/lib/docker, MiB (counts against its memory). */
  SANDBOX_DISK_MB: int(64, 65536).default(512),
  /** Most processes in one sandbox. Example: 1024 */
  SANDBOX_PIDS: int(64, 1_000_000).default(1024),
  /** CPUs one sandbox may use. Example: 1 */
  SANDBOX_CPUS: z.coerce.number().min(0.1).max(256).default(1),
  /** Seconds a new sandbox may take to become ready before it is destroyed. */
  SANDBOX_READY_TIMEOUT_S: int(1, 600).default(30),
  /** Seconds a session lives with no terminal attached. Example: 1800 */
  IDLE_TTL_S: int(10, 86_400 * 7).default(1800),
  /** Seconds a session lives at most. Example: 7200 */
  HARD_TTL_S: int(10, 86_400 * 7).default(7200),
  /** Seconds one "extend" adds to a session's hard end (and its idle clock). Example: 1800 */
  EXTEND_S: int(10, 86_400).default(1800),
  /** Seconds a session may last at most, its extensions included. Example: 14400 */
  MAX_SESSION_S: int(10, 86_400 * 30).default(14_400),
  /** Most sandboxes at once (sessions plus warm pool); default from host memory. */
  MAX_SANDBOXES: int(1, 10_000).optional(),
  /** Most concurrent sessions of one client (IP address). Example: 3 */
  MAX_SESSIONS_PER_CLIENT: int(1, 10_000).default(3),
  /** Ready sandboxes kept waiting for new sessions; 0 disables the pool. */
  WARM_POOL: int(0, 100).default(2),
  /** What SIGTERM does to session sandboxes: `remove` them, or `keep` them for the next server. */
  SHUTDOWN_SANDBOXES: z.enum(['remove', 'keep']).default('remove'),
  /** Most terminals open at once on one session; an instructor's peeks count apart, up to as many again. Example: 4 */
  TERMINALS_PER_SESSION: int(1, 64).default(4),
  /** Keystrokes and pastes per terminal, bytes per second. Example: 65536 */
  TERMINAL_INPUT_RATE: int(1024, 10_000_000).default(64 * 1024),
  /** Terminal output that streams (two frames within this many milliseconds) is held until this long after the last frame and goes out as one frame; a keystroke's echo after a pause is never held. 0 sends every chunk as it comes. Example: 4 */
  TERMINAL_BATCH_MS: int(0, 100).default(4),
  /** Terminal sockets one client address may hold open before sending their `auth` message. Example: 8 */
  PENDING_AUTH_PER_CLIENT: int(1, 1000).default(8),
  /** Seconds between websocket pings; a peer that misses one is dropped. */
  TERMINAL_HEARTBEAT_S: int(1, 3600).default(20),
  /** Seconds between re-checks of open tasks while a terminal is attached and a shell is open in one of the sandbox's containers (whose commands leave no other trace). Example: 3 */
  CHECK_INTERVAL_S: int(1, 3600).default(3),
  /** Seconds between re-checks of open tasks while a terminal is attached otherwise: the reader's commands and the engine's events are re-checked the moment they happen, so this only catches what slips past them. Example: 30 */
  CHECK_IDLE_INTERVAL_S: int(1, 3600).default(30),
  /** Idle re-checks (CHECK_IDLE_INTERVAL_S) of all sessions together per minute at most; beyond it each session's idle interval stretches to share them. Default: 15 per CPU. Example: 30 */
  CHECK_IDLE_PER_MIN: int(1, 100_000).optional(),
  /** Seconds one long-poll wait for a sandbox's news (an engine event, a shell record) lasts before it is started again; each start is an exec in the sandbox. Example: 120 */
  CHECK_WAIT_S: int(5, 3600).default(120),
  /** Live re-checks running at once; the rest wait their turn. Default: the host's CPU count. */
  LIVE_CHECK_CONCURRENCY: int(1, 256).optional(),
  /** Seconds one task's check may take. */
  CHECK_TIMEOUT_S: int(1, 300).default(10),
  /** Folder of the labs (labs/<id>/lab.yaml). */
  LABS_DIR: z.string().min(1).default('labs'),
  /** Folder of the built site served at /. */
  SITE_DIR: z.string().min(1).default('dist'),
  /** Folder of the server's database. */
  DATA_DIR: z.string().min(1).default('data'),
  /** PostgreSQL URL; when set the store uses it instead of SQLite under DATA_DIR (several instances). Example: postgres://netlab:secret@db:5432/netlab */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//)
    .optional(),
  /** Secret that lets its holder create workshops and grader tokens; unset disables workshops. At least 16 characters. */
  ADMIN_TOKEN: z.string().min(16).optional(),
  /** Wrong workshop join codes one client address may send per minute before it must wait. */
  JOIN_ATTEMPTS_PER_MIN: int(1, 100_000).default(60),
  /** Seconds a webhook call may take before it counts as failed. */
  WEBHOOK_TIMEOUT_S: int(1, 120).default(10),
  /** Attempts of one webhook call (with exponential backoff) before it is reported failed. */
  WEBHOOK_ATTEMPTS: int(1, 20).default(5),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  allowedHosts: string[];
  allowedOrigins: string[];
  trustProxy: TrustProxy;
  /** Where the other lab servers reach this one; null: derived from HOST and the port at start. */
  internalUrl: string | null;
  /** The engine sandboxes run on: Netlab's own (managed) or one at DOCKER_SOCKET. */
  engine: EngineConfig;
  /** The engine's socket (the managed engine's, or DOCKER_SOCKET). */
  dockerSocket: string;
  sandbox: {
    /** The image of the default generation (the warm pool's, the host helper's). */
    image: string;
    /** The image of each Docker generation a session may pick. */
    images: Record<Generation, string>;
    memoryBytes: number;
    diskBytes: number;
    pids: number;
    nanoCpus: number;
    readyTimeoutMs: number;
    instance: string;
    rootfsBytes: number;
    allowUnisolated: boolean;
  };
  idleTtlMs: number;
  hardTtlMs: number;
  extendMs: number;
  maxSessionMs: number;
  maxSandboxes: number;
  maxSessionsPerClient: number;
  warmPool: number;
  shutdownSandboxes: 'remove' | 'keep';
  serverLostMs: number;
  terminal: {
    perSession: number;
    inputBytesPerSecond: number;
    batchMs: number;
    heartbeatMs: number;
    pendingPerClient: number;
  };
  checkIntervalMs: number;
  checkIdleIntervalMs: number;
  checkIdlePerMinute: number;
  checkWaitSeconds: number;
  checkTimeoutMs: number;
  liveCheckConcurrency: number;
  labsDir: string;
  siteDir: string;
  dataDir: string;
  databaseUrl: string | null;
  adminToken: string | null;
  webhook: { timeoutMs: number; attempts: number };
  joinAttemptsPerMinute: number;
  logLevel: string;
}

export interface EngineConfig {
  socketPath: string;
  /** Netlab's own engine, which it starts when needed; null when DOCKER_SOCKET names another. */
  managed: { dir: string; diskBytes: number } | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Sandboxes idle near 60 MiB but may grow to their limit; this keeps the sum of
 * limits within 80% of the host's memory, and at least one.
 */
export function defaultMaxSandboxes(totalMemBytes: number, sandboxMemBytes: number): number {
  return Math.max(1, Math.floor((totalMemBytes * 0.8) / sandboxMemBytes));
}

export function loadConfig(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
  totalMemBytes: number = os.totalmem(),
): Config {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape).flatMap((k) =>
      env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]],
    ),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const memoryBytes = e.SANDBOX_MEMORY_MB * 1024 * 1024;
  const engineDir = path.resolve(cwd, e.ENGINE_DIR);
  const images: Record<Generation, string> = {
    'docker-26': e.SANDBOX_IMAGE,
    'docker-28': e.SANDBOX_IMAGE_DOCKER28,
  };
  const engine: EngineConfig = e.DOCKER_SOCKET
    ? { socketPath: e.DOCKER_SOCKET, managed: null }
    : {
        socketPath: path.join(engineDir, 'docker.sock'),
        managed: { dir: engineDir, diskBytes: e.ENGINE_DISK_GB * 1024 ** 3 },
      };
  return {
    port: e.PORT,
    host: e.HOST,
    allowedHosts: e.ALLOWED_HOSTS,
    allowedOrigins: e.ALLOWED_ORIGINS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    internalUrl: e.INTERNAL_URL?.replace(/\/$/, '') ?? null,
    engine,
    dockerSocket: engine.socketPath,
    sandbox: {
      image: images[DEFAULT_GENERATION],
      images,
      memoryBytes,
      diskBytes: e.SANDBOX_DISK_MB * 1024 * 1024,
      pids: e.SANDBOX_PIDS,
      nanoCpus: Math.round(e.SANDBOX_CPUS * 1e9),
      readyTimeoutMs: e.SANDBOX_READY_TIMEOUT_S * 1000,
      instance: e.INSTANCE,
      rootfsBytes: e.SANDBOX_ROOTFS_MB * 1024 * 1024,
      allowUnisolated: e.ALLOW_UNISOLATED_SANDBOXES,
    },
    idleTtlMs: e.IDLE_TTL_S * 1000,
    hardTtlMs: e.HARD_TTL_S * 1000,
    extendMs: e.EXTEND_S * 1000,
    maxSessionMs: Math.max(e.MAX_SESSION_S, e.HARD_TTL_S) * 1000,
    maxSandboxes: e.MAX_SANDBOXES ?? defaultMaxSandboxes(totalMemBytes, memoryBytes),
    maxSessionsPerClient: e.MAX_SESSIONS_PER_CLIENT,
    warmPool: e.WARM_POOL,
    shutdownSandboxes: e.SHUTDOWN_SANDBOXES,
    serverLostMs: e.SERVER_LOST_S * 1000,
    terminal: {
      perSession: e.TERMINALS_PER_SESSION,
      inputBytesPerSecond: e.TERMINAL_INPUT_RATE,
      batchMs: e.TERMINAL_BATCH_MS,
      heartbeatMs: e.TERMINAL_HEARTBEAT_S * 1000,
      pendingPerClient: e.PENDING_AUTH_PER_CLIENT,
    },
    checkIntervalMs: e.CHECK_INTERVAL_S * 1000,
    checkIdleIntervalMs: e.CHECK_IDLE_INTERVAL_S * 1000,
    checkIdlePerMinute: e.CHECK_IDLE_PER_MIN ?? 15 * os.availableParallelism(),
    checkWaitSeconds: e.CHECK_WAIT_S,
    checkTimeoutMs: e.CHECK_TIMEOUT_S * 1000,
    liveCheckConcurrency: e.LIVE_CHECK_CONCURRENCY ?? os.availableParallelism(),
    labsDir: path.resolve(cwd, e.LABS_DIR),
    siteDir: path.resolve(cwd, e.SITE_DIR),
    dataDir: path.resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    adminToken: e.ADMIN_TOKEN ?? null,
    webhook: { timeoutMs: e.WEBHOOK_TIMEOUT_S * 1000, attempts: e.WEBHOOK_ATTEMPTS },
    joinAttemptsPerMinute: e.JOIN_ATTEMPTS_PER_MIN,
    logLevel: e.LOG_LEVEL,
  };
}

/** The variable names, for the documentation cross-check. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);
