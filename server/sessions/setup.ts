import type { Lab } from '../grading/lab-schema.ts';
import { substitute } from '../grading/params.ts';
import type { SandboxDriver } from '../sandbox/driver.ts';

const SETUP_TIMEOUT_MS = 60_000;

/** Runs a lab's setup commands in order, with the session's parameters filled in. */
export async function runSetup(
  driver: SandboxDriver,
  containerId: string,
  lab: Lab,
  params: Record<string, string>,
): Promise<void> {
  for (const template of lab.setup) {
    const command = substitute(template, params);
    const result = await driver.exec(containerId, ['sh', '-c', command], {
      timeoutMs: SETUP_TIMEOUT_MS,
      maxBytes: 16 * 1024,
    });
    if (result.exitCode !== 0) {
      const said = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ');
      throw new Error(
        `lab setup step \`${command}\` failed with exit code ${result.exitCode}: ${said}`,
      );
    }
  }
}
