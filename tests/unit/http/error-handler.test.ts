/**
 * The one place errors become responses: catalogue errors keep their code,
 * status, retry class and Retry-After; Fastify's own errors map onto the
 * catalogue; anything else is a 500 that tells nothing of the server's insides.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { NetlabError } from '../../../server/errors.ts';
import { installErrorHandler, toNetlabError } from '../../../server/http/error-handler.ts';
import type { ErrorBody } from '../../../server/protocol.ts';

describe('toNetlabError', () => {
  const table: [string, unknown, string][] = [
    ['a catalogue error', new NetlabError('NETLAB_ERR_CAPACITY'), 'NETLAB_ERR_CAPACITY'],
    [
      "Fastify's body limit",
      Object.assign(new Error('too big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE' }),
      'NETLAB_ERR_BODY_TOO_LARGE',
    ],
    [
      "Fastify's unknown content type",
      Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }),
      'NETLAB_ERR_UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a schema validation failure',
      Object.assign(new Error("body must have required property 'lab'"), {
        code: 'FST_ERR_VALIDATION',
      }),
      'NETLAB_ERR_BAD_REQUEST',
    ],
    ['a SyntaxError', new SyntaxError('Unexpected end of JSON input'), 'NETLAB_ERR_BAD_REQUEST'],
    ['anything else', new TypeError('x is undefined'), 'NETLAB_ERR_INTERNAL'],
    ['a thrown string', 'oops', 'NETLAB_ERR_INTERNAL'],
  ];
  for (const [what, error, code] of table) {
    test(`returns ${code} for ${what}`, () => {
      assert.equal(toNetlabError(error).code, code);
    });
  }

  test('keeps the validation message for the client', () => {
    const e = Object.assign(new Error("body must have required property 'lab'"), {
      code: 'FST_ERR_VALIDATION',
    });
    assert.match(toNetlabError(e).message, /^The request is malformed: body must have/);
  });
});

describe('installErrorHandler', () => {
  async function answer(error: unknown) {
    const app = Fastify({ logger: false });
    installErrorHandler(app);
    app.get('/boom', () => {
      throw error;
    });
    const r = await app.inject({ url: '/boom' });
    await app.close();
    return { r, body: JSON.parse(r.body) as ErrorBody };
  }

  test('returns the status, code, message, retry class and Retry-After of a catalogue error', async () => {
    const { r, body } = await answer(
      new NetlabError('NETLAB_ERR_CAPACITY', 'All 3 machines are in use.', { retryAfter: 60 }),
    );
    assert.equal(r.statusCode, 503);
    assert.equal(r.headers['retry-after'], '60');
    assert.match(String(r.headers['content-type']), /^application\/json/);
    assert.deepEqual(body, {
      error: { code: 'NETLAB_ERR_CAPACITY', message: 'All 3 machines are in use.', retry: 'later' },
    });
  });

  test('returns 500 with the catalogue sentence and no internals for an unexpected error', async () => {
    const { r, body } = await answer(new Error('ECONNREFUSED /secret/path.sock'));
    assert.equal(r.statusCode, 500);
    assert.equal(body.error.code, 'NETLAB_ERR_INTERNAL');
    assert.doesNotMatch(r.body, /secret|ECONNREFUSED/);
  });
});
