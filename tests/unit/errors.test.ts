import assert from 'node:assert/strict';
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
