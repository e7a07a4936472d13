/**
 * The `netlab lab …` commands: validate (the lab files, no Docker) and test
 * (every lab on real sandboxes). They print a report and return the exit code.
 */
import path from 'node:path';
import { loadLabs, LabError, type Lab, chooseParams, seededRandom } from '../labs.ts';
import type { Generation } from '../generations.ts';
import type { SandboxDriver } from '../sandbox/driver.ts';
import { problemsOf, readLabFiles } from './lab-files.ts';
import { testLab, type TestRow } from './lab-test.ts';
import { recordLab } from './record.ts';
import { median, renderTable } from './table.ts';

/** `lab validate [dir]`: loads every lab and checks its solution and near misses. */
export function validateCommand(labsDir: string): number {
  const labs = load(labsDir);
  if (!labs) return 1;
  let failures = 0;
  for (const lab of labs) {
    const files = readLabFiles(path.join(labsDir, lab.id));
    const problems = problemsOf(lab, files);
    failures += problems.length;
    const tasks = lab.tasks.map((t) => `${t.id}(${t.kind})`).join(' ');
    console.log(
      `${problems.length ? 'FAIL' : 'ok  '}  ${lab.id}  ${tasks}  alternatives: ${files.alternatives.length}  near-misses: ${files.nearMisses.length}`,
    );
    for (const problem of problems) console.log(`      ${problem}`);
  }
  console.log(failures ? `\n${failures} problem(s)` : `\n${labs.length} labs valid`);
  return failures ? 1 : 0;
}

export interface TestOptions {
  labsDir: string;
  /** Lab ids, or null for all. */
  ids: string[] | null;
  seed: string;
  driver: SandboxDriver;
  /** The Docker generations to test on, each in turn. */
  generations: readonly Generation[];
}

/** `lab test <id>|--all`: runs each lab's test, labs one after another; prints a table. */
export async function testCommand(options: TestOptions): Promise<number> {
  const labs = load(options.labsDir);
  if (!labs) return 1;
  const unknown = (options.ids ?? []).filter((id) => !labs.some((l) => l.id === id));
  if (unknown.length) {
    console.error(
      `netlab: no lab named ${unknown.join(', ')} (labs: ${labs.map((l) => l.id).join(', ')})`,
    );
    return 1;
  }
  const chosen = labs.filter((l) => options.ids === null || options.ids.includes(l.id));
  const rows: (TestRow & { generation: Generation })[] = [];
  const timing: string[][] = [];
  for (const generation of options.generations) {
    for (const lab of chosen) {
      const params = chooseParams(lab, seededRandom(`${options.seed}/${lab.id}`));
      const shown =
        Object.entries(params)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ') || 'no params';
      console.error(`netlab: testing ${lab.id} on ${generation} (${shown})`);
      const started = Date.now();
      const result = await testLab(
        options.driver,
        lab,
        readLabFiles(path.join(options.labsDir, lab.id)),
        params,
        { generation },
      );
      rows.push(...result.rows.map((r) => ({ ...r, generation })));
      const p50 = Math.round(median(result.checkTimesMs));
      timing.push([
        lab.id,
        generation,
        `${p50} ms`,
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
      ]);
    }
  }
  console.log(
    renderTable(
      ['LAB', 'DOCKER', 'STEP', 'TASK', 'RESULT', 'NOTE'],
      rows.map((r) => [r.lab, r.generation, r.step, r.task, r.ok ? 'ok' : 'FAIL', r.note]),
    ),
  );
  console.log(`\n${renderTable(['LAB', 'DOCKER', 'CHECK ALL p50', 'TEST TIME'], timing)}`);
  const failed = rows.filter((r) => !r.ok).length;
  console.log(`\n${failed ? `${failed} FAILED` : 'all passed'} (seed ${options.seed})`);
  return failed ? 1 : 0;
}

function load(labsDir: string): Lab[] | null {
  try {
    return loadLabs(labsDir);
  } catch (error) {
    if (!(error instanceof LabError)) throw error;
    console.error(error.message);
    return null;
  }
}

export interface RecordOptions {
  labsDir: string;
  ids: string[] | null;
  seed: string;
  outDir: string;
  driver: SandboxDriver;
}

/** `lab record <id>|--all --out <dir>`: saves real sandbox answers for the unit tests. */
export async function recordCommand(options: RecordOptions): Promise<number> {
  const labs = load(options.labsDir);
  if (!labs) return 1;
  for (const lab of labs.filter((l) => options.ids === null || options.ids.includes(l.id))) {
    const params = chooseParams(lab, seededRandom(`${options.seed}/${lab.id}`));
    const solution = readLabFiles(path.join(options.labsDir, lab.id)).solution ?? '';
    for (const file of await recordLab(options.driver, lab, solution, params, options.outDir))
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  return 0;
}
