import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitStatements } from '../../../server/store/migrate.ts';

describe('splitStatements', () => {
  test('returns each statement of a migration, trimmed, without empty ones', () => {
    assert.deepEqual(splitStatements('CREATE TABLE a (x TEXT);\n  CREATE INDEX i ON a (x);\n'), [
      'CREATE TABLE a (x TEXT)',
      'CREATE INDEX i ON a (x)',
    ]);
  });

  test('returns a semicolon inside quotes or comments as part of its statement', () => {
    assert.deepEqual(splitStatements(`INSERT INTO a VALUES (';'); -- x; y\nSELECT "a;b"`), [
      `INSERT INTO a VALUES (';')`,
      `-- x; y\nSELECT "a;b"`,
    ]);
  });
});
