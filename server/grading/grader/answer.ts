/**
 * An answer task's right value, read live: the task's `answer:` probe run
 * against the sandbox now. Shared by checkAnswer and `netlab lab test`.
 */
import type { ValueKind } from '../answers.ts';
import type { LabTask } from '../../labs.ts';
import { substituteDeep, type Params } from '../../labs/params.ts';
import { EXEC_TIMEOUT_MS, type Exec, type ProbeResult } from '../probes.ts';
import { ipToNumber, splitCidr } from '../probes/ipv4.ts';
import { judgeTasks } from './run.ts';

/** The answer probe's result (its `value` is the right answer), or null for a task without one. */
export async function readAnswer(
  exec: Exec,
  task: LabTask,
  params: Params,
  timeoutMs = EXEC_TIMEOUT_MS,
): Promise<ProbeResult | null> {
  const call = task.answer;
  if (!call) return null;
  const [verdict] = await judgeTasks(exec, [task], params, () => [call], timeoutMs);
  return verdict?.results[0] ?? null;
}

/** The answer call with the session's parameters filled in. */
export function answerCall(task: LabTask, params: Params) {
  return task.answer ? substituteDeep(task.answer, params) : null;
}

/** A wrong answer that looks right (one byte or character off), for testing a lab. */
export function plausiblyWrong(kind: ValueKind, right: string): string {
  if (kind === 'address' || kind === 'subnet') {
    const { address, prefixLen } = splitCidr(right);
    const n = ipToNumber(address);
    if (n !== null) {
      const bumped = kind === 'subnet' ? n + 2 ** (32 - (prefixLen ?? 24)) : n + 1;
      const text = [24, 16, 8, 0]
        .map((s) => (Math.floor(bumped / 2 ** s) % 256).toString())
        .join('.');
      return prefixLen === null ? text : `${text}/${prefixLen}`;
    }
  }
  if (kind === 'mac') {
    const last = right.slice(-2);
    const next = ((Number.parseInt(last, 16) + 1) % 256).toString(16).padStart(2, '0');
    return right.slice(0, -2) + next;
  }
  return `${right}x`;
}
