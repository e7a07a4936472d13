/**
 * Builds the sandbox image when it is missing or its sources changed, then
 * "bakes" it: runs it once to import the course images into its inner engine and
 * commits the result, so that a sandbox starts with them in well under a second.
 * Cached by a hash of labs/images: a second run does nothing.
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
import { HASH_LABEL, IMAGES_DIR, imageSourcesHash } from '../server/sandbox/image-sources.ts';
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

/** Builds and bakes the sandbox image unless the engine already has it for these sources. */
export async function buildImages(config: Config, force = false): Promise<void> {
  started = Date.now();
  const target = config.sandbox.image;
  const hash = imageSourcesHash();
  await ensureEngine(config.engine);
  const sandboxHost = `unix://${config.dockerSocket}`;
  const buildHost = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  if (!force && labelOf(sandboxHost, target) === hash) {
    console.log(`images: ${target} is up to date (${hash})`);
    return;
  }
  step(1, 'the Debian base image (debootstrap when no registry answers: a few minutes, once)');
  run(path.join(imagesDir, 'base/make-debian-base.sh'), [], {
    ...process.env,
    DOCKER_HOST: buildHost,
  });
  const unbaked = `netlab/sandbox-unbaked:${hash}`;
  step(2, `building ${unbaked}: Debian packages for the sandbox and its inner images`);
  docker(buildHost, [
    'build',
    '-q',
    '--label',
    `${HASH_LABEL}=${hash}`,
    '-t',
    unbaked,
    path.join(imagesDir, 'sandbox'),
  ]);
  if (buildHost !== sandboxHost) {
    step(3, `loading it into the sandbox engine at ${config.dockerSocket}`);
    await transfer(unbaked, buildHost, sandboxHost);
  } else step(3, 'the build engine is the sandbox engine: nothing to load');

  step(4, 'baking the course images into the sandbox image');
  const bakeName = `netlab-bake-${hash}`;
  spawnSync('docker', ['-H', sandboxHost, 'rm', '-f', bakeName], { stdio: 'ignore' });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'netlab-bake-'));
  try {
    const flags = bakeFlags(sandboxHost, unbaked, tmp);
    run('docker', [
      '-H',
      sandboxHost,
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
  docker(
    sandboxHost,
    [
      'commit',
      '-c',
      'ENTRYPOINT ["/opt/netlab/entrypoint.sh"]',
      '-c',
      'CMD []',
      '-c',
      `LABEL ${HASH_LABEL}=${hash}`,
      bakeName,
      target,
    ],
    { quiet: true },
  );
  docker(sandboxHost, ['rm', bakeName], { quiet: true });
  spawnSync('docker', ['-H', sandboxHost, 'rmi', unbaked], { stdio: 'ignore' });
  // Earlier versions of the image, unless a running sandbox still uses one.
  spawnSync('docker', ['-H', sandboxHost, 'image', 'prune', '-f'], { stdio: 'ignore' });
  console.log(
    `images: built ${target} (${hash}) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

if (import.meta.main) {
  await buildImages(loadConfig(process.env), process.argv.includes('--force')).catch(
    (error: unknown) => {
      console.error(`images: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
