import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DENIED_SYSCALLS,
  seccompProfile,
} from '../../../../server/sandbox/docker-driver/seccomp.ts';

interface Profile {
  defaultAction: string;
  syscalls: { names: string[]; action: string; errnoRet: number }[];
}

describe('seccompProfile', () => {
  const profile = JSON.parse(seccompProfile()) as Profile;
  const denied = new Set(profile.syscalls.flatMap((s) => s.names));

  test('refuses with EPERM the escapes a root shell in a container has', () => {
    for (const name of [
      'open_by_handle_at',
      'bpf',
      'perf_event_open',
      'fanotify_init',
      'io_uring_setup',
    ])
      assert.ok(denied.has(name), name);
    assert.ok(profile.syscalls.every((s) => s.action === 'SCMP_ACT_ERRNO' && s.errnoRet === 1));
  });

  test('allows what the inner engine needs: keyrings, mounts and namespaces', () => {
    for (const name of [
      'keyctl',
      'add_key',
      'mount',
      'umount2',
      'unshare',
      'setns',
      'pivot_root',
      'clone',
    ])
      assert.ok(!denied.has(name), name);
    assert.equal(profile.defaultAction, 'SCMP_ACT_ALLOW');
  });

  test('says why each group of calls is refused', () => {
    for (const group of DENIED_SYSCALLS) assert.ok(group.why.length > 10, group.names.join());
  });
});
