/** A DockerDriver on the local engine with the default sandbox limits, for tests. */
import { loadConfig } from '../../../server/config.ts';
import { DockerDriver, driverOptions } from '../../../server/sandbox/docker-driver.ts';
import { reapOrphans } from './orphans.ts';

/** Also removes what earlier, killed test drivers left on the engine. */
export function testDriver(env: Record<string, string> = {}): DockerDriver {
  reapOrphans();
  const config = loadConfig({ ...process.env, INSTANCE: `test-driver-${process.pid}`, ...env });
  return new DockerDriver(driverOptions(config));
}

/** Runs `sh -c command` in a sandbox and returns stdout, failing on a non-zero exit. */
export async function sh(
  driver: DockerDriver,
  containerId: string,
  command: string,
  timeoutMs = 30_000,
): Promise<string> {
  const r = await driver.exec(containerId, ['sh', '-c', command], { timeoutMs, maxBytes: 1 << 20 });
  if (r.exitCode !== 0)
    throw new Error(`\`${command}\` exited ${r.exitCode}: ${r.stderr || r.stdout}`);
  return r.stdout;
}
