/**
 * What the preflight looks at on this machine: programs on PATH, the two Docker
 * engines (the usual one that builds images, the one sandboxes run on), whether
 * the sandbox image needs building, free disk, the port, Chromium. Read-only:
 * nothing is started or changed here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statfsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config.ts';
import { DockerDriver, driverOptions } from '../sandbox/docker-driver.ts';
import { diskBound, isolationProblem } from '../sandbox/docker-driver/engine-facts.ts';
import { onPath } from '../sandbox/engine/host.ts';
import { engineLayout } from '../sandbox/engine/layout.ts';
import { HASH_LABEL, imageSourcesHash } from '../sandbox/image-sources.ts';
import { findChromium } from './chromium.ts';
import type { Facts, Purpose, Reach } from './verdicts.ts';

const TOOLS = ['docker', 'dockerd', 'mkfs.btrfs', 'unshare', 'blkid', 'perl', 'debootstrap'];
const GiB = 1024 ** 3;
/** What building the image takes on the usual engine, measured: ~3 GB, with room. */
const BUILD_BYTES = 4 * GiB;

/** How an engine answers on a unix socket (or an http:// / tcp:// DOCKER_HOST). */
export function reach(host: string, timeoutMs = 3000): Promise<Reach> {
  const target = host.startsWith('unix://')
    ? { socketPath: host.slice('unix://'.length) }
    : {
        host: new URL(host.replace(/^tcp:/, 'http:')).hostname,
        port: Number(new URL(host.replace(/^tcp:/, 'http:')).port),
      };
  return new Promise((resolve) => {
    const request = http.get({ ...target, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? 'ok' : 'error');
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error: NodeJS.ErrnoException) => {
      const byCode: Record<string, Reach> = {
        ENOENT: 'missing',
        ECONNREFUSED: 'refused',
        EACCES: 'denied',
        EPERM: 'denied',
      };
      resolve(byCode[error.code ?? ''] ?? 'error');
    });
  });
}

function cli(host: string, args: string[]): string | null {
  try {
    return execFileSync('docker', ['-H', host, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** Free bytes on the filesystem of the nearest existing folder of `dir`. */
function freeBytes(dir: string): number {
  let at = dir;
  while (!existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  const s = statfsSync(at);
  return s.bavail * s.bsize;
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function sandboxIsolation(config: Config): Promise<string | null> {
  const facts = await new DockerDriver(driverOptions(config)).facts();
  return isolationProblem(facts, config.dockerSocket, diskBound(facts) !== null);
}

export async function gatherFacts(config: Config, purpose: Purpose): Promise<Facts> {
  const tools = new Set(TOOLS.filter((t) => onPath(t)));
  const buildHost = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  const sandboxHost = `unix://${config.dockerSocket}`;
  const [buildReach, sandboxReach] = await Promise.all([reach(buildHost), reach(sandboxHost)]);
  const docker = tools.has('docker');
  // Every Docker generation's image must carry the current sources' hash.
  const labels = Object.values(config.sandbox.images).map((image) =>
    sandboxReach === 'ok' && docker
      ? cli(sandboxHost, [
          'image',
          'inspect',
          '-f',
          `{{index .Config.Labels "${HASH_LABEL}"}}`,
          image,
        ])
      : null,
  );
  const needsBuild = labels.some((label) => label !== imageSourcesHash());
  const baseThere =
    buildReach === 'ok' &&
    docker &&
    cli(buildHost, ['image', 'inspect', '-f', '{{.Id}}', 'debian:trixie-slim']) !== null;
  const disk: Facts['disk'] = [];
  const buildRoot =
    needsBuild && buildReach === 'ok' && docker
      ? cli(buildHost, ['info', '-f', '{{.DockerRootDir}}'])
      : null;
  if (buildRoot)
    disk.push({
      where: buildRoot,
      free: freeBytes(buildRoot),
      needed: BUILD_BYTES,
      what: 'Building the sandbox image',
    });
  const managed = config.engine.managed;
  if (managed && !existsSync(engineLayout(managed.dir).disk))
    disk.push({
      where: managed.dir,
      free: freeBytes(managed.dir),
      needed: managed.diskBytes + GiB,
      what: "Netlab's engine disk (ENGINE_DISK_GB)",
    });
  const [major = 0, minor = 0] = os.release().split(/[.-]/).map(Number);
  return {
    tools,
    isRoot: process.getuid?.() === 0,
    kernel: [major, minor],
    build: { host: buildHost, reach: buildReach },
    sandbox: {
      managed: managed !== null,
      socket: config.dockerSocket,
      reach: sandboxReach,
      isolationProblem:
        sandboxReach === 'ok'
          ? await sandboxIsolation(config).catch((e: unknown) => String(e))
          : null,
      allowUnisolated: config.sandbox.allowUnisolated,
    },
    needsBase: needsBuild && !baseThere,
    disk,
    port:
      purpose !== 'test'
        ? { host: config.host, port: config.port, free: await portFree(config.host, config.port) }
        : null,
    chromium: findChromium(),
  };
}
