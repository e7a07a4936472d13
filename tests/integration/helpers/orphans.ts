/**
 * Sandboxes that test drivers left behind. A test or ad-hoc script killed
 * before its `destroy` leaves its sandbox running under the instance name
 * `test-driver-<pid>`, and no lab server ever sweeps that instance.
 */
import { docker } from './docker.ts';

const INSTANCE = /^test-driver-(\d+)$/;

/**
 * The IDs among `docker ps` rows ("<id> <instance>") whose test driver's
 * process is gone.
 */
export function orphanedSandboxes(rows: string, alive: (pid: number) => boolean): string[] {
  return rows
    .split('\n')
    .map((row) => row.trim().split(/\s+/))
    .filter(([id, instance]) => {
      const pid = INSTANCE.exec(instance ?? '')?.[1];
      return id && pid && !alive(Number(pid));
    })
    .map(([id]) => id as string);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is only not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the sandboxes of test drivers whose process is gone; returns their
 * IDs. An engine that cannot be asked is left for the caller's own use of it
 * to report, with the driver's named error.
 */
export function reapOrphans(): string[] {
  const format = '{{.ID}} {{.Label "netlab.instance"}}';
  let rows: string;
  try {
    rows = docker('ps', '-a', '--filter', 'label=netlab.role=sandbox', '--format', format);
  } catch {
    return [];
  }
  const orphans = orphanedSandboxes(rows, processAlive);
  if (orphans.length) docker('rm', '-f', '-v', ...orphans);
  return orphans;
}
