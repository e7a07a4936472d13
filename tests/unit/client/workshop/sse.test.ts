import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SseParser } from '../../../../src/client/workshop/sse.ts';

describe('SseParser', () => {
  test('returns the data of each complete event', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('data: {"a":1}\n\ndata: {"b":2}\n\n'), ['{"a":1}', '{"b":2}']);
  });

  test('returns an event split across chunks once it is complete', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('data: {"a"'), []);
    assert.deepEqual(parser.push(':1}\n'), []);
    assert.deepEqual(parser.push('\n'), ['{"a":1}']);
  });

  test('returns multi-line data joined with newlines, and ignores comments and other fields', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push(': connected\n\nevent: x\nid: 1\ndata: one\ndata:two\n\n'), [
      'one\ntwo',
    ]);
  });

  test('returns events with CRLF line ends, even when a chunk ends between CR and LF', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('data: x\r'), []);
    assert.deepEqual(parser.push('\n\r\n'), ['x']);
  });

  test('returns nothing for a comment-only keep-alive', () => {
    assert.deepEqual(new SseParser().push(': keep-alive\n\n'), []);
  });
});
