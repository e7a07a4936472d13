/**
 * `netlab lab test`: proves a lab's checks on real sandboxes. In a fresh
 * sandbox after setup every task must fail (nothing passes by accident); after
 * solution.sh every task must pass, and each answer task must accept the
 * live-computed right value and refuse a plausible wrong one; each alternative
 * solution, in a fresh sandbox with other parameters, must pass the same way
 * and give other right answers (an answer that is the same everywhere proves
 * nothing); each near miss, in a fresh sandbox of its own, must fail its task
 * with the expected words. Each sandbox keeps its evidence log, as a session does.
 * A script cut into stages (`# checkpoint`) is checked after each stage too, and
 * its results merge as a session's do: a task that passed stays passed unless it
 * is live. Scripts marked `# only: <generation>` run on that generation alone.
 */
import { randomBytes } from 'node:crypto';
import { checkTasks, EvidenceLog, execInSandbox, type Exec } from '../grading/grader.ts';
import { DEFAULT_GENERATION, type Generation } from '../generations.ts';
import {
  type Lab,
  chooseParams,
  seededRandom,
  substitute,
  type Params,
  runSetup,
} from '../labs.ts';
import type { TaskResult } from '../protocol.ts';
import { onGeneration, type SandboxDriver } from '../sandbox/driver.ts';
import { mergeResults } from '../sessions/results.ts';
import {
  SCRIPT_PRELUDE,
  stagesOf,
  type Alternative,
  type LabFiles,
  type NearMiss,
} from './lab-files.ts';
import { after, answersDiffer, before, row, type Solved, type TestRow } from './lab-test/steps.ts';
import { inPool } from './pool.ts';

export type { TestRow } from './lab-test/steps.ts';

export interface LabTestResult {
  rows: TestRow[];
  /** Durations of checking every task of the solved lab (ms), for the p50 report. */
  checkTimesMs: number[];
}

const SCRIPT_TIMEOUT_MS = 180_000;
const TIMING_RUNS = 5;

/**
 * Runs the whole test of one lab on one Docker generation (by default the
 * driver's default): the solved run alone, then the others `parallel` at a time.
 */
export async function testLab(
  anyDriver: SandboxDriver,
  lab: Lab,
  files: LabFiles,
  params: Params,
  options: { parallel?: number; generation?: Generation } = {},
): Promise<LabTestResult> {
  const { parallel = 2, generation } = options;
  const driver = generation ? onGeneration(anyDriver, generation) : anyDriver;
  const here = (script: { only: string | undefined }): boolean =>
    script.only === undefined || script.only === (generation ?? DEFAULT_GENERATION);
  const times: number[] = [];
  // The solved run goes alone, so its check timings are not slowed by other sandboxes.
  const main = await mainRun(driver, lab, files, params, times);
  const other = otherParams(lab, params);
  const jobs = [
    ...files.alternatives
      .filter(here)
      .map((alt) => () => alternativeRun(driver, lab, alt, other, main.solved)),
    ...files.nearMisses.filter(here).map((miss) => () => nearMissRun(driver, lab, miss, params)),
  ];
  const rows = (await inPool(jobs, parallel)).flat();
  return { rows: [...main.rows, ...rows], checkTimesMs: times };
}

/** Parameters that differ from `params` where the lab has any choice (deterministic). */
export function otherParams(lab: Lab, params: Params): Params {
  const key = JSON.stringify(params);
  for (let i = 0; i < 50; i++) {
    const next = chooseParams(lab, seededRandom(`${key}/other/${i}`));
    if (Object.entries(next).every(([k, v]) => params[k] !== v)) return next;
  }
  return chooseParams(lab, seededRandom(`${key}/other`));
}

/** Creates a sandbox, runs `body` in it, and always removes it. */
async function inSandbox<T>(
  driver: SandboxDriver,
  lab: Lab,
  step: string,
  body: (id: string, exec: Exec) => Promise<T>,
  failed: (rows: TestRow[]) => T,
): Promise<T> {
  let id: string | null = null;
  try {
    id = (await driver.create(`labtest-${lab.id}-${randomBytes(4).toString('hex')}`)).containerId;
    return await body(id, execInSandbox(driver, id));
  } catch (error) {
    return failed([row(lab, step, '-', false, describe(error))]);
  } finally {
    if (id !== null) await driver.destroy(id);
  }
}

