/**
 * The captured outputs the chapters show stay honest, in every Docker
 * generation: every file is exactly what scripts/docs-capture.ts wrote (its hash
 * is in its generation's manifest), every scenario step has a capture of its
 * current command in each generation it runs in, every capture a page names
 * exists, and every address, MAC, interface or count a page or diagram quotes
 * is in the captures it shows — in each generation's, unless the page declares
 * the value one generation's (scripts/docs-capture/quoted-facts.ts).
 * Re-capture with `node scripts/docs-capture.ts <chapter>`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  declaredGenerations,
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
  readCapture,
  readManifest,
  sha256,
} from '../../../scripts/docs-capture/store.ts';
import { stepsFor } from '../../../scripts/docs-capture/types.ts';
import {
  DEFAULT_GENERATION,
  GENERATION_IDS,
  isGeneration,
  type Generation,
} from '../../../server/generations.ts';
import * as docker from '../../../src/components/diagrams/docker.ts';
import * as kubernetes from '../../../src/components/diagrams/kubernetes.ts';
import { resolveText, type Topology } from '../../../src/components/diagrams/topology.ts';
import { parseTranscript } from '../../../scripts/docs-capture/transcript.ts';
import { PROMPT } from '../../../scripts/docs-capture/types.ts';

const DOCS_DIR = path.resolve(import.meta.dirname, '../../../src/content/docs');
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

interface CaptureRef {
  /** `<chapter>/<step>` */
  key: string;
  /** The generations the element shows. */
  shows: Generation[];
}

/** The `<Capture … />` elements of a page: what each shows, in which generations. */
function captureRefs(text: string): CaptureRef[] {
  return [...text.matchAll(/<Capture\s([^>]*?)\/>/g)].map((m) => {
    const attr = (name: string): string | undefined =>
      new RegExp(`\\b${name}="([^"]*)"`).exec(m[1] ?? '')?.[1];
    const generation = attr('generation');
    return {
      key: `${attr('chapter') ?? ''}/${attr('step') ?? ''}`,
      shows:
        generation === 'both'
          ? [...GENERATION_IDS]
          : [isGeneration(generation) ? generation : DEFAULT_GENERATION],
    };
  });
}

function captureKeys(text: string): string[] {
  return captureRefs(text).map((r) => r.key);
}

