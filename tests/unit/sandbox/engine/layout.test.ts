import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ENGINE_DAEMON_CONFIG,
  dockerdArgs,
  engineLayout,
  isMountPoint,
} from '../../../../server/sandbox/engine/layout.ts';

describe('engineLayout', () => {
  test('keeps everything of the engine under its folder, and its exec root under /run', () => {
    const l = engineLayout('/var/lib/netlab/engine');
    assert.equal(l.socket, '/var/lib/netlab/engine/docker.sock');
    assert.equal(l.dataRoot, '/var/lib/netlab/engine/root/docker');
    assert.equal(l.disk, '/var/lib/netlab/engine/disk.img');
    assert.match(l.execRoot, /^\/run\/netlab-engine-[0-9a-f]{8}$/);
  });

  test('returns different exec roots for different folders', () => {
    assert.notEqual(engineLayout('/a').execRoot, engineLayout('/b').execRoot);
  });
});

describe('dockerdArgs', () => {
  test('returns flags that point dockerd at the layout and its own config file', () => {
    const l = engineLayout('/e');
    const args = dockerdArgs(l);
    assert.deepEqual(args.slice(0, 4), [
      '--config-file',
      '/e/daemon.json',
      '--host',
      'unix:///e/docker.sock',
    ]);
    assert.ok(args.includes('--data-root') && args.includes(l.dataRoot));
  });
});

describe('ENGINE_DAEMON_CONFIG', () => {
  test('remaps user namespaces and leaves the host’s networking alone', () => {
    assert.equal(ENGINE_DAEMON_CONFIG['userns-remap'], 'default');
    assert.equal(ENGINE_DAEMON_CONFIG.bridge, 'none');
    assert.equal(ENGINE_DAEMON_CONFIG.iptables, false);
    assert.equal(ENGINE_DAEMON_CONFIG['storage-driver'], 'overlay2');
  });
});

describe('isMountPoint', () => {
  const mountinfo = [
    '22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw',
    '96 22 7:0 / /var/lib/netlab/engine/root rw,relatime shared:50 - btrfs /dev/loop0 rw',
    '97 22 7:1 / /mnt/with\\040space rw - btrfs /dev/loop1 rw',
  ].join('\n');
  for (const [target, expected] of [
    ['/var/lib/netlab/engine/root', true],
    ['/mnt/with space', true],
    ['/var/lib/netlab/engine', false],
    ['/var/lib/netlab/engine/root/docker', false],
  ] as const) {
    test(`returns ${expected} for ${target}`, () => {
      assert.equal(isMountPoint(mountinfo, target), expected);
    });
  }
});
