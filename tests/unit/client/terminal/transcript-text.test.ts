import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeChunk } from '../../../../src/client/terminal/transcript-text.ts';
import type { TranscriptChunk } from '../../../../src/client/terminal/transcript.ts';

const chunk = (extra: Partial<TranscriptChunk>): TranscriptChunk => ({
  command: 'brctl show',
  first: true,
  lines: ['docker0  8000.0242ac110001  no  veth1'],
  capped: false,
  omitted: 0,
  skipped: false,
  done: true,
  ...extra,
});

describe('describeChunk', () => {
  test('returns the command, its output and "Finished." for a finished command', () => {
    assert.deepEqual(describeChunk(chunk({}), 'en', 20), {
      heading: 'Command: brctl show',
      lines: ['docker0  8000.0242ac110001  no  veth1'],
      footer: 'Finished.',
    });
  });

  test('returns "Finished, no output." for a command that printed nothing', () => {
    assert.equal(describeChunk(chunk({ lines: [] }), 'en', 20).footer, 'Finished, no output.');
  });

  test('returns "More output of …" and the cap for a later, capped chunk', () => {
    const text = describeChunk(chunk({ first: false, capped: true, done: false }), 'en', 20);
    assert.equal(text.heading, 'More output of brctl show:');
    assert.equal(text.footer, 'Only the first 20 lines are read out; the terminal has the rest.');
  });

  test('returns the count of lines not read out when a flood ends', () => {
    const text = describeChunk(chunk({ first: false, lines: [], omitted: 4980 }), 'en', 20);
    assert.equal(text.footer, '4980 more lines not read out; they are in the terminal. Finished.');
  });

  test('returns only that the command finished when its output was read out before', () => {
    assert.deepEqual(describeChunk(chunk({ first: false, lines: [] }), 'en', 20), {
      heading: 'Finished: brctl show',
      lines: [],
      footer: '',
    });
  });

  test('returns how to page through an output longer than the screen', () => {
    assert.equal(
      describeChunk(chunk({ skipped: true }), 'en', 20).footer,
      'The output was longer than the screen and its start went by unseen; add | less to page through it. Finished.',
    );
  });

  test('returns Chinese words on a Chinese page', () => {
    const text = describeChunk(chunk({ command: null, done: false }), 'zh-cn', 20);
    assert.equal(text.heading, '输出：');
    assert.equal(describeChunk(chunk({}), 'zh-cn', 20).heading, '命令：brctl show');
    assert.equal(describeChunk(chunk({ lines: [] }), 'zh-cn', 20).footer, '已完成，没有输出。');
  });
});
