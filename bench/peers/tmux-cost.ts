/**
 * tmux's cost in isolation (bench/peers/tmux-cost.sh in a container of the
 * sandbox image, no lab server, no websocket): the ceiling that `cat` through
 * a Netlab terminal cannot pass while tmux holds the shell; and what tmux's
 * settings change of it (the same script's `options`).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { sandboxSocket } from '../../tests/integration/helpers/docker.ts';
import { percentile, range, type Row } from '../stats.ts';

const WAYS: Record<string, string> = {
  'dev-null': 'cat to /dev/null',
  pty: 'through one pty (script), no tmux',
  'tmux-no-client': 'into a tmux pane, no client attached',
  'tmux-client': 'into a tmux pane, a client attached on a pty',
};

const OPTIONS: Record<string, string> = {
  default: "the sandbox's tmux.conf",
  'history-0': 'history-limit 0 (5000 in tmux.conf)',
  'history-2000': 'history-limit 2000',
  'no-rename-no-monitor': 'automatic-rename, allow-rename, monitor-* off',
  '200-columns': 'a pane of 200 columns (80 in the others)',
  'slow-reader': 'the client read 4 KiB every 10 ms',
};

/** Runs tmux-cost.sh (its ways, or its `options`) in a throwaway container of the sandbox image: MB/s per way, per round. */
function inSandboxImage(rounds: number, mode?: 'options'): Map<string, number[]> {
  const image = process.env.SANDBOX_IMAGE ?? 'netlab/sandbox:latest';
  const file = path.join(import.meta.dirname, 'tmux-cost.sh');
  const args = [
    ...['-H', `unix://${sandboxSocket}`, 'run', '--rm', '-v', `${file}:/bench.sh:ro`],
    ...['--entrypoint', 'bash', image, '/bench.sh', String(rounds), ...(mode ? [mode] : [])],
  ];
  const out = execFileSync('docker', args, { encoding: 'utf8', timeout: 600_000 });
  const samples = new Map<string, number[]>();
  for (const line of out.trim().split('\n')) {
    const [way, mbs] = line.split(' ');
    if (way && mbs) samples.set(way, [...(samples.get(way) ?? []), Number(mbs)]);
  }
  return samples;
}

const spread = (v: number[]) => `${percentile(v, 50).toFixed(1)} MB/s (${range(v)})`;

export function tmuxCost(rounds: number): Row[] {
  const samples = inSandboxImage(rounds);
  return Object.entries(WAYS).map(([way, measure]) => ({
    measure: `50 MB ${measure}: p50 (min–max)`,
    value: spread(samples.get(way) ?? []),
    target: '',
  }));
}

export function tmuxOptions(rounds: number): Row[] {
  const samples = inSandboxImage(rounds, 'options');
  const base = percentile(samples.get('default') ?? [], 50);
  return Object.entries(OPTIONS).map(([variant, measure]) => {
    const v = samples.get(variant) ?? [];
    return {
      measure: `50 MB into a pane with a client, ${measure}: p50 (min–max); ÷ default`,
      value: `${spread(v)}; ${(percentile(v, 50) / base).toFixed(2)}`,
      target: '',
    };
  });
}
