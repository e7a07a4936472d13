import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { createLogger } from '../../server/logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  test('logs a request by its path, never its query string (tickets travel there)', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info({ req: { method: 'GET', url: '/api/workshops/w1/events?ticket=T1CK3T' } }, 'seen');
    assert.match(lines.join(''), /"path":"\/api\/workshops\/w1\/events"/);
    assert.doesNotMatch(lines.join(''), /T1CK3T/);
  });

  test("keeps the query out of Fastify's own request logs", async () => {
    const { lines, stream } = capture();
    const app = Fastify({ loggerInstance: createLogger('info', stream) });
    app.get('/x', () => 'ok');
    await app.inject({ url: '/x?ticket=T1CK3T' });
    assert.match(lines.join(''), /incoming request/);
    assert.doesNotMatch(lines.join(''), /T1CK3T/);
  });
});
