/**
 * The steps of `netlab lab test` inside one sandbox: every task failing before
 * the solution, every task passing after it (answers accepting the live value
 * and refusing a near one), and the report rows they make.
 */
import {
  checkAnswer,
  checkTasks,
  type EvidenceLog,
  plausiblyWrong,
  readAnswer,
  valueKindOf,
  type Exec,
} from '../../grading/grader.ts';
import type { Lab, LabTask, Params } from '../../labs.ts';
import { mergeResults } from '../../sessions/results.ts';
import type { TaskResult } from '../../protocol.ts';

/** One line of the report. */
export interface TestRow {
  lab: string;
  /** "setup", "before", "after", "answer", "alternative <file>" or "near-miss <file>". */
  step: string;
  task: string;
  ok: boolean;
  note: string;
}

export function row(lab: Lab, step: string, task: string, ok: boolean, note: string): TestRow {
  return { lab: lab.id, step, task, ok, note };
}

/**
 * Every state and action task must fail on the fresh sandbox. An answer task
 * cannot pass without an answer; its value may already be readable (a task
 * about what the setup made), which is fine as long as it differs between
 * sandboxes (answersDiffer).
 */
export async function before(
  exec: Exec,
  lab: Lab,
  params: Params,
  evidence: EvidenceLog,
): Promise<TestRow[]> {
  const results = await checkTasks(exec, lab, params, { locale: 'en', evidence });
  const rows: TestRow[] = [];
  for (const task of lab.tasks) {
    if (task.kind === 'answer') {
      const value = (await readAnswer(exec, task, params))?.value ?? null;
      const note = value === null ? 'no answer yet' : `readable from the start: ${value}`;
      rows.push(row(lab, 'before', task.id, true, note));
      continue;
    }
    const r = results.find((x) => x.id === task.id);
    const note = r?.passed ? 'passes before the solution' : (r?.detail?.actual ?? '');
    rows.push(row(lab, 'before', task.id, r?.passed === false, note));
  }
  return rows;
}

/** What a solved sandbox gave: the rows, and each answer task's right value. */
export interface Solved {
  rows: TestRow[];
  answers: Map<string, string>;
}

/**
 * Every task must pass after a solution; `step` names it ("after", "alternative
 * x.sh"). `earlier` holds the results of the checks made while it ran (its
 * checkpoints), merged with the last as a session merges them.
 */
export async function after(
  exec: Exec,
  lab: Lab,
  params: Params,
  evidence: EvidenceLog,
  step: string,
  earlier: readonly TaskResult[] = [],
): Promise<Solved> {
  const results = mergeResults(
    lab,
    earlier,
    await checkTasks(exec, lab, params, { locale: 'en', evidence }),
  );
  const rows: TestRow[] = [];
  const answers = new Map<string, string>();
  for (const task of lab.tasks) {
    if (task.kind === 'answer') {
      const checked = await answerRows(exec, lab, task, params, step);
      rows.push(...checked.rows);
      if (checked.right !== null) answers.set(task.id, checked.right);
      continue;
    }
    const r = results.find((x) => x.id === task.id);
    const why = r?.detail ? `${r.detail.expected} / ${r.detail.actual}` : 'passes';
    rows.push(row(lab, step, task.id, r?.passed === true, why));
  }
  return { rows, answers };
}

async function answerRows(exec: Exec, lab: Lab, task: LabTask, params: Params, step: string) {
  const reading = await readAnswer(exec, task, params);
  const right = reading?.value ?? null;
  const name = step === 'after' ? 'answer' : `${step} answer`;
  if (right === null || !task.answer)
    return {
      rows: [row(lab, name, task.id, false, `no right answer: ${reading?.actual.en ?? '?'}`)],
      right: null,
    };
  const wrong = plausiblyWrong(valueKindOf(task.answer), right);
  const yes = await checkAnswer(exec, lab, params, task.id, right, 'en');
  const no = await checkAnswer(exec, lab, params, task.id, wrong, 'en');
  const accepted = yes.passed ? 'accepted' : `refused: ${yes.detail?.actual ?? ''}`;
  return {
    rows: [
      row(lab, name, task.id, yes.passed, `right "${right}" ${accepted}`),
      row(lab, name, task.id, !no.passed, `wrong "${wrong}" ${no.passed ? 'accepted' : 'refused'}`),
    ],
    right,
  };
}

/**
 * An answer that is the same in two sandboxes (with other parameters) is the
 * same for every reader, or readable off the page: it proves nothing.
 */
export function answersDiffer(lab: Lab, step: string, main: Solved, other: Solved): TestRow[] {
  return [...main.answers].flatMap(([task, value]) => {
    const there = other.answers.get(task);
    if (there === undefined) return [];
    const same = there.toLowerCase() === value.toLowerCase();
    const note = same
      ? `the right answer "${value}" is the same in another sandbox: it proves nothing`
      : `differs from another sandbox ("${value}" / "${there}")`;
    return [row(lab, `${step} answer`, task, !same, note)];
  });
}
