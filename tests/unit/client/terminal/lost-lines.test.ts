import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LostLinesDetector } from '../../../../src/client/terminal/lost-lines.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('LostLinesDetector.feed', () => {
  const cases: [string, string[], boolean][] = [
    ['tmux scrolling 24 lines at once', ['\x1b[1;25r\x1b[24S\x1b[2;1H77'], true],
    ['an SU without a count', ['\x1b[S'], true],
    ['an SU split across chunks', ['seq\x1b', '[2', '4', 'S'], true],
    ['lines scrolled one newline at a time', ['1\r\n2\r\n3\r\n'], false],
    ['a capital S typed at the prompt', ['ls -S\r\n'], false],
    ['colours and cursor moves', ['\x1b[1;32mok\x1b[m\x1b[13;16H\x1b[K'], false],
    ['SD, the other way', ['\x1b[3T'], false],
    ['a private sequence ending in S', ['\x1b[?1S'], false],
    ['parameters with a separator', ['\x1b[1;2S'], false],
    ['an S after a broken sequence', ['\x1b[2', 'xS'], false],
  ];
  for (const [what, chunks, lost] of cases) {
    test(`returns ${lost} for ${what}`, () => {
      const detector = new LostLinesDetector();
      const results = chunks.map((chunk) => detector.feed(bytes(chunk)));
      assert.equal(results.at(-1), lost);
      assert.equal(detector.lost, lost);
    });
  }

  test('stays true for the rest of the attach once it has seen an SU', () => {
    const detector = new LostLinesDetector();
    detector.feed(bytes('\x1b[5S'));
    assert.equal(detector.feed(bytes('plain text')), true);
  });
});
