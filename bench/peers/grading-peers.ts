/**
 * Grading side by side, with the same verdicts: Netlab reads the whole world
 * once per check-all (one batched exec); the peer checks task by task, one
 * `docker exec` of a verify script each, as Killercoda and Instruqt run their
 * verify scripts — here each task's own slice of the same read, so that both
 * judge alike and only the way of asking differs. On a fresh sandbox (the
 * reader's usual case: checks failing, probes timing out) and a solved one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkTasks, EvidenceLog } from '../../server/grading/grader.ts';
import { chooseParams, loadLabs, runSetup, seededRandom } from '../../server/labs.ts';
import type { Lab, Params } from '../../server/labs.ts';
import { execInSandbox, type Exec } from '../../server/grading/grader.ts';
import { SCRIPT_PRELUDE } from '../../server/cli/lab-files.ts';
import { testDriver } from '../../tests/integration/helpers/driver.ts';

const root = path.resolve(import.meta.dirname, '../..');

export interface GradingTimes {
  lab: string;
  netlab: { fresh: number[]; solved: number[] };
  perTask: { fresh: number[]; solved: number[] };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** The per-task peer: every task with checks asked on its own, one after the other. */
async function perTask(exec: Exec, lab: Lab, params: Params): Promise<void> {
  for (const task of lab.tasks.filter((t) => t.kind !== 'answer'))
    await checkTasks(exec, lab, params, {
      task: task.id,
      locale: 'en',
      evidence: new EvidenceLog(),
    });
}

async function bothWays(exec: Exec, lab: Lab, params: Params, rounds: number) {
  const netlab: number[] = [];
  const peer: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const all = () => checkTasks(exec, lab, params, { locale: 'en', evidence: new EvidenceLog() });
    const each = () => perTask(exec, lab, params);
    // Alternating which goes first.
    if (round % 2) {
      peer.push(await timed(each));
      netlab.push(await timed(all));
    } else {
      netlab.push(await timed(all));
      peer.push(await timed(each));
    }
  }
  return { netlab, peer };
}

/** One lab, fresh then solved, in one sandbox. */
export async function gradeLab(lab: Lab, rounds: number): Promise<GradingTimes> {
  const driver = testDriver();
  const params = chooseParams(lab, seededRandom(`peers/${lab.id}`));
  const sandbox = await driver.create(`peers-grading-${lab.id}-${process.pid}`);
  try {
    const exec = execInSandbox(driver, sandbox.containerId);
    await runSetup((cmd, options) => driver.exec(sandbox.containerId, cmd, options), lab, params);
    const fresh = await bothWays(exec, lab, params, rounds);
    const env = Object.entries(params)
      .map(([k, v]) => `export ${k}='${v}';`)
      .join(' ');
    const solution = readFileSync(path.join(root, 'labs', lab.id, 'solution.sh'), 'utf8');
    const r = await driver.exec(
      sandbox.containerId,
      ['bash', '-c', `${env}\n${SCRIPT_PRELUDE}${solution}`],
      {
        timeoutMs: 180_000,
        maxBytes: 1 << 16,
      },
    );
    if (r.exitCode !== 0) throw new Error(`${lab.id}: the solution failed: ${r.stderr}`);
    const solved = await bothWays(exec, lab, params, rounds);
    return {
      lab: lab.id,
      netlab: { fresh: fresh.netlab, solved: solved.netlab },
      perTask: { fresh: fresh.peer, solved: solved.peer },
    };
  } finally {
    await driver.destroy(sandbox.containerId);
  }
}

export function courseLabs(): Lab[] {
  return loadLabs(path.join(root, 'labs'));
}
