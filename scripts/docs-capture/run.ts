/**
 * Runs one chapter's scenario in a fresh sandbox of one Docker generation and
 * checks every step: exit codes as declared, expected texts present. Nothing is
 * written here; a chapter is stored only when all its steps passed.
 */
import { randomBytes } from 'node:crypto';
import type { Generation } from '../../server/generations.ts';
import type { SandboxDriver } from '../../server/sandbox/driver.ts';
import type { CapturedStep } from './store.ts';
import { buildScript, formatTranscript, parseRun, splitCommands } from './transcript.ts';
import type { Scenario, Step } from './types.ts';
import { PROMPT, stepsFor } from './types.ts';

/** apt and docker build may take a while on a busy machine. */
const STEP_TIMEOUT_MS = 180_000;
const MAX_OUTPUT_BYTES = 1 << 20;

export class StepError extends Error {
  override name = 'StepError';
}

export async function runScenario(
  driver: SandboxDriver,
  scenario: Scenario,
  generation: Generation,
): Promise<CapturedStep[]> {
  const sessionId = `docs-${scenario.chapter}-${randomBytes(4).toString('hex')}`;
  const sandbox = await driver.create(sessionId, generation);
  try {
    const captured: CapturedStep[] = [];
    for (const step of stepsFor(scenario, generation)) {
      captured.push(
        await runStep(driver, sandbox.containerId, scenario.chapter, step).catch(
          (error: unknown) => {
            if (error instanceof StepError) error.message = `${generation}: ${error.message}`;
            throw error;
          },
        ),
      );
    }
    return captured;
  } finally {
    await driver.destroy(sandbox.containerId);
  }
}

async function runStep(
  driver: SandboxDriver,
  containerId: string,
  chapter: string,
  step: Step,
): Promise<CapturedStep> {
  const key = `${chapter}/${step.name}`;
  const commands = splitCommands(step.cmd);
  const result = await driver.exec(containerId, ['sh', '-c', buildScript(commands, step.before)], {
    timeoutMs: STEP_TIMEOUT_MS,
    maxBytes: MAX_OUTPUT_BYTES,
  });
  if (result.timedOut || result.truncated) {
    throw new StepError(
      `${key}: ${result.timedOut ? 'timed out' : 'output too large'}:\n${result.stdout}`,
    );
  }
  const runs = parseRun(result.stdout, commands);
  const transcript = formatTranscript(runs, PROMPT);
  runs.forEach((run, i) => {
    const mustFail = step.fails === true && i === runs.length - 1;
    if (mustFail !== (run.exitCode !== 0)) {
      throw new StepError(
        `${key}: \`${run.command}\` exited ${run.exitCode}, expected ${mustFail ? 'a failure' : '0'}:\n${transcript}`,
      );
    }
  });
  const output = runs.map((run) => run.output).join('');
  for (const text of step.expect ?? []) {
    if (!output.includes(text))
      throw new StepError(`${key}: expected "${text}" in:\n${transcript}`);
  }
  for (const text of step.reject ?? []) {
    if (output.includes(text))
      throw new StepError(`${key}: did not expect "${text}" in:\n${transcript}`);
  }
  return {
    key,
    transcript,
    entry: {
      command: step.cmd,
      before: step.before ?? null,
      exitCodes: runs.map((r) => r.exitCode),
    },
  };
}
