/**
 * TRUST_PROXY decides whose X-Forwarded-For sets request.ip (which the
 * per-client limits count). Proved through Fastify itself, with inject's
 * remoteAddress standing for the connecting peer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import type { TrustProxy } from '../../../server/config/exposure.ts';
import { trustProxyOption } from '../../../server/http/trust-proxy.ts';

async function clientIp(trust: TrustProxy, peer: string, forwarded?: string): Promise<string> {
  const app = Fastify({ trustProxy: trustProxyOption(trust) });
  app.get('/ip', (request) => request.ip);
  const r = await app.inject({
    url: '/ip',
    remoteAddress: peer,
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  });
  return r.body;
}

describe('trustProxyOption', () => {
  for (const [name, trust, peer, forwarded, expected] of [
    ['believes no proxy when unset', null, '127.0.0.1', '203.0.113.9', '127.0.0.1'],
    [
      'takes the address one hop behind a proxy on this machine',
      { hops: 1 },
      '127.0.0.1',
      '198.51.100.1, 203.0.113.9',
      '203.0.113.9',
    ],
    [
      'takes the address two hops behind',
      { hops: 2 },
      '127.0.0.1',
      '198.51.100.1, 203.0.113.9',
      '198.51.100.1',
    ],
    [
      'does not let a direct client from elsewhere forge the header with a hop count',
      { hops: 1 },
      '192.0.2.50',
      '203.0.113.9',
      '192.0.2.50',
    ],
    [
      'stops at the first address past the hop count however many are forged',
      { hops: 1 },
      '::1',
      '1.1.1.1, 2.2.2.2, 203.0.113.9',
      '203.0.113.9',
    ],
    [
      'believes a listed proxy address',
      { proxies: ['10.0.0.5'] },
      '10.0.0.5',
      '203.0.113.9',
      '203.0.113.9',
    ],
    [
      'believes a proxy in a listed CIDR',
      { proxies: ['10.1.0.0/16'] },
      '10.1.2.3',
      '203.0.113.9',
      '203.0.113.9',
    ],
    [
      'ignores the header from an address not listed',
      { proxies: ['10.0.0.5'] },
      '10.0.0.6',
      '203.0.113.9',
      '10.0.0.6',
    ],
    [
      'walks a chain of listed proxies to the first unlisted address',
      { proxies: ['10.0.0.0/8'] },
      '10.0.0.5',
      '203.0.113.9, 10.0.0.7',
      '203.0.113.9',
    ],
  ] as const)
    test(name, async () => {
      assert.equal(await clientIp(trust as TrustProxy, peer, forwarded), expected);
    });
});
