/**
 * `netlab lab test`: proves a lab's checks on real sandboxes. In a fresh
 * sandbox after setup every task must fail (nothing passes by accident); after
 * solution.sh every task must pass, and each answer task must accept the
 * live-computed right value and refuse a plausible wrong one; each near miss,
 * in a fresh sandbox of its own, must fail its task with the expected words.
 */
import { randomBytes } from 'node:crypto';
import { checkAnswer, checkTasks } from '../grading/grader.ts';
import { plausiblyWrong, readAnswer } from '../grading/grader/answer.ts';
import type { Lab, LabTask } from '../grading/lab-schema.ts';
import { substitute, type Params } from '../grading/params.ts';
import { execInSandbox, valueKindOf, type Exec } from '../grading/probes.ts';
import type { SandboxDriver } from '../sandbox/driver.ts';
import { runSetup } from '../sessions/setup.ts';
import type { LabFiles, NearMiss } from './lab-files.ts';
import { inPool } from './pool.ts';

/** One line of the report. */
export interface TestRow {
  lab: string;
  /** "setup", "before", "after", "answer", or "near-miss <file>". */
  step: string;
  task: string;
  ok: boolean;
  note: string;
}

export interface LabTestResult {
  rows: TestRow[];
  /** Durations of checking every task of the solved lab (ms), for the p50 report. */
  checkTimesMs: number[];
}

const SCRIPT_TIMEOUT_MS = 180_000;
const TIMING_RUNS = 5;

/** Runs the whole test of one lab: the solved run alone, then near misses `parallel` at a time. */
export async function testLab(
  driver: SandboxDriver,
  lab: Lab,
  files: LabFiles,
  params: Params,
  parallel = 2,
): Promise<LabTestResult> {
  const times: number[] = [];
  // The solved run goes alone, so its check timings are not slowed by other sandboxes.
  const main = await mainRun(driver, lab, files, params, times);
  const jobs = files.nearMisses.map((miss) => () => nearMissRun(driver, lab, miss, params));
  const rows = (await inPool(jobs, parallel)).flat();
  return { rows: [...main, ...rows], checkTimesMs: times };
}

/** Creates a sandbox, runs `body` in it, and always removes it. */
async function inSandbox(
  driver: SandboxDriver,
  lab: Lab,
  step: string,
  body: (id: string, exec: Exec) => Promise<TestRow[]>,
): Promise<TestRow[]> {
  let id: string | null = null;
  try {
    id = (await driver.create(`labtest-${lab.id}-${randomBytes(4).toString('hex')}`)).containerId;
    return await body(id, execInSandbox(driver, id));
  } catch (error) {
    return [row(lab, step, '-', false, describe(error))];
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
): Promise<TestRow[]> {
  return inSandbox(driver, lab, 'setup', async (id, exec) => {
    await runSetup(driver, id, lab, params);
    const rows = await before(exec, lab, params);
    const ran = await runScript(driver, id, files.solution ?? '', params);
    if (ran !== null) return [...rows, row(lab, 'solution', '-', false, ran)];
    rows.push(...(await after(exec, lab, params, times)));
    return rows;
  });
}

async function before(exec: Exec, lab: Lab, params: Params): Promise<TestRow[]> {
  const results = await checkTasks(exec, lab, params, { locale: 'en' });
  const rows: TestRow[] = [];
  for (const task of lab.tasks) {
    if (task.kind === 'answer') {
      const reading = await readAnswer(exec, task, params);
      const value = reading?.value ?? null;
      rows.push(
        row(
          lab,
          'before',
          task.id,
          value === null,
          value === null ? 'no answer yet' : `right answer already readable: ${value}`,
        ),
      );
      continue;
    }
    const r = results.find((x) => x.id === task.id);
    rows.push(
      row(
        lab,
        'before',
        task.id,
        r?.passed === false,
        r?.passed ? 'passes before the solution' : (r?.detail?.actual ?? ''),
      ),
    );
  }
  return rows;
}

async function after(exec: Exec, lab: Lab, params: Params, times: number[]): Promise<TestRow[]> {
  const results = await checkTasks(exec, lab, params, { locale: 'en' });
  const rows: TestRow[] = [];
  for (const task of lab.tasks) {
    if (task.kind === 'answer') {
      rows.push(...(await answerRows(exec, lab, task, params)));
      continue;
    }
    const r = results.find((x) => x.id === task.id);
    const why = r?.detail ? `${r.detail.expected} / ${r.detail.actual}` : 'passes';
    rows.push(row(lab, 'after', task.id, r?.passed === true, why));
  }
  for (let i = 0; i < TIMING_RUNS; i++) {
    const started = performance.now();
    await checkTasks(exec, lab, params, { locale: 'en' });
    times.push(performance.now() - started);
  }
  return rows;
}

async function answerRows(exec: Exec, lab: Lab, task: LabTask, params: Params): Promise<TestRow[]> {
  const reading = await readAnswer(exec, task, params);
  const right = reading?.value ?? null;
  if (right === null || !task.answer)
    return [row(lab, 'answer', task.id, false, `no right answer: ${reading?.actual.en ?? '?'}`)];
  const wrong = plausiblyWrong(valueKindOf(task.answer), right);
  const yes = await checkAnswer(exec, lab, params, task.id, right, 'en');
  const no = await checkAnswer(exec, lab, params, task.id, wrong, 'en');
  return [
    row(
      lab,
      'answer',
      task.id,
      yes.passed,
      `right "${right}" ${yes.passed ? 'accepted' : `refused: ${yes.detail?.actual ?? ''}`}`,
    ),
    row(
      lab,
      'answer',
      task.id,
      !no.passed,
      `wrong "${wrong}" ${no.passed ? 'accepted' : 'refused'}`,
    ),
  ];
}

async function nearMissRun(
  driver: SandboxDriver,
  lab: Lab,
  miss: NearMiss,
  params: Params,
): Promise<TestRow[]> {
  const step = `near-miss ${miss.name}`;
  return inSandbox(driver, lab, step, async (id, exec) => {
    await runSetup(driver, id, lab, params);
    const ran = await runScript(driver, id, miss.script, params);
    if (ran !== null) return [row(lab, step, '-', false, ran)];
    const results = await checkTasks(exec, lab, params, { locale: 'en' });
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
  });
}

/** Runs a script with sh as root, parameters as environment variables; null when it succeeded. */
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
    stdin: script,
  });
  if (r.exitCode === 0) return null;
  const tail = (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ');
  return `script exited with ${r.exitCode}${r.timedOut ? ' (timed out)' : ''}: ${tail}`;
}

function row(lab: Lab, step: string, task: string, ok: boolean, note: string): TestRow {
  return { lab: lab.id, step, task, ok, note };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
