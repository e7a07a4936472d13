import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashToken, randomId, randomToken, tokenMatches } from '../../../server/sessions/tokens.ts';

describe('tokens', () => {
  test('randomId returns 16 hex characters, different each time', () => {
    const a = randomId();
    assert.match(a, /^[0-9a-f]{16}$/);
    assert.notEqual(a, randomId());
  });

  test('tokenMatches accepts the token and refuses any other', () => {
    const token = randomToken();
    const hash = hashToken(token);
    assert.equal(tokenMatches(token, hash), true);
    assert.equal(tokenMatches(`${token}x`, hash), false);
    assert.equal(tokenMatches('', hash), false);
  });
});
