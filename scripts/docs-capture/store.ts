/**
 * Where captures live and how the manifest records them: one transcript per
 * step in src/content/docs/_captures/<chapter>/<step>.txt (shared by both
 * languages; Starlight makes pages only of Markdown files, so none of these
 * become pages), and manifest.json with each file's command and sha256.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Manifest, ManifestEntry } from './types.ts';
import { PROMPT } from './types.ts';

export const CAPTURES_DIR = path.resolve(import.meta.dirname, '../../src/content/docs/_captures');
export const MANIFEST_PATH = path.join(CAPTURES_DIR, 'manifest.json');

/**
 * The Docker generations whose captures the pages may show, each with its own
 * folder of `<chapter>/<step>.txt` files. Today there is one, the lab machine's
 * Docker 26; a second generation adds an entry here, and the checks that compare
 * a page with its captures look at every generation's copy of a step.
 */
export const GENERATIONS: readonly { id: string; dir: string }[] = [
  { id: 'docker-26', dir: CAPTURES_DIR },
];

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function captureFile(key: string): string {
  return path.join(CAPTURES_DIR, `${key}.txt`);
}

export function readManifest(): Manifest {
  if (!existsSync(MANIFEST_PATH)) return { prompt: PROMPT, captures: {} };
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
}

export interface CapturedStep {
  key: string;
  transcript: string;
  entry: Omit<ManifestEntry, 'sha256'>;
}

/**
 * Replaces one chapter's captures: its old files go (a renamed step leaves no
 * orphan), the new ones are written, and the manifest is rewritten with sorted
 * keys so that re-captures diff cleanly.
 */
export function writeChapter(chapter: string, steps: readonly CapturedStep[]): void {
  const dir = path.join(CAPTURES_DIR, chapter);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const others = Object.entries(readManifest().captures).filter(
    ([key]) => !key.startsWith(`${chapter}/`),
  );
  const ours = steps.map((step): [string, ManifestEntry] => {
    writeFileSync(captureFile(step.key), step.transcript);
    return [step.key, { ...step.entry, sha256: sha256(step.transcript) }];
  });
  const sorted = Object.fromEntries([...others, ...ours].sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(
    MANIFEST_PATH,
    `${JSON.stringify({ prompt: PROMPT, captures: sorted }, null, 2)}\n`,
  );
}

/** Every capture file on disk, as `<chapter>/<step>` keys. */
export function captureFilesOnDisk(): string[] {
  if (!existsSync(CAPTURES_DIR)) return [];
  return readdirSync(CAPTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(CAPTURES_DIR, d.name))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => `${d.name}/${f.slice(0, -'.txt'.length)}`),
    )
    .sort();
}
