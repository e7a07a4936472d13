/**
 * cpuUse: the density bench's account of where the CPU went between two
 * snapshots of /proc.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuUse } from '../../../bench/peers/host-cpu.ts';

// user nice system idle iowait irq softirq steal, in clock ticks (100 a second).
const at = (ms: number, total: number[], byProcess: [string, number][]) => ({
  at: ms,
  total,
  byProcess: new Map(byProcess),
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
});
