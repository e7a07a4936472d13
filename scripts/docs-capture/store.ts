/**
 * Where captures live and how the manifests record them: one transcript per
 * step and Docker generation in
 * src/content/docs/_captures/<generation>/<chapter>/<step>.txt (shared by both
 * languages; Starlight makes pages only of Markdown files, so none of these
 * become pages), and beside each generation's chapters a manifest.json with
 * each file's command and sha256.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATION_IDS, type Generation } from '../../server/generations.ts';
import type { Manifest, ManifestEntry } from './types.ts';
import { PROMPT } from './types.ts';

export const CAPTURES_DIR = path.resolve(import.meta.dirname, '../../src/content/docs/_captures');

/**
 * The Docker generations whose captures the pages show (server/generations.ts),
 * each with its own folder of `<chapter>/<step>.txt` files and its manifest.
 * The checks that compare a page with its captures look at every generation's
 * copy of a step.
 */
export const GENERATIONS: readonly { id: Generation; dir: string }[] = GENERATION_IDS.map((id) => ({
  id,
  dir: path.join(CAPTURES_DIR, id),
}));

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function dirOf(generation: Generation): string {
  return path.join(CAPTURES_DIR, generation);
}

export function captureFile(generation: Generation, key: string): string {
  return path.join(dirOf(generation), `${key}.txt`);
}

function manifestPath(generation: Generation): string {
  return path.join(dirOf(generation), 'manifest.json');
}

export function readManifest(generation: Generation): Manifest {
  const file = manifestPath(generation);
  if (!existsSync(file)) return { prompt: PROMPT, captures: {} };
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

export interface CapturedStep {
  key: string;
  transcript: string;
  entry: Omit<ManifestEntry, 'sha256'>;
}

/**
 * Replaces one chapter's captures of one generation: its old files go (a
 * renamed step leaves no orphan), the new ones are written, and the manifest is
 * rewritten with sorted keys so that re-captures diff cleanly.
 */
export function writeChapter(
  generation: Generation,
  chapter: string,
  steps: readonly CapturedStep[],
): void {
  const dir = path.join(dirOf(generation), chapter);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const others = Object.entries(readManifest(generation).captures).filter(
    ([key]) => !key.startsWith(`${chapter}/`),
  );
  const ours = steps.map((step): [string, ManifestEntry] => {
    writeFileSync(captureFile(generation, step.key), step.transcript);
    return [step.key, { ...step.entry, sha256: sha256(step.transcript) }];
  });
  const sorted = Object.fromEntries([...others, ...ours].sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(
    manifestPath(generation),
    `${JSON.stringify({ prompt: PROMPT, captures: sorted }, null, 2)}\n`,
  );
}

/** Every capture file of a generation on disk, as `<chapter>/<step>` keys. */
export function captureFilesOnDisk(generation: Generation): string[] {
  const root = dirOf(generation);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(root, d.name))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => `${d.name}/${f.slice(0, -'.txt'.length)}`),
    )
    .sort();
}

/** What a step printed in one generation, or undefined when it did not run there. */
export function readCapture(generation: Generation, key: string): string | undefined {
  const file = captureFile(generation, key);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
