/**
 * `netlab lab record <id>… --out <dir>`: records what a real sandbox answers
 * the grader for each lab, fresh (after setup) and solved (after
 * solution.sh), as <dir>/<lab>-fresh.json and <dir>/<lab>-solved.json. Unit
 * tests replay these (probes/recording.ts) instead of talking to Docker.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkTasks,
  readAnswer,
  execInSandbox,
  type Exec,
  recordingExec,
  type Recording,
} from '../grading/grader.ts';
import { type Lab, type Params, runSetup } from '../labs.ts';
import type { SandboxDriver } from '../sandbox/driver.ts';
import { runScript } from './lab-test.ts';

/** Records one lab in a fresh sandbox; writes two files into `outDir`. */
export async function recordLab(
  driver: SandboxDriver,
  lab: Lab,
  solution: string,
  params: Params,
  outDir: string,
): Promise<string[]> {
  const { containerId } = await driver.create(`record-${lab.id}-${randomBytes(4).toString('hex')}`);
  try {
    const exec = execInSandbox(driver, containerId);
    await runSetup((cmd, o) => driver.exec(containerId, cmd, o), lab, params);
    const fresh = await record(exec, lab, params);
    const failed = await runScript(driver, containerId, solution, params);
    if (failed !== null) throw new Error(`${lab.id}: solution.sh failed: ${failed}`);
    const solved = await record(exec, lab, params);
    mkdirSync(outDir, { recursive: true });
    return [save(outDir, lab, 'fresh', params, fresh), save(outDir, lab, 'solved', params, solved)];
  } finally {
    await driver.destroy(containerId);
  }
}

async function record(exec: Exec, lab: Lab, params: Params): Promise<Recording> {
  const recording: Recording = { world: [], active: [] };
  const recorder = recordingExec(exec, recording);
  await checkTasks(recorder, lab, params, { locale: 'en' });
  for (const task of lab.tasks) await readAnswer(recorder, task, params);
  return recording;
}

function save(dir: string, lab: Lab, state: string, params: Params, recording: Recording) {
  const file = path.join(dir, `${lab.id}-${state}.json`);
  const sortByKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
  const data = {
    lab: lab.id,
    state,
    params,
    world: [...recording.world].sort(sortByKey),
    active: [...recording.active].sort(sortByKey),
  };
  writeFileSync(file, `${JSON.stringify(data, null, 1)}\n`);
  return file;
}
