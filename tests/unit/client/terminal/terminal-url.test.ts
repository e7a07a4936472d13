/** terminalUrl: the terminal websocket's address, never with the token. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { terminalUrl } from '../../../../src/client/terminal/terminal-url.ts';

const target = {
  baseUrl: 'http://127.0.0.1:4321/some/page',
  sessionId: 's 1',
  window: 'main',
  cols: 80,
  rows: 24,
  readOnly: false,
};

describe('terminalUrl', () => {
  const cases: [string, Partial<typeof target> & { lang?: string }, string][] = [
    [
      'ws: for http:',
      {},
      'ws://127.0.0.1:4321/api/sessions/s%201/terminal?window=main&cols=80&rows=24',
    ],
    [
      'wss: for https:, with read-only and the language',
      { baseUrl: 'https://netlab.example/', readOnly: true, lang: 'zh-cn' },
      'wss://netlab.example/api/sessions/s%201/terminal?window=main&cols=80&rows=24&readonly=1&lang=zh-cn',
    ],
  ];
  for (const [what, patch, expected] of cases)
    test(`returns ${what}`, () => {
      assert.equal(terminalUrl({ ...target, ...patch }), expected);
    });
});
