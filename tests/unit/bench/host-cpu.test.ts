/**
 * cpuUse: the density bench's account of where the CPU went between two
 * snapshots of /proc.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cpuUse, quotaStats } from '../../../bench/peers/host-cpu.ts';

type Quota = [string, { periods: number; ms: number }][];

// user nice system idle iowait irq softirq steal, in clock ticks (100 a second).
const at = (ms: number, total: number[], byProcess: [string, number][], quota: Quota = []) => ({
  at: ms,
  total,
  byProcess: new Map(byProcess),
  quota: new Map(quota),
});

describe('cpuUse', () => {
  const a = at(
    0,
    [100, 0, 100, 1000, 0, 0, 0, 0],
    [
      ['10:containerd-shim', 50],
      ['11:containerd-shim', 10],
      ['12:tmux: server', 5],
      ['13:kworker/u8:2', 0],
    ],
  );
  const b = at(
    10_000,
    [300, 0, 300, 2400, 100, 0, 0, 0],
    [
      ['10:containerd-shim', 250],
      ['11:containerd-shim', 110],
      ['12:tmux: server', 55],
      ['14:kworker/u8:3', 900],
    ],
  );

  test('returns the idle share of all cores, iowait counted as idle', () => {
    assert.equal(cpuUse(a, b, []).idlePct, (1500 / 1900) * 100);
  });

  test('returns processes summed by name in % of one core, busiest first', () => {
    assert.deepEqual(cpuUse(a, b, []).top, [
      { name: 'containerd-shim', pct: 30 },
      { name: 'tmux: server', pct: 5 },
    ]);
  });

  test('returns no share for a process that was not alive at both ends', () => {
    assert.ok(!cpuUse(a, b, []).top.some((p) => p.name.startsWith('kworker')));
  });

  test('returns the exec starts within the interval per second', () => {
    assert.equal(cpuUse(a, b, [-5, 0, 2500, 9999, 10_000, 10_001]).execsPerS, 0.4);
  });

  test('returns the sandboxes’ throttling per second, counting only those alive at both ends', () => {
    const before = at(
      0,
      [0],
      [],
      [
        ['a', { periods: 1, ms: 40 }],
        ['gone', { periods: 9, ms: 900 }],
      ],
    );
    const after = at(
      2000,
      [0],
      [],
      [
        ['a', { periods: 5, ms: 200 }],
        ['new', { periods: 7, ms: 700 }],
      ],
    );
    assert.deepEqual(cpuUse(before, after, []).throttled, { periods: 2, ms: 80 });
  });
});

describe('quotaStats', () => {
  test('returns each sandbox cgroup’s throttled periods and ms, skipping other entries', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'quota-'));
    const id = 'a'.repeat(64);
    mkdirSync(path.join(root, id));
    mkdirSync(path.join(root, 'not-a-sandbox'));
    const stat = 'nr_periods 528\nnr_throttled 43\nthrottled_time 1545825225\n';
    writeFileSync(path.join(root, id, 'cpu.stat'), stat);
    try {
      assert.deepEqual([...quotaStats(root)], [[id, { periods: 43, ms: 1545.825225 }]]);
    } finally {
      rmSync(root, { recursive: true });
    }
  });

  test('returns nothing where the host has no sandbox cgroups', () => {
    assert.equal(quotaStats('/nonexistent/cgroup').size, 0);
  });
});
