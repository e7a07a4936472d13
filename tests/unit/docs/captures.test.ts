/**
 * The captured outputs the chapters show stay honest: every file is exactly
 * what scripts/docs-capture.ts wrote (its hash is in the manifest), every
 * scenario step has a capture of its current command, and every capture a page
 * names exists. Re-capture with `node scripts/docs-capture.ts <chapter>`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { SCENARIOS } from '../../../scripts/docs-capture/scenarios.ts';
import {
  CAPTURES_DIR,
  captureFile,
  captureFilesOnDisk,
  readManifest,
  sha256,
} from '../../../scripts/docs-capture/store.ts';
import { parseTranscript } from '../../../scripts/docs-capture/transcript.ts';
import { PROMPT } from '../../../scripts/docs-capture/types.ts';

const DOCS_DIR = path.resolve(import.meta.dirname, '../../../src/content/docs');
const manifest = readManifest();
const RECAPTURE = 'run `node_modules/.bin/node scripts/docs-capture.ts`';

/** Every `<Capture chapter="…" step="…" />` in the pages, as "<page>: <chapter>/<step>". */
function pageReferences(): { page: string; key: string }[] {
  const refs: { page: string; key: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.mdx?$/.test(entry.name)) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/<Capture\s+chapter="([^"]+)"\s+step="([^"]+)"/g)) {
          refs.push({ page: path.relative(DOCS_DIR, file), key: `${m[1] ?? ''}/${m[2] ?? ''}` });
        }
      }
    }
  };
  walk(DOCS_DIR);
  return refs;
}

describe('capture files', () => {
  test('exist with the hash the manifest recorded (none was edited by hand)', () => {
    assert.ok(existsSync(CAPTURES_DIR), `no captures in ${CAPTURES_DIR}; ${RECAPTURE}`);
    const changed = Object.entries(manifest.captures).flatMap(([key, entry]) => {
      const file = captureFile(key);
      if (!existsSync(file)) return [`${key}: file missing`];
      return sha256(readFileSync(file, 'utf8')) === entry.sha256
        ? []
        : [`${key}: content differs from the manifest`];
    });
    assert.deepEqual(changed, [], `captures must come from the capture script; ${RECAPTURE}`);
  });

  test('are all listed in the manifest', () => {
    const listed = new Set(Object.keys(manifest.captures));
    assert.deepEqual(
      captureFilesOnDisk().filter((key) => !listed.has(key)),
      [],
    );
  });

  test('are terminal transcripts that start with the sandbox prompt', () => {
    for (const key of Object.keys(manifest.captures)) {
      const entries = parseTranscript(readFileSync(captureFile(key), 'utf8'), PROMPT);
      assert.ok(entries.length > 0, `${key} holds no command`);
    }
  });
});

describe('scenario steps', () => {
  const steps = SCENARIOS.flatMap((s) =>
    s.steps.map((step) => ({ key: `${s.chapter}/${step.name}`, step })),
  );

  test('have unique names within their chapter', () => {
    const keys = steps.map((s) => s.key);
    assert.deepEqual(
      keys.filter((k, i) => keys.indexOf(k) !== i),
      [],
    );
  });

  test('each have a capture of their current command (none is stale)', () => {
    const stale = steps.flatMap(({ key, step }) => {
      const entry = manifest.captures[key];
      if (!entry) return [`${key}: never captured`];
      if (entry.command !== step.cmd || entry.before !== (step.before ?? null)) {
        return [`${key}: the command changed since it was captured`];
      }
      const last = entry.exitCodes.at(-1) ?? 0;
      if ((step.fails === true) !== (last !== 0))
        return [`${key}: captured exit code ${last} contradicts fails`];
      return [];
    });
    assert.deepEqual(stale, [], RECAPTURE);
  });

  test('are all there is in the manifest (no capture of a removed step)', () => {
    const known = new Set(steps.map((s) => s.key));
    assert.deepEqual(
      Object.keys(manifest.captures).filter((key) => !known.has(key)),
      [],
      RECAPTURE,
    );
  });
});

describe('pages', () => {
  const refs = pageReferences();

  test('name only captures that exist', () => {
    assert.deepEqual(
      refs.filter((r) => !(r.key in manifest.captures)).map((r) => `${r.page}: ${r.key}`),
      [],
    );
  });

  test('show every capture in both languages', () => {
    const shown = (zh: boolean): Set<string> =>
      new Set(refs.filter((r) => r.page.startsWith('zh-cn/') === zh).map((r) => r.key));
    for (const [lang, keys] of [
      ['en', shown(false)],
      ['zh-cn', shown(true)],
    ] as const) {
      const unused = Object.keys(manifest.captures).filter((key) => !keys.has(key));
      assert.deepEqual(unused, [], `captures that no ${lang} page shows`);
    }
  });
});