async function mainRun(
  driver: SandboxDriver,
  lab: Lab,
  files: LabFiles,
  params: Params,
  times: number[],
): Promise<{ rows: TestRow[]; solved: Solved | null }> {
  return inSandbox(
    driver,
    lab,
    'setup',
    async (id, exec) => {
      const evidence = new EvidenceLog();
      await runSetup((cmd, o) => driver.exec(id, cmd, o), lab, params);
      const rows = await before(exec, lab, params, evidence);
      const ran = await runStages(driver, id, lab, files.solution ?? '', params, evidence);
      if (typeof ran === 'string')
        return { rows: [...rows, row(lab, 'solution', '-', false, ran)], solved: null };
      const solved = await after(exec, lab, params, evidence, 'after', ran);
      for (let i = 0; i < TIMING_RUNS; i++) {
        const started = performance.now();
        await checkTasks(exec, lab, params, { locale: 'en', evidence });
        times.push(performance.now() - started);
      }
      return { rows: [...rows, ...solved.rows], solved };
    },
    (rows) => ({ rows, solved: null }),
  );
}

async function alternativeRun(
  driver: SandboxDriver,
  lab: Lab,
  alt: Alternative,
  params: Params,
  main: Solved | null,
): Promise<TestRow[]> {
  const step = `alternative ${alt.name}`;
  return inSandbox(
    driver,
    lab,
    step,
    async (id, exec) => {
      await runSetup((cmd, o) => driver.exec(id, cmd, o), lab, params);
      const evidence = new EvidenceLog();
      const ran = await runStages(driver, id, lab, alt.script, params, evidence);
      if (typeof ran === 'string') return [row(lab, step, '-', false, ran)];
      const solved = await after(exec, lab, params, evidence, step, ran);
      return [...solved.rows, ...(main ? answersDiffer(lab, step, main, solved) : [])];
    },
    (rows) => rows,
  );
}

async function nearMissRun(
  driver: SandboxDriver,
  lab: Lab,
  miss: NearMiss,
  params: Params,
): Promise<TestRow[]> {
  const step = `near-miss ${miss.name}`;
  return inSandbox(
    driver,
    lab,
    step,
    async (id, exec) => {
      await runSetup((cmd, o) => driver.exec(id, cmd, o), lab, params);
      const evidence = new EvidenceLog();
      const ran = await runStages(driver, id, lab, miss.script, params, evidence);
      if (typeof ran === 'string') return [row(lab, step, '-', false, ran)];
      const results = mergeResults(
        lab,
        ran,
        await checkTasks(exec, lab, params, { locale: 'en', evidence }),
      );
      return miss.expects.map(({ task, text }) => {
        const r = results.find((x) => x.id === task);
        const said = r?.detail ? `${r.detail.expected} / ${r.detail.actual}` : '';
        const want = substitute(text, params);
        const ok = r?.passed === false && said.includes(want);
        const note = r?.passed
          ? 'passes, but must fail'
          : ok
            ? said
            : `detail lacks "${want}": ${said}`;
        return row(lab, step, task, ok, note);
      });
    },
    (rows) => rows,
  );
}

/**
 * Runs a script stage by stage, checking the lab after every stage but the
 * last; the results so far, merged as a session merges them, or what failed.
 */
async function runStages(
  driver: SandboxDriver,
  id: string,
  lab: Lab,
  script: string,
  params: Params,
  evidence: EvidenceLog,
): Promise<TaskResult[] | string> {
  const stages = stagesOf(script);
  let results: TaskResult[] = [];
  for (const [i, stage] of stages.entries()) {
    const ran = await runScript(driver, id, stage, params);
    if (ran !== null) return stages.length > 1 ? `stage ${i + 1}: ${ran}` : ran;
    if (i < stages.length - 1) {
      const fresh = await checkTasks(execInSandbox(driver, id), lab, params, {
        locale: 'en',
        evidence,
      });
      results = mergeResults(lab, results, fresh);
    }
  }
  return results;
}

/**
 * Runs a script with sh as root, parameters as environment variables and the
 * `typed` helper defined; null when it succeeded.
 */
export async function runScript(
  driver: SandboxDriver,
  id: string,
  script: string,
  params: Params,
): Promise<string | null> {
  const env = Object.entries(params).map(([k, v]) => `${k}=${v}`);
  const r = await driver.exec(id, ['env', ...env, 'sh', '-s'], {
    timeoutMs: SCRIPT_TIMEOUT_MS,
    maxBytes: 64 * 1024,
    stdin: `${SCRIPT_PRELUDE}${script}`,
  });
  if (r.exitCode === 0) return null;
  const tail = (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ');
  return `script exited with ${r.exitCode}${r.timedOut ? ' (timed out)' : ''}: ${tail}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
