import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csvCell, toCsv } from '../../../server/workshops/csv.ts';

describe('csvCell', () => {
  test('returns plain text and numbers unchanged', () => {
    assert.equal(csvCell('Ada'), 'Ada');
    assert.equal(csvCell(3), '3');
    assert.equal(csvCell(true), 'true');
    assert.equal(csvCell(null), '');
  });

  test('returns formula-like text prefixed with a quote', () => {
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-2+3'), "'-2+3");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tcmd'), "'\tcmd");
    assert.equal(csvCell('\rcmd'), `"'\rcmd"`);
  });

  test('returns text with commas, quotes or line breaks quoted, quotes doubled', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
  });

  test('returns a number cell unprefixed even when negative', () => {
    assert.equal(csvCell(-1), '-1');
  });
});

describe('toCsv', () => {
  test('returns the header and rows, each line ended by CRLF', () => {
    assert.equal(
      toCsv(
        ['name', 'passed'],
        [
          ['<b>x</b>', true],
          ['=1+1', false],
        ],
      ),
      "name,passed\r\n<b>x</b>,true\r\n'=1+1,false\r\n",
    );
  });
});
