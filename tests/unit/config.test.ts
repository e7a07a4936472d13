import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, defaultMaxSandboxes, loadConfig } from '../../server/config.ts';

const GiB = 1024 ** 3;

describe('loadConfig', () => {
  test('returns the documented defaults for an empty environment', () => {
    const c = loadConfig({}, '/srv/netlab', 24 * GiB);
    assert.equal(c.port, 8080);
    assert.equal(c.sandbox.memoryBytes, GiB);
    assert.equal(c.sandbox.pids, 1024);
    assert.equal(c.sandbox.nanoCpus, 1e9);
    assert.equal(c.idleTtlMs, 30 * 60_000);
    assert.equal(c.hardTtlMs, 2 * 3600_000);
    assert.equal(c.warmPool, 2);
    assert.equal(c.maxSandboxes, 19);
    assert.equal(c.dataDir, '/srv/netlab/data');
    assert.equal(c.shutdownSandboxes, 'remove');
    assert.equal(c.host, '127.0.0.1');
    assert.deepEqual(c.allowedHosts, []);
    assert.equal(c.trustProxy, null);
    assert.equal(c.terminal.pendingPerClient, 8);
  });

  test('reads and converts every kind of variable', () => {
    const c = loadConfig(
      {
        PORT: '9000',
        SANDBOX_CPUS: '0.5',
        TRUST_PROXY: '10.0.0.5, 10.1.0.0/16',
        ALLOWED_HOSTS: 'Learn.Example.com,.lab.example.com',
        ALLOWED_ORIGINS: 'https://a.example, https://b.example',
        WARM_POOL: '0',
      },
      '/x',
    );
    assert.equal(c.port, 9000);
    assert.equal(c.sandbox.nanoCpus, 5e8);
    assert.deepEqual(c.trustProxy, { proxies: ['10.0.0.5', '10.1.0.0/16'] });
    assert.deepEqual(c.allowedHosts, ['learn.example.com', '.lab.example.com']);
    assert.deepEqual(c.allowedOrigins, ['https://a.example', 'https://b.example']);
    assert.equal(c.warmPool, 0);
  });

  test("returns each Docker generation's image, the default generation's as the image", () => {
    const c = loadConfig({
      SANDBOX_IMAGE: 'netlab/sandbox:mine',
      SANDBOX_IMAGE_DOCKER28: 'netlab/sandbox-docker28:mine',
    });
    assert.deepEqual(c.sandbox.images, {
      'docker-26': 'netlab/sandbox:mine',
      'docker-28': 'netlab/sandbox-docker28:mine',
    });
    assert.equal(c.sandbox.image, 'netlab/sandbox-docker28:mine');
    assert.deepEqual(loadConfig({}).sandbox.images, {
      'docker-26': 'netlab/sandbox:latest',
      'docker-28': 'netlab/sandbox-docker28:latest',
    });
  });

  test('throws a ConfigError naming each invalid variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', SHUTDOWN_SANDBOXES: 'maybe' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /PORT/.test(error.message) &&
        /SHUTDOWN_SANDBOXES/.test(error.message),
    );
  });

  for (const [value, expected] of [
    ['1', { hops: 1 }],
    ['2', { hops: 2 }],
    ['loopback,192.0.2.7', { proxies: ['loopback', '192.0.2.7'] }],
  ] as const) {
    test(`reads TRUST_PROXY=${value} as ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(loadConfig({ TRUST_PROXY: value }).trustProxy, expected);
    });
  }

  for (const value of ['true', 'false', 'yes', 'no', '0']) {
    test(`refuses the old boolean TRUST_PROXY=${value}, saying what to write instead`, () => {
      assert.throws(
        () => loadConfig({ TRUST_PROXY: value }),
        (error: unknown) =>
          error instanceof ConfigError &&
          /TRUST_PROXY/.test(error.message) &&
          /number of proxies/.test(error.message) &&
          /addresses/.test(error.message),
      );
    });
  }

  test('refuses an ALLOWED_HOSTS wildcard, naming the variable', () => {
    assert.throws(
      () => loadConfig({ ALLOWED_HOSTS: 'learn.example.com,*' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /ALLOWED_HOSTS/.test(error.message) &&
        /"\*"/.test(error.message),
    );
  });

  test('ignores empty variables', () => {
    assert.equal(loadConfig({ PORT: '' }).port, 8080);
  });
});

describe('defaultMaxSandboxes', () => {
  test('keeps the sum of limits within 80% of memory, and at least one', () => {
    assert.equal(defaultMaxSandboxes(24 * GiB, GiB), 19);
    assert.equal(defaultMaxSandboxes(GiB / 2, GiB), 1);
  });
});
