/**
 * Netlab's own engine, started from nothing in a folder of its own (beside the
 * one the other tests use), inspected, and stopped: what `npm start` does on a
 * fresh machine.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../server/config.ts';
import { engineStatus, ensureEngine, stopEngine } from '../../server/sandbox/engine.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'netlab-engine-'));
const { engine } = loadConfig({ ENGINE_DIR: dir, ENGINE_DISK_GB: '4' });
const docker = (...args: string[]) =>
  execFileSync('docker', ['-H', `unix://${engine.socketPath}`, ...args], {
    encoding: 'utf8',
  }).trim();
/** Whether the host has the usual engine's bridge, which an engine without a bridge deletes when it starts in the host's network namespace. */
const hostHasDocker0 = () =>
  execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).includes(' docker0:');

describe('ensureEngine', () => {
  after(async () => {
    await stopEngine(engine).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  test('starts an engine that remaps user namespaces and stores overlay2 on btrfs with simple quotas', async () => {
    const docker0 = hostHasDocker0();
    await ensureEngine(engine);
    const info = JSON.parse(docker('info', '-f', '{{json .}}')) as {
      SecurityOptions: string[];
      Driver: string;
      DriverStatus: [string, string][];
      DockerRootDir: string;
    };
    assert.ok(info.SecurityOptions.some((o) => o.includes('name=userns')));
    // overlay2 over the btrfs disk: image files shared, each sandbox's layer a quota'd subvolume.
    assert.equal(info.Driver, 'overlay2');
    assert.deepEqual(
      info.DriverStatus.find(([key]) => key === 'Backing Filesystem'),
      ['Backing Filesystem', 'btrfs'],
    );
    assert.match(info.DockerRootDir, new RegExp(`^${dir}/root/docker/\\d+\\.\\d+$`));
    const uuid = execFileSync('blkid', ['-s', 'UUID', '-o', 'value', path.join(dir, 'disk.img')], {
      encoding: 'utf8',
    }).trim();
    assert.equal(readFileSync(`/sys/fs/btrfs/${uuid}/qgroups/mode`, 'utf8').trim(), 'squota');
    // Allocated in full: later writes inside never take the host's free space.
    const disk = statSync(path.join(dir, 'disk.img'));
    assert.ok(disk.blocks * 512 >= 4 * 1024 ** 3, 'the disk image is allocated, not sparse');
    assert.equal(hostHasDocker0(), docker0, 'the host’s docker0 is left alone');
    assert.equal(statSync(engine.socketPath).mode & 0o777, 0o660);
  });

  test('returns at once when the engine already runs, and reports it', async () => {
    const started = performance.now();
    await ensureEngine(engine);
    assert.ok(performance.now() - started < 1000);
    const status = await engineStatus(engine);
    assert.equal(status.running, true);
    assert.ok(status.pid !== null && existsSync(`/proc/${status.pid}`));
  });

  test('stops the engine and unmounts its disk', async () => {
    assert.equal(await stopEngine(engine), true);
    assert.equal((await engineStatus(engine)).running, false);
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8');
    assert.ok(!mounts.includes(` ${dir}/root `), 'the disk is unmounted');
    assert.equal(await stopEngine(engine), false, 'a second stop finds nothing to stop');
  });
});
