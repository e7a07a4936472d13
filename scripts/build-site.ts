/**
 * Builds the site (astro build) unless dist/ was built from exactly these
 * sources: a hash of everything the build reads is kept beside it, so that a
 * restart after a crash serves readers again in about a second instead of
 * rebuilding for half a minute.
 *
 *   npm run build [-- --force]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
/** What the build reads: the site, its config, the labs and the server modules the site imports types and schemas from. */
const INPUTS = [
  'src',
  'public',
  'labs',
  'server',
  'astro.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];
/** labs/images is the sandbox image's, not the site's. */
const IGNORED = new Set([path.join('labs', 'images')]);
const STAMP = path.join(root, 'dist', '.netlab-site-hash');

function files(rel: string): string[] {
  if (IGNORED.has(rel)) return [];
  const full = path.join(root, rel);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [rel];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(path.join(rel, name)));
}

export function siteSourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files))
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Runs astro build when the sources changed since the last build; returns whether it built. */
export function buildSite(force = false): boolean {
  const hash = siteSourcesHash();
  if (!force && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === hash) {
    console.log(`site: dist/ is up to date (${hash})`);
    return false;
  }
  const started = Date.now();
  console.log('site: building with astro (about half a minute)');
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'astro'), ['build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`astro build failed with exit code ${r.status}`);
  writeFileSync(STAMP, `${hash}\n`);
  console.log(`site: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

if (import.meta.main) {
  try {
    buildSite(process.argv.includes('--force'));
  } catch (error) {
    console.error(`site: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
