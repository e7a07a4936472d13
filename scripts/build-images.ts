/**
 * Builds the sandbox image when it is missing or its sources changed, then
 * "bakes" it: runs it once to import the course images into its inner engine and
 * commits the result, so that a sandbox starts with them in well under a second.
 * Cached by a hash of labs/images: a second run does nothing.
 *
 *   npm run images [-- --force]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config.ts';
import { sandboxCreateOptions } from '../server/sandbox/docker-driver/create-options.ts';
import { runFlags } from './build-images/run-flags.ts';

const root = path.resolve(import.meta.dirname, '..');
const imagesDir = path.join(root, 'labs/images');
const HASH_LABEL = 'netlab.images-hash';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(imagesDir)) {
    hash
      .update(path.relative(imagesDir, file))
      .update('\0')
      .update(readFileSync(file))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function docker(args: string[], opts: { quiet?: boolean } = {}): string {
  return execFileSync('docker', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', opts.quiet ? 'pipe' : 'inherit'],
  }).trim();
}

function labelOf(image: string): string | null {
  const r = spawnSync(
    'docker',
    ['image', 'inspect', '-f', `{{index .Config.Labels "${HASH_LABEL}"}}`, image],
    {
      encoding: 'utf8',
    },
  );
  return r.status === 0 ? r.stdout.trim() : null;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} … failed with exit code ${r.status}`);
}

function main(): void {
  const config = loadConfig(process.env);
  const target = config.sandbox.image;
  const hash = sourcesHash();
  if (!process.argv.includes('--force') && labelOf(target) === hash) {
    console.log(`images: ${target} is up to date (${hash})`);
    return;
  }
  const started = Date.now();
  run(path.join(imagesDir, 'base/make-debian-base.sh'), []);
  const unbaked = `netlab/sandbox-unbaked:${hash}`;
  console.log(`images: building ${unbaked}`);
  run('docker', [
    'build',
    '-q',
    '--label',
    `${HASH_LABEL}=${hash}`,
    '-t',
    unbaked,
    path.join(imagesDir, 'sandbox'),
  ]);

  const bakeName = `netlab-bake-${hash}`;
  spawnSync('docker', ['rm', '-f', bakeName], { stdio: 'ignore' });
  const flags = runFlags(
    sandboxCreateOptions('bake', { ...config.sandbox, image: unbaked, instance: 'bake' }),
  );
  console.log('images: baking the course images into the sandbox image');
  run('docker', [
    'run',
    '--name',
    bakeName,
    ...flags,
    '--entrypoint',
    '/opt/netlab/bake.sh',
    unbaked,
  ]);
  docker(
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
  docker(['rm', bakeName], { quiet: true });
  spawnSync('docker', ['rmi', unbaked], { stdio: 'ignore' });
  console.log(
    `images: built ${target} (${hash}) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

try {
  main();
} catch (error) {
  console.error(`images: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
