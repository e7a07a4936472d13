import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { verdicts, type Facts } from '../../../server/preflight/verdicts.ts';

const ready: Facts = {
  tools: new Set(['docker', 'dockerd', 'mkfs.btrfs', 'unshare', 'blkid', 'perl', 'debootstrap']),
  isRoot: true,
  kernel: [6, 18],
  build: { host: 'unix:///var/run/docker.sock', reach: 'ok' },
  sandbox: {
    managed: true,
    socket: '/var/lib/netlab/engine/docker.sock',
    reach: 'ok',
    isolationProblem: null,
    allowUnisolated: false,
  },
  needsBase: false,
  disk: [],
  port: { host: '127.0.0.1', port: 8080, free: true },
  chromium: '/usr/bin/chromium',
};

/** The first problem, as printed: its check, sentence and fix. */
function firstProblem(f: Partial<Facts>, purpose: 'start' | 'test' | 'doctor' = 'start') {
  return verdicts({ ...ready, ...f }, purpose).find((v) => !v.ok);
}

describe('verdicts', () => {
  test('returns no problem on a ready machine', () => {
    assert.equal(firstProblem({}, 'doctor'), undefined);
  });

  for (const [name, facts, check, sentence, fix] of [
    [
      'Docker missing',
      { tools: new Set(['perl']) },
      'docker',
      /^Docker is not installed \(no docker or dockerd on PATH\)\.$/,
      'sudo apt-get install docker.io',
    ],
    [
      'the usual engine down',
      { build: { host: 'unix:///var/run/docker.sock', reach: 'missing' } },
      'build-engine',
      /^No Docker engine answers at unix:\/\/\/var\/run\/docker\.sock\.$/,
      'sudo systemctl start docker (or: sudo dockerd &)',
    ],
    [
      'the socket not this user’s',
      { build: { host: 'unix:///var/run/docker.sock', reach: 'denied' } },
      'build-engine',
      /^This user may not use the Docker engine/,
      'sudo usermod -aG docker "$USER" (then log in again)',
    ],
    [
      'a non-root user without the engine running',
      { isRoot: false, sandbox: { ...ready.sandbox, reach: 'missing' } },
      'sandbox-engine',
      /needs root\.$/,
      'sudo npx netlab engine start',
    ],
    [
      'an old kernel',
      { kernel: [6, 1], sandbox: { ...ready.sandbox, reach: 'missing' } },
      'sandbox-engine',
      /needs Linux 6\.7 or newer .* this is 6\.1\.$/,
      undefined,
    ],
    [
      'btrfs-progs missing',
      {
        tools: new Set(['docker', 'dockerd', 'unshare', 'blkid', 'perl']),
        sandbox: { ...ready.sandbox, reach: 'missing' },
      },
      'sandbox-engine',
      /needs mkfs\.btrfs\.$/,
      'sudo apt-get install btrfs-progs',
    ],
    [
      'an engine without user namespaces',
      { sandbox: { ...ready.sandbox, managed: false, isolationProblem: 'It does not remap.' } },
      'sandbox-engine',
      /^It does not remap\.$/,
      'unset DOCKER_SOCKET (Netlab then runs its own isolated engine)',
    ],
    [
      'debootstrap needed and missing',
      {
        needsBase: true,
        tools: new Set(['docker', 'dockerd', 'mkfs.btrfs', 'unshare', 'blkid', 'perl']),
      },
      'build-tools',
      /made with debootstrap, which is missing\.$/,
      'sudo apt-get install debootstrap',
    ],
    [
      'a full disk',
      {
        disk: [
          {
            where: '/var/lib/docker',
            free: 2 * 1024 ** 3,
            needed: 4 * 1024 ** 3,
            what: 'Building the sandbox image',
          },
        ],
      },
      'disk',
      /^Building the sandbox image needs 4 GiB on \/var\/lib\/docker, which has 2\.0 GiB free\.$/,
      undefined,
    ],
    [
      'the port taken',
      { port: { host: '127.0.0.1', port: 8080, free: false } },
      'port',
      /^Port 8080 on 127\.0\.0\.1 is already in use by another program\.$/,
      undefined,
    ],
  ] as const) {
    test(`returns the ${check} problem first when ${name}`, () => {
      const v = firstProblem(facts as Partial<Facts>);
      assert.ok(v, 'a problem is found');
      assert.equal(v.check, check);
      assert.match(v.message, sentence);
      if (fix) assert.equal(v.fix, fix);
      else assert.ok(v.fix);
    });
  }

  test('returns the Chromium problem for tests and doctor, not for start', () => {
    assert.equal(firstProblem({ chromium: null }, 'test')?.check, 'chromium');
    assert.equal(firstProblem({ chromium: null }, 'start'), undefined);
  });

  test('lets an engine that does not isolate pass with ALLOW_UNISOLATED_SANDBOXES', () => {
    const sandbox = { ...ready.sandbox, isolationProblem: 'no userns', allowUnisolated: true };
    assert.equal(firstProblem({ sandbox }), undefined);
  });
});