/** What the given steps printed in one generation (the steps that ran there). */
function captureTexts(keys: readonly string[], generation: Generation): string[] {
  return keys.flatMap((key) => readCapture(generation, key) ?? []);
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

/** Every `<Capture … />` in the pages, with the page it is on. */
function pageReferences(): (CaptureRef & { page: string })[] {
  return docPages().flatMap(({ page, text }) => captureRefs(text).map((r) => ({ ...r, page })));
}

describe('capture files', () => {
  test('exist with the hash the manifest recorded (none was edited by hand)', () => {
    assert.ok(existsSync(CAPTURES_DIR), `no captures in ${CAPTURES_DIR}; ${RECAPTURE}`);
    const changed = GENERATIONS.flatMap(({ id }) =>
      Object.entries(readManifest(id).captures).flatMap(([key, entry]) => {
        const file = captureFile(id, key);
        if (!existsSync(file)) return [`${id}/${key}: file missing`];
        return sha256(readFileSync(file, 'utf8')) === entry.sha256
          ? []
          : [`${id}/${key}: content differs from the manifest`];
      }),
    );
    assert.deepEqual(changed, [], `captures must come from the capture script; ${RECAPTURE}`);
  });

  test("are all listed in their generation's manifest", () => {
    const unlisted = GENERATIONS.flatMap(({ id }) => {
      const listed = new Set(Object.keys(readManifest(id).captures));
      return captureFilesOnDisk(id)
        .filter((key) => !listed.has(key))
        .map((key) => `${id}/${key}`);
    });
    assert.deepEqual(unlisted, []);
  });

  test('are terminal transcripts that start with the sandbox prompt', () => {
    for (const { id } of GENERATIONS) {
      for (const key of Object.keys(readManifest(id).captures)) {
        const entries = parseTranscript(readFileSync(captureFile(id, key), 'utf8'), PROMPT);
        assert.ok(entries.length > 0, `${id}/${key} holds no command`);
      }
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

  test('each have a capture of their current command in every generation they run in (none is stale)', () => {
    const stale = GENERATIONS.flatMap(({ id }) => {
      const { captures } = readManifest(id);
      return SCENARIOS.flatMap((s) =>
        stepsFor(s, id).flatMap((step) => {
          const key = `${s.chapter}/${step.name}`;
          const entry = captures[key];
          if (!entry) return [`${id}/${key}: never captured`];
          if (entry.command !== step.cmd || entry.before !== (step.before ?? null)) {
            return [`${id}/${key}: the command changed since it was captured`];
          }
          const last = entry.exitCodes.at(-1) ?? 0;
          if ((step.fails === true) !== (last !== 0))
            return [`${id}/${key}: captured exit code ${last} contradicts fails`];
          return [];
        }),
      );
    });
    assert.deepEqual(stale, [], RECAPTURE);
  });

  test('are all there is in each manifest (no capture of a removed step, or of one that does not run there)', () => {
    const extra = GENERATIONS.flatMap(({ id }) => {
      const known = new Set(
        SCENARIOS.flatMap((s) => stepsFor(s, id).map((step) => `${s.chapter}/${step.name}`)),
      );
      return Object.keys(readManifest(id).captures)
        .filter((key) => !known.has(key))
        .map((key) => `${id}/${key}`);
    });
    assert.deepEqual(extra, [], RECAPTURE);
  });
});

describe('pages', () => {
  const refs = pageReferences();

  test('name only captures that exist in the generations they show', () => {
    const missing = refs.flatMap((r) =>
      r.shows
        .filter((id) => !(r.key in readManifest(id).captures))
        .map((id) => `${r.page}: ${r.key} (${id})`),
    );
    assert.deepEqual(missing, [], 'name the generation of a step that runs in one generation only');
  });

  test('show every captured step in both languages', () => {
    const steps = new Set(GENERATIONS.flatMap(({ id }) => Object.keys(readManifest(id).captures)));
    for (const zh of [false, true]) {
      const shown = new Set(
        refs.filter((r) => r.page.startsWith('zh-cn/') === zh).map((r) => r.key),
      );
      const unused = [...steps].filter((key) => !shown.has(key));
      assert.deepEqual(unused, [], `captures that no ${zh ? 'zh-cn' : 'en'} page shows`);
    }
  });

  test('show a step in the same generations in both languages', () => {
    const shows = (zh: boolean): string[] =>
      refs
        .filter((r) => r.page.startsWith('zh-cn/') === zh)
        .map((r) => `${r.page.replace(/^zh-cn\//, '')}: ${r.key} ${r.shows.join('+')}`)
        .sort();
    assert.deepEqual(shows(true), shows(false));
  });
});

describe('quoted facts', () => {
  const pages = docPages().filter(({ text }) => captureKeys(text).length > 0);

  for (const { id } of GENERATIONS) {
    test(`every address, MAC, interface and count a chapter quotes is in its ${id} captures`, () => {
      const problems = pages.flatMap(({ page, text }) =>
        unbacked(pageFacts(text, id), captureTexts(captureKeys(text), id)).map(
          (f) => `${page}:${f.line}: ${f.kind} ${f.text}`,
        ),
      );
      assert.deepEqual(problems, [], FIX_FACTS);
    });
  }

  test("a chapter declares as not captured, or as one generation's, only values it quotes", () => {
    const stale = pages.flatMap(({ page, text }) => {
      const quoted = new Set(factsIn(proseOf(text)).map((f) => f.text));
      return [...declaredUncaptured(text), ...declaredGenerations(text).keys()]
        .filter((v) => !quoted.has(v))
        .map((v) => `${page}: ${v}`);
    });
    assert.deepEqual(stale, [], 'remove declarations of values the page no longer quotes');
  });

  test("a chapter declares a value one generation's only for a generation that exists", () => {
    const wrong = pages.flatMap(({ page, text }) =>
      [...declaredGenerations(text)]
        .filter(([, owner]) => !isGeneration(owner))
        .map(([value, owner]) => `${page}: ${value} (${owner})`),
    );
    assert.deepEqual(wrong, [], `generations: ${GENERATION_IDS.join(', ')}`);
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
      // A diagram drawn from one generation's machine is checked against that one's captures.
      const generations = topology.generation ? [topology.generation] : GENERATION_IDS;
      return generations.flatMap((id) =>
        unbacked(factsIn(diagramText(topology)), captureTexts(keys, id)).map(
          (f) => `${name}: ${f.kind} ${f.text} (${id})`,
        ),
      );
    });
    assert.deepEqual([...new Set(problems)], [], 'fix the diagram or the captures beside it');
  });
});
