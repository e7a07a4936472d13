/**
 * A lab's setup: its commands run in order in a fresh sandbox, with the
 * session's parameters filled in, before the reader gets the machine.
 */
import type { Lab } from './schema.ts';
import { substitute } from './params.ts';

const SETUP_TIMEOUT_MS = 60_000;

/** Runs one command in the sandbox being set up (a session's exec, bound to its machine). */
export type SetupExec = (
  cmd: string[],
  options: { timeoutMs: number; maxBytes: number },
) => Promise<{ exitCode: number; stdout: string; stderr: string }>;

/** Runs a lab's setup commands in order; throws with the failing step and its last output. */
export async function runSetup(
  exec: SetupExec,
  lab: Pick<Lab, 'setup'>,
  params: Record<string, string>,
): Promise<void> {
  for (const template of lab.setup) {
    const command = substitute(template, params);
    const result = await exec(['sh', '-c', command], {
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
