import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ERRORS, NetlabError } from '../../server/errors.ts';

describe('NetlabError', () => {
  test('carries the catalogue status and close code', () => {
    const e = new NetlabError('NETLAB_ERR_CAPACITY', undefined, { retryAfter: 60 });
    assert.equal(e.status, 503);
    assert.equal(e.closeCode, 4503);
    assert.equal(e.retryAfter, 60);
    assert.equal(e.message, ERRORS.NETLAB_ERR_CAPACITY.message);
  });
});

describe('ERRORS', () => {
  for (const [code, spec] of Object.entries(ERRORS)) {
    test(`${code} has a client status, a valid close code and a sentence`, () => {
      assert.ok(spec.status >= 400 && spec.status < 600);
      assert.ok(
        [1009, 1011, 1012].includes(spec.closeCode) ||
          (spec.closeCode >= 4000 && spec.closeCode < 5000),
      );
      assert.match(spec.message, /^[A-Z].*\.$/);
    });
  }
});

describe('the catalogue', () => {
  // Every server source, read once: a code in the catalogue must be one something can answer with.
  const serverDir = path.resolve(import.meta.dirname, '../../server');
  const sources = readdirSync(serverDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && file !== 'errors.ts')
    .map((file) => readFileSync(path.join(serverDir, file), 'utf8'))
    .join('\n');
  for (const code of Object.keys(ERRORS)) {
    test(`${code} is raised somewhere in the server`, () => {
      assert.ok(sources.includes(`'${code}'`), `nothing in server/ raises ${code}`);
    });
  }
});
