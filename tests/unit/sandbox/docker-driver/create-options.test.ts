import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  SANDBOX_CAPABILITIES,
  sandboxCreateOptions,
  type SandboxLimits,
} from '../../../../server/sandbox/docker-driver/create-options.ts';

const limits: SandboxLimits = {
  image: 'netlab/sandbox:latest',
  memoryBytes: 2 ** 30,
  diskBytes: 512 * 2 ** 20,
  pids: 1024,
  nanoCpus: 1e9,
  instance: 'test',
  userns: true,
  storageSize: '536870912',
  cgroupParent: '/netlab',
};

describe('sandboxCreateOptions', () => {
  const host = sandboxCreateOptions('s1', limits).HostConfig ?? {};

  test('drops every capability but the inner engine’s', () => {
    assert.deepEqual(host.CapDrop, ['ALL']);
    assert.deepEqual(host.CapAdd, SANDBOX_CAPABILITIES);
    for (const cap of [
      'DAC_READ_SEARCH',
      'SYS_PTRACE',
      'SYS_MODULE',
      'BPF',
      'PERFMON',
      'SYS_RAWIO',
    ])
      assert.ok(!SANDBOX_CAPABILITIES.includes(cap), cap);
  });

  test('applies the seccomp profile instead of leaving seccomp off', () => {
    const opts = (host.SecurityOpt ?? []) as string[];
    assert.equal(opts.length, 1);
    assert.match(opts[0] ?? '', /^seccomp=\{/);
  });

  test('unmasks /proc in a user namespace, where the inner runc needs it', () => {
    assert.deepEqual(host.MaskedPaths, []);
    assert.deepEqual(host.ReadonlyPaths, []);
  });

  test('keeps Docker’s masks when the engine has no user namespace', () => {
    const plain = sandboxCreateOptions('s1', { ...limits, userns: false }).HostConfig ?? {};
    assert.equal(plain.MaskedPaths, undefined);
  });

  test('bounds the root filesystem and the inner engine’s storage', () => {
    assert.deepEqual(host.StorageOpt, { size: '536870912' });
    assert.match(host.Tmpfs?.['/var/lib/docker'] ?? '', /size=524288k/);
    assert.equal(host.NetworkMode, 'none');
    assert.equal(host.CgroupParent, '/netlab');
  });
});
