import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NetlabError } from '../../../server/errors.ts';
import {
  CODE_ALPHABET,
  newJoinCode,
  normalizeJoinCode,
  validName,
} from '../../../server/workshops/codes.ts';

describe('newJoinCode', () => {
  test('returns three and three characters of the unambiguous alphabet', () => {
    for (let i = 0; i < 200; i++)
      assert.match(newJoinCode(), /^[2-9A-HJKMNP-TW-Z]{3}-[2-9A-HJKMNP-TW-Z]{3}$/);
  });

  test('returns no 0, O, 1, I or L ever', () => {
    for (const c of '01OIL') assert.ok(!CODE_ALPHABET.includes(c), c);
  });

  test('returns the characters the random source picks', () => {
    let i = 0;
    assert.equal(
      newJoinCode(() => i++),
      '234-567',
    );
  });
});

describe('normalizeJoinCode', () => {
  test('returns the canonical code when typed in lower case, without the dash or with spaces', () => {
    assert.equal(normalizeJoinCode('k7q-2mx'), 'K7Q-2MX');
    assert.equal(normalizeJoinCode('K7Q2MX'), 'K7Q-2MX');
    assert.equal(normalizeJoinCode(' k7q 2mx '), 'K7Q-2MX');
  });

  test('returns null when the code is too short, too long or has ambiguous characters', () => {
    assert.equal(normalizeJoinCode('K7Q-2M'), null);
    assert.equal(normalizeJoinCode('K7Q-2MXX'), null);
    assert.equal(normalizeJoinCode('K7Q-2M0'), null);
    assert.equal(normalizeJoinCode(''), null);
  });
});

describe('validName', () => {
  test('returns the name trimmed', () => {
    assert.equal(validName('  Ada Lovelace \n'), 'Ada Lovelace');
  });

  test('returns HTML and script text verbatim (it is shown as text)', () => {
    assert.equal(validName('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
  });

  test('returns names of exactly 40 characters, counting an emoji with modifiers as one', () => {
    assert.equal(validName('x'.repeat(40)).length, 40);
    const family = '👩‍👩‍👧‍👦';
    assert.equal(validName(family.repeat(40)), family.repeat(40));
  });

  test('throws a bad request when the name is empty, blank or longer than 40 characters', () => {
    for (const name of ['', '   ', 'x'.repeat(41)]) {
      assert.throws(
        () => validName(name),
        (error: unknown) => error instanceof NetlabError && error.code === 'NETLAB_ERR_BAD_REQUEST',
      );
    }
  });

  test('throws a bad request when the name has control or bidi-override characters', () => {
    for (const name of ['a\u0000b', 'a\u001bb', 'a\u007fb', 'evil\u202egnp.exe', 'a\u200bb']) {
      assert.throws(() => validName(name), /control or invisible/);
    }
  });
});
