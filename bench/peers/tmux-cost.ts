/**
 * tmux's cost in isolation (bench/peers/tmux-cost.sh in a container of the
 * sandbox image, no lab server, no websocket): the ceiling that `cat` through
 * a Netlab terminal cannot pass while tmux holds the shell.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { sandboxSocket } from '../../tests/integration/helpers/docker.ts';
import { percentile, type Row } from '../stats.ts';

const WAYS: Record<string, string> = {
  'dev-null': 'cat to /dev/null',
  pty: 'through one pty (script), no tmux',
  'tmux-no-client': 'into a tmux pane, no client attached',
  'tmux-client': 'into a tmux pane, a client attached on a pty',
};

export function tmuxCost(rounds: number): Row[] {
  const image = process.env.SANDBOX_IMAGE ?? 'netlab/sandbox:latest';
  const script = path.join(import.meta.dirname, 'tmux-cost.sh');
  const args = [
    ...['-H', `unix://${sandboxSocket}`, 'run', '--rm', '-v', `${script}:/bench.sh:ro`],
    ...['--entrypoint', 'bash', image, '/bench.sh', String(rounds)],
  ];
  const out = execFileSync('docker', args, { encoding: 'utf8', timeout: 600_000 });
  const samples = new Map<string, number[]>();
  for (const line of out.trim().split('\n')) {
    const [way, mbs] = line.split(' ');
    if (way && mbs) samples.set(way, [...(samples.get(way) ?? []), Number(mbs)]);
  }
  return Object.entries(WAYS).map(([way, measure]) => {
    const v = samples.get(way) ?? [];
    return {
      measure: `50 MB ${measure}: p50 (min–max)`,
      value: `${percentile(v, 50).toFixed(1)} MB/s (${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)})`,
      target: '',
    };
  });
}
