/**
 * The DNS-rebinding guard, as a table over names and through a real Fastify
 * instance (inject), where a refused Host gets the catalogue's answer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { installErrorHandler } from '../../../server/http/error-handler.ts';
import { hostAllowed, hostName, installHostCheck } from '../../../server/http/host-check.ts';
import type { ErrorBody } from '../../../server/protocol.ts';

const ALLOWED = ['learn.example.com', '.lab.example.org'];

describe('hostName', () => {
  for (const [header, expected] of [
    ['Learn.Example.com:8080', 'learn.example.com'],
    ['learn.example.com.', 'learn.example.com'],
    ['[::1]:8080', '[::1]'],
    ['127.0.0.1', '127.0.0.1'],
    ['user@evil.example', null],
    ['evil.example/path', null],
    ['', null],
    [undefined, null],
  ] as const)
    test(`returns ${String(expected)} for ${String(header)}`, () => {
      assert.equal(hostName(header), expected);
    });
});

describe('hostAllowed', () => {
  for (const [header, expected] of [
    ['localhost:8080', true],
    ['127.0.0.1:8080', true],
    ['[::1]:8080', true],
    ['192.0.2.7', true],
    ['learn.example.com', true],
    ['LEARN.example.com:443', true],
    ['lab.example.org', true],
    ['a.lab.example.org', true],
    ['evil.example', false],
    ['learn.example.com.evil.example', false],
    ['xlab.example.org', false],
    ['notlocalhost', false],
    ['localhost.evil.example', false],
    [undefined, false],
  ] as const)
    test(`returns ${expected} for ${String(header)}`, () => {
      assert.equal(hostAllowed(header, ALLOWED), expected);
    });
});

describe('installHostCheck', () => {
  async function app(allowed: string[]) {
    const a = Fastify();
    installErrorHandler(a);
    installHostCheck(a, allowed);
    a.get('/api/labs', () => []);
    await a.ready();
    return a;
  }

  test('answers requests to loopback names, IP addresses and allowed names', async () => {
    const a = await app(ALLOWED);
    for (const host of ['localhost:8080', '127.0.0.1:8080', 'learn.example.com'])
      assert.equal((await a.inject({ url: '/api/labs', headers: { host } })).statusCode, 200, host);
  });

  test('refuses a rebound name with 403 NETLAB_ERR_BAD_HOST naming the host and the fix', async () => {
    const a = await app(ALLOWED);
    const r = await a.inject({ url: '/api/labs', headers: { host: 'evil.example:8080' } });
    assert.equal(r.statusCode, 403);
    const body = r.json<ErrorBody>();
    assert.equal(body.error.code, 'NETLAB_ERR_BAD_HOST');
    assert.match(body.error.message, /"evil\.example:8080".*ALLOWED_HOSTS/);
  });

  test('refuses every name but loopback ones when ALLOWED_HOSTS is empty', async () => {
    const a = await app([]);
    assert.equal(
      (await a.inject({ url: '/api/labs', headers: { host: 'learn.example.com' } })).statusCode,
      403,
    );
    assert.equal(
      (await a.inject({ url: '/api/labs', headers: { host: 'localhost' } })).statusCode,
      200,
    );
  });

  test('refuses routes that do not exist the same way (nothing is answered for the name)', async () => {
    const a = await app([]);
    const r = await a.inject({ url: '/anything', headers: { host: 'evil.example' } });
    assert.equal(r.json<ErrorBody>().error.code, 'NETLAB_ERR_BAD_HOST');
  });
});
