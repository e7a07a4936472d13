/**
 * The files beside a lab.yaml that `netlab lab test` runs: solution.sh, the
 * alternatives/ scripts (other correct solutions, which must pass as well) and
 * the near-misses/ scripts, each near miss naming the task it must fail and the
 * words the failure must contain:
 *
 *   # expect: create-net: subnet of my_bridge2 is 192.168.{{octet}}.0/24
 *
 * An alternative or near miss that only one Docker generation can tell apart
 * says so, and runs only there:
 *
 *   # only: docker-28
 *
 * A script may be cut into stages with lines `# checkpoint`: the lab is checked
 * after each stage, as a session re-checks while the reader works, and a task
 * that passed stays passed unless it is live. (Each stage runs in a shell of
 * its own: a variable set in one is gone in the next.)
 *
 * Every script runs under `sh` as root with the session's parameters as
 * environment variables and the helper `typed LINE`, which runs a command line
 * the way a reader types it (an interactive bash reads it, so the terminal's
 * command recorder sees it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { GENERATION_IDS, isGeneration } from '../generations.ts';
import type { Lab } from '../labs.ts';
import { readSolution } from '../labs.ts';

/** One near-miss script and what it must make fail. */
export interface NearMiss {
  /** File name, e.g. "wrong-subnet.sh". */
  name: string;
  script: string;
  expects: { task: string; text: string }[];
  /** The one Docker generation it runs on (`# only:`); undefined: every one. */
  only: string | undefined;
}

/** Another correct solution. */
export interface Alternative {
  /** File name, e.g. "stop-and-start.sh". */
  name: string;
  script: string;
  /** The one Docker generation it runs on (`# only:`); undefined: every one. */
  only: string | undefined;
}

export interface LabFiles {
  solution: string | null;
  alternatives: Alternative[];
  nearMisses: NearMiss[];
}

export { SCRIPT_PRELUDE, stagesOf } from '../labs.ts';

/** Near misses and alternative solutions each lab must have at least. */
export const MIN_NEAR_MISSES = 2;
export const MIN_ALTERNATIVES = 1;

const EXPECT = /^#\s*expect:\s*([a-z0-9][a-z0-9-]*):\s*(.+?)\s*$/gm;
const ONLY = /^#\s*only:\s*(\S+)\s*$/m;

function onlyOf(script: string): string | undefined {
  return ONLY.exec(script)?.[1];
}

/** Reads solution.sh and near-misses/*.sh of the lab in `labDir`. */
export function readLabFiles(labDir: string): LabFiles {
  const solution = readSolution(path.dirname(labDir), path.basename(labDir));
  const nearDir = path.join(labDir, 'near-misses');
  const alternatives = scriptsIn(path.join(labDir, 'alternatives')).map((name) => {
    const script = readFileSync(path.join(labDir, 'alternatives', name), 'utf8');
    return { name, script, only: onlyOf(script) };
  });
  const nearMisses = scriptsIn(nearDir).map((name) => {
    const script = readFileSync(path.join(nearDir, name), 'utf8');
    const expects = [...script.matchAll(EXPECT)].map((m) => ({
      task: m[1] ?? '',
      text: m[2] ?? '',
    }));
    return { name, script, expects, only: onlyOf(script) };
  });
  return { solution, alternatives, nearMisses };
}

function scriptsIn(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.sh'))
    .sort();
}

/** What is wrong with a lab's files, in words; empty when they are fine. */
export function problemsOf(lab: Lab, files: LabFiles): string[] {
  const problems: string[] = [];
  if (files.solution === null || files.solution.trim() === '')
    problems.push(`labs/${lab.id}/solution.sh is missing or empty`);
  if (files.nearMisses.length < MIN_NEAR_MISSES)
    problems.push(
      `labs/${lab.id}/near-misses/ has ${files.nearMisses.length} script(s); a lab needs at least ${MIN_NEAR_MISSES}`,
    );
  if (files.alternatives.length < MIN_ALTERNATIVES)
    problems.push(
      `labs/${lab.id}/alternatives/ has ${files.alternatives.length} script(s); a lab needs at least ${MIN_ALTERNATIVES} other correct solution`,
    );
  for (const [dir, script] of [
    ...files.alternatives.map((a) => ['alternatives', a] as const),
    ...files.nearMisses.map((m) => ['near-misses', m] as const),
  ]) {
    if (script.only !== undefined && !isGeneration(script.only))
      problems.push(
        `labs/${lab.id}/${dir}/${script.name}: "# only: ${script.only}" names no Docker generation (${GENERATION_IDS.join(', ')})`,
      );
  }
  for (const miss of files.nearMisses) {
    const where = `labs/${lab.id}/near-misses/${miss.name}`;
    if (miss.expects.length === 0) problems.push(`${where}: no "# expect: <task-id>: <text>" line`);
    for (const { task } of miss.expects) {
      const found = lab.tasks.find((t) => t.id === task);
      if (!found) problems.push(`${where}: expects task "${task}", which the lab does not have`);
      else if (found.kind === 'answer')
        problems.push(
          `${where}: "${task}" is an answer task; a near miss must name a state or action task`,
        );
    }
  }
  if (!lab.tasks.some((t) => t.kind === 'answer')) problems.push(`${lab.id}: has no answer task`);
  if (lab.tasks.length < 3) problems.push(`${lab.id}: has fewer than 3 tasks`);
  return problems;
}
