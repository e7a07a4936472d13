/**
 * Both languages are complete: every English page (the root locale) has a
 * Simplified Chinese page with the same slug and the other way round, so
 * Starlight never has to show a page with its "not translated yet" notice; and
 * each pair has the same structure (sections, captures, diagrams, labs,
 * questions), with the Chinese page written in Chinese.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

const DOCS_DIR = path.resolve(import.meta.dirname, '../../../src/content/docs');
const ZH = 'zh-cn';
/** Starlight's notice on a page shown in place of a missing translation (en and zh-CN UI strings). */
const FALLBACK_NOTICES = [
  'This content is not available in your language yet.',
  '此内容尚不支持你的语言。',
];

/** Slugs of the pages under `dir` (Starlight ignores files whose name starts with `_`). */
function slugs(dir: string, skip?: string): string[] {
  const found: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.name.startsWith('_') || rel === skip) continue;
      if (entry.isDirectory()) walk(rel);
      else if (/\.mdx?$/.test(entry.name)) found.push(rel.replace(/\.mdx?$/, ''));
    }
  };
  walk('');
  return found.sort();
}

function read(slug: string, lang: 'en' | 'zh-cn'): string {
  const base = lang === 'en' ? DOCS_DIR : path.join(DOCS_DIR, ZH);
  for (const ext of ['.mdx', '.md']) {
    try {
      return readFileSync(path.join(base, slug + ext), 'utf8');
    } catch {
      // try the next extension
    }
  }
  throw new Error(`no ${lang} page for ${slug}`);
}

/** What must match between the two languages of a page. */
function structure(text: string): Record<string, string[] | number> {
  const all = (re: RegExp): string[] => [...text.matchAll(re)].map((m) => m[0]);
  return {
    sections: all(/^## /gm).length,
    captures: all(/<Capture\s+chapter="[^"]+"\s+step="[^"]+"/g),
    labs: all(/<LabPane\s+lab="[^"]+"/g),
    diagrams: all(/<Topology\s+topology=\{\w+\}/g),
    answers: all(/<details>/g).length,
    tableRows: all(/^\|.*\|$/gm).length,
  };
}

/** The page's prose: no frontmatter, imports, code or JSX. */
function prose(text: string): string {
  return text
    .replace(/^---[\s\S]*?---/, '')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`]*`/g, '')
    .replace(/^import .*$/gm, '')
    .replace(/<[^>]+>/g, '');
}

const en = slugs(DOCS_DIR, ZH);
const zh = slugs(path.join(DOCS_DIR, ZH));

describe('translations', () => {
  test('every English page has a Chinese page with the same slug', () => {
    assert.deepEqual(
      en.filter((s) => !zh.includes(s)),
      [],
    );
  });

  test('every Chinese page has an English page with the same slug', () => {
    assert.deepEqual(
      zh.filter((s) => !en.includes(s)),
      [],
    );
  });

  test('the course has pages at all', () => {
    assert.ok(en.includes('index') && en.includes('bridge-network'), `found only ${en.join(', ')}`);
  });

  for (const slug of en.filter((s) => zh.includes(s))) {
    test(`${slug} has the same structure in both languages`, () => {
      assert.deepEqual(structure(read(slug, 'zh-cn')), structure(read(slug, 'en')));
    });

    test(`${slug} is written in Chinese on the Chinese side`, () => {
      const text = prose(read(slug, 'zh-cn'));
      const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
      const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
      assert.ok(
        han > 80 && han > latin / 2,
        `${slug}: ${han} Chinese characters, ${latin} Latin letters`,
      );
    });

    test(`${slug} carries no fallback notice`, () => {
      for (const lang of ['en', 'zh-cn'] as const) {
        const text = read(slug, lang);
        assert.ok(
          !FALLBACK_NOTICES.some((n) => text.includes(n)),
          `${lang}/${slug} contains a fallback notice`,
        );
      }
    });
  }
});
