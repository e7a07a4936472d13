/**
 * The self-hosting guide documents every setting and every error code, and
 * nothing that does not exist: both ways, in both languages.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { CONFIG_VARIABLES } from '../../server/config.ts';
import { ERRORS } from '../../server/errors.ts';

const docs = path.resolve(import.meta.dirname, '../../src/content/docs');

function guide(locale: '' | 'zh-cn'): string {
  const dir = path.join(docs, locale, 'reference');
  const file = readdirSync(dir).find((name) => /^self-hosting\.mdx?$/.test(name));
  assert.ok(file, `a self-hosting guide in ${dir}`);
  return readFileSync(path.join(dir, file), 'utf8');
}

/** Names in the first column of the guide's tables, matching a pattern. */
function documented(text: string, pattern: RegExp): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const name = /^\|\s*`([A-Z0-9_]+)`\s*\|/.exec(line)?.[1];
    if (name && pattern.test(name)) names.add(name);
  }
  return names;
}

describe('the self-hosting guide', () => {
  for (const locale of ['', 'zh-cn'] as const) {
    const lang = locale || 'en';
    test(`lists exactly the server's settings (${lang})`, () => {
      const names = documented(guide(locale), /^(?!NETLAB_ERR_)/);
      assert.deepEqual([...names].sort(), [...CONFIG_VARIABLES].sort());
    });

    test(`lists exactly the error codes of server/errors.ts with their statuses (${lang})`, () => {
      const text = guide(locale);
      const names = documented(text, /^NETLAB_ERR_/);
      assert.deepEqual([...names].sort(), Object.keys(ERRORS).sort());
      for (const [code, spec] of Object.entries(ERRORS)) {
        assert.match(
          text,
          new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${spec.status}\\s*\\|`),
          `${code} with ${spec.status}`,
        );
      }
    });
  }
});
