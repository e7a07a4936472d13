import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  exposureWarnings,
  hostEntryProblem,
  isLoopbackAddress,
  parseTrustProxy,
  trustProxyProblem,
} from '../../../server/config/exposure.ts';

describe('hostEntryProblem', () => {
  for (const entry of [
    'learn.example.com',
    '.example.com',
    'lab-1.example.com.',
    '192.0.2.7',
    '::1',
    '[::1]',
  ])
    test(`returns null for ${entry}`, () => {
      assert.equal(hostEntryProblem(entry), null);
    });

  for (const [entry, says] of [
    ['*', /wildcards/],
    ['*.example.com', /wildcards/],
    ['https://learn.example.com', /without a scheme/],
    ['learn.example.com:8443', /without the port/],
    ['bad name', /not a DNS name/],
    ['-x.example.com', /not a DNS name/],
  ] as const)
    test(`explains what is wrong with ${entry}`, () => {
      assert.match(hostEntryProblem(entry) ?? '', says);
    });
});

describe('trustProxyProblem', () => {
  for (const value of ['1', '10', '127.0.0.1', '10.0.0.0/8, fd00::/8', 'loopback,uniquelocal'])
    test(`returns null for ${value}`, () => {
      assert.equal(trustProxyProblem(value), null);
    });

  for (const [value, says] of [
    ['true', /no longer accepted.*number of proxies.*addresses/],
    ['yes', /no longer accepted/],
    ['0', /no longer accepted.*unset/],
    ['11', /1 to 10/],
    ['10.0.0.0/33', /"10.0.0.0\/33"/],
    ['proxy.example.com', /"proxy.example.com"/],
    [' , ', /an empty list/],
  ] as const)
    test(`explains what to write instead of ${JSON.stringify(value)}`, () => {
      assert.match(trustProxyProblem(value) ?? '', says);
    });
});

describe('parseTrustProxy', () => {
  test('returns null when unset, hops for a number, proxies for a list', () => {
    assert.equal(parseTrustProxy(undefined), null);
    assert.deepEqual(parseTrustProxy(' 2 '), { hops: 2 });
    assert.deepEqual(parseTrustProxy('10.0.0.5, loopback'), { proxies: ['10.0.0.5', 'loopback'] });
  });
});

describe('isLoopbackAddress', () => {
  for (const [address, expected] of [
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::ffff:127.0.0.1', true],
    ['::1', true],
    ['10.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['fe80::1', false],
  ] as const)
    test(`returns ${expected} for ${address}`, () => {
      assert.equal(isLoopbackAddress(address), expected);
    });
});

describe('exposureWarnings', () => {
  test('returns nothing when listening on loopback', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1'])
      assert.deepEqual(exposureWarnings({ host, allowedHosts: [], trustProxy: { hops: 1 } }), []);
  });

  test('names ALLOWED_HOSTS when the server is exposed without it', () => {
    const [warning] = exposureWarnings({ host: '0.0.0.0', allowedHosts: [], trustProxy: null });
    assert.match(warning ?? '', /HOST=0\.0\.0\.0 exposes.*ALLOWED_HOSTS is empty/);
  });

  test('returns nothing for an exposed server with its names and proxy addresses', () => {
    const config = {
      host: '0.0.0.0',
      allowedHosts: ['learn.example.com'],
      trustProxy: { proxies: ['10.0.0.5'] },
    };
    assert.deepEqual(exposureWarnings(config), []);
  });

  test('warns that a hop count needs the nearest proxy on this machine', () => {
    const config = {
      host: '0.0.0.0',
      allowedHosts: ['learn.example.com'],
      trustProxy: { hops: 1 },
    };
    assert.match(exposureWarnings(config)[0] ?? '', /TRUST_PROXY=1 .*this machine/);
  });
});
