import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  inputLines,
  skipLine,
  skipText,
  toInt,
  words,
} from '../../../../server/grading/parsers/input-lines.ts';

const brctlFixture = readFileSync(
  path.join(
    import.meta.dirname,
    '../../../fixtures/brctl-show/three-bridges-multiline-interfaces.txt',
  ),
  'utf8',
);

describe('inputLines', () => {
  test('keeps the leading tabs of brctl continuation lines and numbers lines from 1', () => {
    const lines = inputLines(brctlFixture);
    assert.equal(lines.length, 9);
    assert.deepEqual(lines[2], { number: 3, text: '\t\t\t\t\t\t\tvethf78ce45' });
  });

  test('drops CR, trailing spaces and blank lines but keeps original line numbers', () => {
    const messy = `\r\n${brctlFixture.split('\n').join('   \r\n')}\r\n\r\n`;
    const lines = inputLines(messy);
    assert.deepEqual(
      lines.map((line) => line.text),
      inputLines(brctlFixture).map((line) => line.text),
    );
    assert.equal(lines[0]?.number, 2);
  });

  test('returns no lines for empty or whitespace-only input', () => {
    assert.deepEqual(inputLines(''), []);
    assert.deepEqual(inputLines(' \n\t\r\n'), []);
  });
});

describe('skipLine', () => {
  test('records the line number, the text cut to 200 characters and the reason', () => {
    const skipped = skipLine({ number: 7, text: 'x'.repeat(500) }, 'not a bridge line');
    assert.deepEqual(skipped, { line: 7, text: 'x'.repeat(200), reason: 'not a bridge line' });
  });
});

describe('skipText', () => {
  test('has no line number', () => {
    assert.deepEqual(skipText('{"a":1}', 'not an interface'), {
      line: null,
      text: '{"a":1}',
      reason: 'not an interface',
    });
  });
});

describe('words', () => {
  test('splits a brctl bridge line on runs of tabs', () => {
    assert.deepEqual(words(inputLines(brctlFixture)[1]?.text ?? ''), [
      'br-29929a8485a8',
      '8000.024297823019',
      'no',
      'veth4eddc97',
    ]);
  });

  test('returns nothing for blank text', () => {
    assert.deepEqual(words('  \t '), []);
  });
});

describe('toInt', () => {
  const cases: [string | undefined, number | null][] = [
    ['1500', 1500],
    ['0', 0],
    ['-1', null],
    ['15a', null],
    ['', null],
    [undefined, null],
  ];
  for (const [input, expected] of cases) {
    test(`reads ${JSON.stringify(input)} as ${String(expected)}`, () => {
      assert.equal(toInt(input), expected);
    });
  }
});
