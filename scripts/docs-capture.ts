/**
 * Captures the real terminal output every chapter shows: starts a fresh
 * sandbox per chapter through the project's Docker driver, runs the chapter's
 * scenario (scripts/docs-capture/scenarios.ts), and stores one transcript per
 * step plus a manifest of hashes and commands. Pages never contain typed-in
 * output; they include these files.
 *
 *   node_modules/.bin/node scripts/docs-capture.ts            every chapter
 *   node_modules/.bin/node scripts/docs-capture.ts bridge     only the named chapters
 */
import { loadConfig } from '../server/config.ts';
import { DockerDriver, driverOptions } from '../server/sandbox/docker-driver.ts';
import { runScenario } from './docs-capture/run.ts';
import { SCENARIOS } from './docs-capture/scenarios.ts';
import { writeChapter, type CapturedStep } from './docs-capture/store.ts';
import type { Scenario } from './docs-capture/types.ts';

/** At most this many sandboxes of ours at once: the machine is shared. */
const PARALLEL = 2;
/** A sandbox removed under us (another server's reaper) is worth another go. */
const ATTEMPTS = 3;

// Our own instance name: a lab server starting on the same engine removes only its own sandboxes.
const driver = new DockerDriver(
  driverOptions(loadConfig({ ...process.env, INSTANCE: 'docs-capture' })),
);

function selected(names: readonly string[]): Scenario[] {
  if (names.length === 0) return [...SCENARIOS];
  const known = SCENARIOS.map((s) => s.chapter);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new Error(
      `unknown chapter(s) ${unknown.join(', ')}; expected one of ${known.join(', ')}`,
    );
  }
  return SCENARIOS.filter((s) => names.includes(s.chapter));
}

/** A failure caused by the sandbox vanishing, not by the scenario. */
function sandboxGone(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error);
  return /no such container|exited during start|is not running|HTTP code 404|HTTP code 409/i.test(
    text,
  );
}

async function capture(scenario: Scenario): Promise<CapturedStep[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const started = performance.now();
      const steps = await runScenario(driver, scenario);
      console.log(
        `${scenario.chapter}: ${steps.length} steps in ${Math.round(performance.now() - started)} ms`,
      );
      return steps;
    } catch (error) {
      if (attempt >= ATTEMPTS || !sandboxGone(error)) throw error;
      console.warn(`${scenario.chapter}: the sandbox went away (${String(error)}); trying again`);
    }
  }
}

async function main(names: readonly string[]): Promise<void> {
  const queue = selected(names);
  const failures: string[] = [];
  const worker = async (): Promise<void> => {
    for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
      try {
        writeChapter(scenario.chapter, await capture(scenario));
      } catch (error) {
        failures.push(
          `${scenario.chapter}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (failures.length > 0) {
    console.error(`\n${failures.length} chapter(s) not captured (their old captures are kept):\n`);
    console.error(failures.join('\n\n'));
    process.exitCode = 1;
  }
}

await main(process.argv.slice(2));
