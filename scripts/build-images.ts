/**
 * Builds the sandbox images — one per Docker generation (server/generations.ts),
 * from the one Dockerfile — when one is missing or its sources changed, then
 * "bakes" each: runs it once to import the course images into its inner engine
 * and commits the result, so that a sandbox starts with them in well under a
 * second. Cached by a hash of labs/images that each image carries: a second run
 * does nothing, and the generations share every build stage but the last.
 *
 * The image is built on the machine's usual Docker engine (DOCKER_HOST, else
 * /var/run/docker.sock), whose containers have the network a build needs, then
 * loaded into the engine sandboxes run on — Netlab's own isolated engine, which
 * has no network at all — and baked there, under the sandbox recipe.
 *
 *   npm run images [-- --force]
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../server/config.ts';
import { sandboxCreateOptions } from '../server/sandbox/docker-driver/create-options.ts';
import { ensureEngine } from '../server/sandbox/engine.ts';
import { GENERATION_IDS, GENERATIONS, type GenerationInfo } from '../server/generations.ts';
import {
  GENERATION_LABEL,
  HASH_LABEL,
  IMAGES_DIR,
  imageSourcesHash,
} from '../server/sandbox/image-sources.ts';
import { runFlags } from './build-images/run-flags.ts';

const imagesDir = IMAGES_DIR;
const STEPS = 5;
let started = Date.now();

function step(n: number, what: string): void {
  const elapsed = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`images: [${n}/${STEPS}] ${what} (${elapsed} s so far)`);
}

/** The docker CLI on one engine. */
function docker(host: string, args: string[], opts: { quiet?: boolean } = {}): string {
  return execFileSync('docker', ['-H', host, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', opts.quiet ? 'pipe' : 'inherit'],
  }).trim();
}

function labelOf(host: string, image: string): string | null {
  const r = spawnSync(
    'docker',
    ['-H', host, 'image', 'inspect', '-f', `{{index .Config.Labels "${HASH_LABEL}"}}`, image],
    { encoding: 'utf8' },
  );
  return r.status === 0 ? r.stdout.trim() : null;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} … failed with exit code ${r.status}`);
}

/** `docker save` on one engine piped into `docker load` on the other. */
function transfer(image: string, from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const save = spawn('docker', ['-H', from, 'save', image], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const load = spawn('docker', ['-H', to, 'load', '-q'], {
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    save.stdout.pipe(load.stdin);
    let failed = false;
    const fail = (what: string) => (code: number | null) => {
      if (code !== 0 && !failed) {
        failed = true;
        reject(new Error(`docker ${what} of ${image} failed with exit code ${code}`));
      }
    };
    save.on('exit', fail('save'));
    load.on('exit', (code) => (code === 0 && !failed ? resolve() : fail('load')(code)));
  });
}

/** `docker run` flags of the bake: the sandbox recipe of the engine it runs on. */
function bakeFlags(host: string, image: string, tmp: string): string[] {
  const config = loadConfig(process.env);
  const userns = docker(host, ['info', '-f', '{{json .SecurityOptions}}'], {
    quiet: true,
  }).includes('name=userns');
  const options = sandboxCreateOptions('bake', {
    ...config.sandbox,
    image,
    instance: 'bake',
    userns,
  });
  // The CLI takes a seccomp profile as a file.
  const opts = (options.HostConfig?.SecurityOpt ?? []) as string[];
  const profile = path.join(tmp, 'seccomp.json');
  writeFileSync(
    profile,
    (opts.find((o) => o.startsWith('seccomp=')) ?? '').slice('seccomp='.length),
  );
  options.HostConfig = {
    ...options.HostConfig,
    SecurityOpt: opts.map((o) => (o.startsWith('seccomp=') ? `seccomp=${profile}` : o)),
  };
  return runFlags(options);
}

/** Builds and bakes every Docker generation's sandbox image the engine lacks for these sources. */
export async function buildImages(config: Config, force = false): Promise<void> {
  started = Date.now();
  const hash = imageSourcesHash();
  await ensureEngine(config.engine);
  const hosts: Hosts = {
    sandbox: `unix://${config.dockerSocket}`,
    build: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock',
  };
  const stale = GENERATION_IDS.filter(
    (id) => force || labelOf(hosts.sandbox, config.sandbox.images[id]) !== hash,
  );
  for (const id of GENERATION_IDS.filter((g) => !stale.includes(g)))
    console.log(`images: ${config.sandbox.images[id]} (${id}) is up to date (${hash})`);
  if (stale.length === 0) return;
  step(1, 'the Debian base image (debootstrap when no registry answers: a few minutes, once)');
  run(path.join(imagesDir, 'base/make-debian-base.sh'), [], {
    ...process.env,
    DOCKER_HOST: hosts.build,
  });
  for (const id of stale)
    await buildGeneration(GENERATIONS[id], config.sandbox.images[id], hash, hosts);
}

