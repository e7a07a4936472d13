import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { originAllowed } from '../../../server/terminal/origin.ts';

describe('originAllowed', () => {
  const table: [string, string | undefined, string | undefined, string[], boolean][] = [
    ['no Origin (not a browser)', undefined, 'localhost:8080', [], true],
    ['same host and port', 'http://localhost:8080', 'localhost:8080', [], true],
    ['same host, other port', 'http://localhost:9999', 'localhost:8080', [], false],
    ['another site', 'https://evil.example', 'localhost:8080', [], false],
    [
      'an allowed extra origin',
      'https://learn.example',
      'lab.internal:8080',
      ['https://learn.example/'],
      true,
    ],
    [
      'a look-alike of an allowed origin',
      'https://learn.example.evil',
      'x',
      ['https://learn.example'],
      false,
    ],
    ['a malformed Origin', 'not a url', 'localhost:8080', [], false],
    ['the literal null origin', 'null', 'localhost:8080', [], false],
  ];
  for (const [what, origin, host, allowed, expected] of table) {
    test(`returns ${expected} for ${what}`, () => {
      assert.equal(originAllowed(origin, host, allowed), expected);
    });
  }
});
