import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  CARRIERS_CGROUP,
  carriersDir,
  dropCarriers,
  enginePids,
  listProcesses,
  placeCarriers,
  type ProcessEntry,
} from '../../../bench/peers/carriers-cgroup.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'carriers-'));

/** A cgroup root shaped like a v1 host's: a cpu hierarchy with its root's weight. */
function v1Root(): string {
  const root = tmp();
  mkdirSync(path.join(root, 'cpu'));
  writeFileSync(path.join(root, 'cpu', 'cpu.shares'), '1024');
  return root;
}

describe('carriersDir', () => {
  test('returns the cgroup beside /netlab in the v1 cpu hierarchy', () => {
    const root = v1Root();
    assert.equal(carriersDir(root), path.join(root, 'cpu', CARRIERS_CGROUP));
  });

  test('returns null on a host without a v1 cpu hierarchy (cgroup v2)', () => {
    const root = tmp();
    writeFileSync(path.join(root, 'cgroup.controllers'), 'cpu memory pids');
    assert.equal(carriersDir(root), null);
  });
});

describe('placeCarriers', () => {
  test('makes the cgroup with the weight and writes the process into it', () => {
    const root = v1Root();
    assert.equal(placeCarriers([4321], 2048, root), true);
    const dir = path.join(root, 'cpu', CARRIERS_CGROUP);
    assert.equal(readFileSync(path.join(dir, 'cpu.shares'), 'utf8'), '2048');
    assert.equal(readFileSync(path.join(dir, 'cgroup.procs'), 'utf8'), '4321');
  });

  test('moves the process back to the root cgroup when given no weight', () => {
    const root = v1Root();
    assert.equal(placeCarriers([4321], null, root), true);
    assert.equal(readFileSync(path.join(root, 'cpu', 'cgroup.procs'), 'utf8'), '4321');
  });

  test('returns false and writes nothing without a v1 cpu hierarchy', () => {
    const root = tmp();
    assert.equal(placeCarriers([4321], 2048, root), false);
    assert.throws(() => readFileSync(path.join(root, 'cpu', CARRIERS_CGROUP, 'cpu.shares')));
  });
});

describe('dropCarriers', () => {
  test('removes the cgroup, and does nothing when there is none', () => {
    const root = v1Root();
    mkdirSync(path.join(root, 'cpu', CARRIERS_CGROUP));
    dropCarriers(root);
    assert.equal(existsSync(path.join(root, 'cpu', CARRIERS_CGROUP)), false);
    assert.doesNotThrow(() => dropCarriers(root));
  });
});

describe('listProcesses', () => {
  test('returns pid, parent and command line, with a command name holding spaces and parentheses', () => {
    const proc = tmp();
    mkdirSync(path.join(proc, '42'));
    writeFileSync(path.join(proc, '42', 'stat'), '42 (odd (name) x) S 7 42 42 0 -1');
    writeFileSync(path.join(proc, '42', 'cmdline'), 'containerd-shim-runc-v2\0-id\0abc\0');
    mkdirSync(path.join(proc, 'self'));
    assert.deepEqual(listProcesses(proc), [
      { pid: 42, ppid: 7, cmdline: 'containerd-shim-runc-v2 -id abc' },
    ]);
  });

  test('skips a process that exited while being read', () => {
    const proc = tmp();
    mkdirSync(path.join(proc, '43'));
    assert.deepEqual(listProcesses(proc), []);
  });
});

describe('enginePids', () => {
  const exec = '/run/netlab-engine-1234abcd';
  const shim = (pid: number, root: string): ProcessEntry => ({
    pid,
    ppid: 1,
    cmdline: `/usr/bin/containerd-shim-runc-v2 -namespace moby -id x -address ${root}/containerd/containerd.sock`,
  });
  const host: ProcessEntry[] = [
    { pid: 100, ppid: 1, cmdline: 'dockerd --exec-root /run/netlab-engine-1234abcd' },
    { pid: 101, ppid: 100, cmdline: `containerd --config ${exec}/containerd/containerd.toml` },
    shim(200, exec),
    { pid: 201, ppid: 200, cmdline: 'sleep infinity' },
    { pid: 202, ppid: 201, cmdline: 'dockerd' },
    shim(300, '/run/docker'),
    { pid: 400, ppid: 1, cmdline: 'dockerd' },
    {
      pid: 401,
      ppid: 400,
      cmdline: 'containerd --config /var/run/docker/containerd/containerd.toml',
    },
  ];

  test('returns dockerd, what it started and its shims, in that order', () => {
    assert.deepEqual(enginePids(host, 100, exec), [100, 101, 200]);
  });

  const left: [what: string, pid: number][] = [
    ["a sandbox's own processes, under its shim", 201],
    ["a process a sandbox's own processes started", 202],
    ["another engine's shim", 300],
    ['another engine and its containerd', 401],
  ];
  for (const [what, pid] of left)
    test(`leaves out ${what}`, () => {
      assert.equal(enginePids(host, 100, exec).includes(pid), false);
    });
});
