import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  engineFacts,
  isolationProblem,
  diskBound,
} from '../../../../server/sandbox/docker-driver/engine-facts.ts';

const managed = engineFacts({
  ServerVersion: '20.10.24+dfsg1',
  SecurityOptions: ['name=seccomp,profile=default', 'name=userns'],
  Driver: 'btrfs',
  DriverStatus: [['Btrfs', '']],
  CgroupVersion: '1',
  CgroupDriver: 'cgroupfs',
  DockerRootDir: '/var/lib/netlab/engine/root/docker/100000.100000',
});
const plain = engineFacts({
  ServerVersion: '28.2.2',
  SecurityOptions: ['name=seccomp,profile=builtin', 'name=cgroupns'],
  Driver: 'overlay2',
  DriverStatus: [['Backing Filesystem', 'extfs']],
});

describe('engineFacts', () => {
  test('returns userns true when the engine lists name=userns', () => {
    assert.equal(managed.userns, true);
    assert.equal(managed.rootDir, '/var/lib/netlab/engine/root/docker/100000.100000');
  });

  test('returns userns false and the backing filesystem of a plain engine', () => {
    assert.equal(plain.userns, false);
    assert.equal(plain.backingFs, 'extfs');
  });
});

describe('diskBound', () => {
  for (const [driver, backing, expected] of [
    ['btrfs', null, 'storage-opt'],
    ['zfs', null, 'storage-opt'],
    ['overlay2', 'xfs', 'storage-opt'],
    ['overlay2', 'btrfs', 'subvolume'],
    ['overlay2', 'extfs', null],
    ['vfs', null, null],
  ] as const) {
    test(`returns ${expected} for ${driver} over ${backing}`, () => {
      assert.equal(diskBound({ ...managed, storageDriver: driver, backingFs: backing }), expected);
    });
  }
});

describe('isolationProblem', () => {
  test('returns null for an engine with user namespaces and quotas', () => {
    assert.equal(isolationProblem(managed, '/e.sock', true), null);
  });

  test('returns the fix and the unsafe switch for an engine without user namespaces', () => {
    const problem = isolationProblem(plain, '/var/run/docker.sock', false) ?? '';
    assert.match(problem, /\/var\/run\/docker\.sock does not remap user namespaces/);
    assert.match(problem, /Unset DOCKER_SOCKET/);
    assert.match(problem, /ALLOW_UNISOLATED_SANDBOXES=1/);
  });

  test('returns the disk problem for an isolated engine that cannot bound a sandbox’s disk', () => {
    const problem = isolationProblem({ ...plain, userns: true }, '/x.sock', false) ?? '';
    assert.match(problem, /overlay2 over extfs, which cannot limit what a sandbox writes/);
  });
});
