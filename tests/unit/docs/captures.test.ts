/**
 * The captured outputs the chapters show stay honest: every file is exactly
 * what scripts/docs-capture.ts wrote (its hash is in the manifest), every
 * scenario step has a capture of its current command, every capture a page
 * names exists, and every address, MAC, interface or count a page or diagram
 * quotes is in the captures it shows (scripts/docs-capture/quoted-facts.ts).
 * Re-capture with `node scripts/docs-capture.ts <chapter>`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  declaredUncaptured,
  factsIn,
  pageFacts,
  proseOf,
  unbacked,
} from '../../../scripts/docs-capture/quoted-facts.ts';
import { SCENARIOS } from '../../../scripts/docs-capture/scenarios.ts';
import {
  CAPTURES_DIR,
  GENERATIONS,
  captureFile,
  captureFilesOnDisk,
  readManifest,
  sha256,
} from '../../../scripts/docs-capture/store.ts';
import * as docker from '../../../src/components/diagrams/docker.ts';
import * as kubernetes from '../../../src/components/diagrams/kubernetes.ts';
import { resolveText, type Topology } from '../../../src/components/diagrams/topology.ts';
import { parseTranscript } from '../../../scripts/docs-capture/transcript.ts';
import { PROMPT } from '../../../scripts/docs-capture/types.ts';

const DOCS_DIR = path.resolve(import.meta.dirname, '../../../src/content/docs');
const manifest = readManifest();
const RECAPTURE = 'run `node_modules/.bin/node scripts/docs-capture.ts`';

interface Page {
  /** Relative to src/content/docs. Example: `zh-cn/bridge-network.mdx` */
  page: string;
  text: string;
}

/** Every Markdown page of the site, with its text. */
function docPages(): Page[] {
  const pages: Page[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.mdx?$/.test(entry.name)) {
        pages.push({ page: path.relative(DOCS_DIR, file), text: readFileSync(file, 'utf8') });
      }
    }
  };
  walk(DOCS_DIR);
  return pages;
}

/** The `<chapter>/<step>` keys of the `<Capture … />` elements of a page. */
function captureKeys(text: string): string[] {
  return [...text.matchAll(/<Capture\s+chapter="([^"]+)"\s+step="([^"]+)"/g)].map(
    (m) => `${m[1] ?? ''}/${m[2] ?? ''}`,
  );
}

/** What a step printed, in every Docker generation that has captured it. */
function captureTexts(keys: readonly string[]): string[] {
  return GENERATIONS.flatMap(({ dir }) =>
    keys.flatMap((key) => {
      const file = path.join(dir, `${key}.txt`);
      return existsSync(file) ? [readFileSync(file, 'utf8')] : [];
    }),
  );
}

/** Every text a diagram shows or reads out, in both languages, one per line. */
function diagramText(t: Topology): string {
  const texts = [
    t.title,
    t.description,
    ...t.nodes.flatMap((n) => [
      n.label,
      ...(n.lines ?? []),
      ...(n.interfaces ?? []).map((i) => [i.name, i.address ?? '', i.mac ?? ''].join(' ')),
    ]),
    ...t.links.flatMap((l) => (l.label === undefined ? [] : [l.label])),
    ...(t.groups ?? []).map((g) => g.label),
  ];
  return texts.flatMap((x) => [resolveText(x, 'en'), resolveText(x, 'zh-cn')]).join('\n');
}

const FIX_FACTS =
  'fix the text, re-capture, or declare a deliberate value with {/* not captured: … */}';

/** Every `<Capture chapter="…" step="…" />` in the pages, as "<page>: <chapter>/<step>". */
function pageReferences(): { page: string; key: string }[] {
  return docPages().flatMap(({ page, text }) => captureKeys(text).map((key) => ({ page, key })));
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

describe('quoted facts', () => {
  const pages = docPages().filter(({ text }) => captureKeys(text).length > 0);

  test('every address, MAC, interface and count a chapter quotes is in its captures', () => {
    const problems = pages.flatMap(({ page, text }) =>
      unbacked(pageFacts(text), captureTexts(captureKeys(text))).map(
        (f) => `${page}:${f.line}: ${f.kind} ${f.text}`,
      ),
    );
    assert.deepEqual(problems, [], FIX_FACTS);
  });

  test('a chapter declares as not captured only values it quotes', () => {
    const stale = pages.flatMap(({ page, text }) => {
      const quoted = new Set(factsIn(proseOf(text)).map((f) => f.text));
      return declaredUncaptured(text)
        .filter((v) => !quoted.has(v))
        .map((v) => `${page}: ${v}`);
    });
    assert.deepEqual(stale, [], 'remove declarations of values the page no longer quotes');
  });

  test('every address, MAC and interface a diagram shows is in the captures shown beside it', () => {
    const diagrams: Record<string, Topology> = { ...docker, ...kubernetes };
    const keysOf = new Map<string, string[]>();
    for (const { text } of docPages()) {
      for (const m of text.matchAll(/<Topology\s+topology=\{(\w+)\}/g)) {
        const name = m[1] ?? '';
        keysOf.set(name, [...(keysOf.get(name) ?? []), ...captureKeys(text)]);
      }
    }
    const problems = [...keysOf].flatMap(([name, keys]) => {
      const topology = diagrams[name];
      assert.ok(topology, `pages show a diagram ${name} that src/components/diagrams lacks`);
      return unbacked(factsIn(diagramText(topology)), captureTexts(keys)).map(
        (f) => `${name}: ${f.kind} ${f.text}`,
      );
    });
    assert.deepEqual([...new Set(problems)], [], 'fix the diagram or the captures beside it');
  });
});
