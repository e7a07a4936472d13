import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeUrl, toPgPlaceholders } from '../../../server/store/postgres-db.ts';

describe('toPgPlaceholders', () => {
  test('returns $1..$n for each ? in order', () => {
    assert.equal(
      toPgPlaceholders('UPDATE t SET a = ?, b = ? WHERE id = ?'),
      'UPDATE t SET a = $1, b = $2 WHERE id = $3',
    );
  });

  test('returns a ? inside strings, quoted names and comments unchanged', () => {
    assert.equal(
      toPgPlaceholders(`SELECT 'a?''?', "?", ? -- ?\n/* ? */ , ?`),
      `SELECT 'a?''?', "?", $1 -- ?\n/* ? */ , $2`,
    );
  });
});

describe('describeUrl', () => {
  test('returns host, port and database without the password', () => {
    assert.equal(
      describeUrl('postgres://u:secret@db.example:6543/netlab'),
      'db.example:6543/netlab',
    );
  });

  test('returns a placeholder when the URL is not a postgres:// one', () => {
    assert.equal(describeUrl('u:secret@@'), 'the DATABASE_URL (not a postgres:// URL)');
    assert.equal(describeUrl('secret'), 'the DATABASE_URL (not a postgres:// URL)');
  });
});