interface Hosts {
  /** The engine sandboxes run on (no network). */
  sandbox: string;
  /** The engine that builds (with the network apt needs). */
  build: string;
}

/**
 * One generation's image: built on the build engine (the stages both share come
 * from its cache), loaded into the sandbox engine, baked there and committed.
 */
async function buildGeneration(
  generation: GenerationInfo,
  target: string,
  hash: string,
  hosts: Hosts,
): Promise<void> {
  const began = Date.now();
  const unbaked = `netlab/sandbox-unbaked:${hash}-${generation.id}`;
  step(2, `building ${unbaked}: Docker ${generation.version} from Debian ${generation.suite}`);
  docker(hosts.build, [
    'build',
    '-q',
    '--build-arg',
    `DOCKER_SUITE=${generation.suite}`,
    '--label',
    `${HASH_LABEL}=${hash}`,
    '-t',
    unbaked,
    path.join(imagesDir, 'sandbox'),
  ]);
  if (hosts.build !== hosts.sandbox) {
    step(3, `loading it into the sandbox engine at ${hosts.sandbox}`);
    await transfer(unbaked, hosts.build, hosts.sandbox);
  } else step(3, 'the build engine is the sandbox engine: nothing to load');

  step(4, `baking the course images into ${target}`);
  const bakeName = `netlab-bake-${hash}-${generation.id}`;
  spawnSync('docker', ['-H', hosts.sandbox, 'rm', '-f', bakeName], { stdio: 'ignore' });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'netlab-bake-'));
  try {
    const flags = bakeFlags(hosts.sandbox, unbaked, tmp);
    run('docker', [
      '-H',
      hosts.sandbox,
      'run',
      '--name',
      bakeName,
      ...flags,
      '--entrypoint',
      '/opt/netlab/bake.sh',
      unbaked,
    ]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  step(5, `committing ${target}`);
  const previous = imageId(hosts.sandbox, target);
  docker(
    hosts.sandbox,
    [
      'commit',
      '-c',
      'ENTRYPOINT ["/opt/netlab/entrypoint.sh"]',
      '-c',
      'CMD []',
      '-c',
      `LABEL ${HASH_LABEL}=${hash}`,
      '-c',
      `LABEL ${GENERATION_LABEL}=${generation.id}`,
      bakeName,
      target,
    ],
    { quiet: true },
  );
  docker(hosts.sandbox, ['rm', bakeName], { quiet: true });
  spawnSync('docker', ['-H', hosts.sandbox, 'rmi', unbaked], { stdio: 'ignore' });
  // The version this one replaces, unless a running sandbox still uses it (then
  // the engine refuses, and it goes once that sandbox is gone and images build again).
  if (previous && previous !== imageId(hosts.sandbox, target))
    spawnSync('docker', ['-H', hosts.sandbox, 'rmi', previous], { stdio: 'ignore' });
  console.log(
    `images: built ${target} (${generation.id}, ${hash}) in ${((Date.now() - began) / 1000).toFixed(0)} s`,
  );
}

function imageId(host: string, image: string): string | null {
  const r = spawnSync('docker', ['-H', host, 'image', 'inspect', '-f', '{{.Id}}', image], {
    encoding: 'utf8',
  });
  return r.status === 0 ? r.stdout.trim() : null;
}

if (import.meta.main) {
  await buildImages(loadConfig(process.env), process.argv.includes('--force')).catch(
    (error: unknown) => {
      console.error(`images: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
