import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseClientMessage } from '../../../server/terminal/messages.ts';

describe('parseClientMessage', () => {
  const table: [string, string, unknown][] = [
    ['a resize', '{"type":"resize","cols":80,"rows":24}', { type: 'resize', cols: 80, rows: 24 }],
    ['an ack', '{"type":"ack","bytes":4096}', { type: 'ack', bytes: 4096 }],
    ['an auth', '{"type":"auth","token":"t"}', { type: 'auth', token: 't' }],
    ['a resize of zero rows', '{"type":"resize","cols":80,"rows":0}', null],
    ['a huge resize', '{"type":"resize","cols":100000,"rows":24}', null],
    ['a negative ack', '{"type":"ack","bytes":-1}', null],
    ['an unknown type', '{"type":"exec","cmd":"rm"}', null],
    ['not JSON', 'resize 80 24', null],
    ['a JSON string', '"ack"', null],
  ];
  for (const [what, text, expected] of table) {
    test(`returns ${expected === null ? 'null' : 'the message'} for ${what}`, () => {
      assert.deepEqual(parseClientMessage(text), expected);
    });
  }
});
