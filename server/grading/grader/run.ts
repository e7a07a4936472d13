/**
 * One check run over some tasks: work out what to read, read the World once,
 * judge passive checks, then run the active checks of the tasks whose passive
 * checks all passed (one more exec), so a half-built lab costs no timeouts.
 */
import { EvidenceLog } from '../evidence.ts';
import type { LabTask } from '../../labs.ts';
import { substituteDeep, type Params } from '../../labs/params.ts';
import {
  addNeeds,
  evaluatePassive,
  isActive,
  readWorld,
  runActiveProbes,
  unavailable,
  type Exec,
  type ProbeResult,
} from '../probes.ts';
import type { ActiveCall } from '../probes/active.ts';
import type { Check } from '../probes/check-schema.ts';
import { noNeeds } from '../probes/world-read.ts';
import type { World } from '../probes/world.ts';
import { t } from '../probes/text.ts';

/** The checks of each task, judged in order; null for an active check left unrun. */
export interface TaskVerdict {
  task: LabTask;
  results: (ProbeResult | null)[];
}

/**
 * Runs `checksOf(task)` for every task and returns each task's probe results in
 * check order. What the read brings of the reader's actions is added to
 * `evidence` (the session's log) before any check looks at it.
 */
export async function judgeTasks(
  exec: Exec,
  tasks: LabTask[],
  params: Params,
  checksOf: (task: LabTask) => Check[],
  timeoutMs: number,
  evidence: EvidenceLog = new EvidenceLog(),
): Promise<TaskVerdict[]> {
  const started = Date.now();
  const plans = tasks.map((task) => ({ task, checks: substituteDeep(checksOf(task), params) }));
  const needs = noNeeds();
  for (const { checks } of plans) for (const check of checks) addNeeds(check, needs);
  const world = await readWorld(exec, needs, timeoutMs, evidence.cursor);
  if (world.complete && world.evidenceRead) {
    evidence.absorb(world.evidenceRead);
    world.evidence = evidence;
  }
  // A partial reading would make probes report things missing that are only unread.
  if (!world.complete)
    return plans.map(({ task, checks }) => ({
      task,
      results: checks.map(() =>
        unavailable(t(world.problems.join('; '), world.problems.join('；'))),
      ),
    }));
  const passive = plans.map(({ checks }) => checks.map((c) => judgePassive(c, world)));
  // Active checks run only for tasks whose passive checks all passed.
  const toRun: { plan: number; check: number; call: ActiveCall }[] = [];
  plans.forEach(({ checks }, p) => {
    if (passive[p]?.some((r) => r !== null && !r.passed)) return;
    checks.forEach((call, c) => {
      if (isActive(call)) toRun.push({ plan: p, check: c, call });
    });
  });
  // What is left of the budget; none left makes the active checks report they did not finish.
  const remaining = Math.max(0, timeoutMs - (Date.now() - started));
  const active = await runActiveProbes(
    exec,
    toRun.map((r) => r.call),
    world,
    remaining,
  );
  toRun.forEach(({ plan, check }, i) => {
    const row = passive[plan];
    const verdict = active[i];
    if (row && verdict) row[check] = verdict;
  });
  return plans.map(({ task, checks }, p) => ({
    task,
    results: checks.map((_, c) => passive[p]?.[c] ?? null),
  }));
}

function judgePassive(call: Check, world: World): ProbeResult | null {
  return isActive(call) ? null : evaluatePassive(call, world);
}
