/**
 * Captures the real terminal output every chapter shows, in every Docker
 * generation: starts a fresh sandbox per chapter and generation through the
 * project's Docker driver, runs the chapter's scenario
 * (scripts/docs-capture/scenarios.ts), and stores one transcript per step plus
 * a manifest of hashes and commands per generation. Pages never contain
 * typed-in output; they include these files.
 *
 *   node_modules/.bin/node scripts/docs-capture.ts                         everything
 *   node_modules/.bin/node scripts/docs-capture.ts bridge                  the named chapters
 *   node_modules/.bin/node scripts/docs-capture.ts --generation docker-28  one generation
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { GENERATION_IDS, isGeneration, type Generation } from '../server/generations.ts';
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

async function capture(scenario: Scenario, generation: Generation): Promise<CapturedStep[]> {
  const what = `${generation} ${scenario.chapter}`;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const started = performance.now();
      const steps = await runScenario(driver, scenario, generation);
      console.log(
        `${what}: ${steps.length} steps in ${Math.round(performance.now() - started)} ms`,
      );
      return steps;
    } catch (error) {
      if (attempt >= ATTEMPTS || !sandboxGone(error)) throw error;
      console.warn(`${what}: the sandbox went away (${String(error)}); trying again`);
    }
  }
}

async function main(names: readonly string[], generations: readonly Generation[]): Promise<void> {
  const queue = generations.flatMap((generation) =>
    selected(names).map((scenario) => ({ scenario, generation })),
  );
  const failures: string[] = [];
  const worker = async (): Promise<void> => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { scenario, generation } = job;
      try {
        writeChapter(generation, scenario.chapter, await capture(scenario, generation));
      } catch (error) {
        failures.push(
          `${generation} ${scenario.chapter}: ${error instanceof Error ? error.message : String(error)}`,
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

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { generation: { type: 'string' } },
});
const only = values.generation;
if (only !== undefined && !isGeneration(only)) {
  throw new Error(`unknown generation ${only}; expected one of ${GENERATION_IDS.join(', ')}`);
}
await main(positionals, only === undefined ? GENERATION_IDS : [only]);
