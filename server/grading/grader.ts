/**
 * The grader: what the lab server calls to check tasks, check a typed answer
 * and read the sandbox's topology. It reaches the
 * sandbox only through the Exec it is given (see probes.ts: execInSandbox),
 * holds no state between calls (the session's evidence log is the caller's),
 * and never throws for a failing check.
 */
import type { Locale, TaskResult } from '../protocol.ts';
import { normaliseAnswer, sameValue } from './answers.ts';
import type { EvidenceLog } from './evidence.ts';
import { readAnswer } from './grader/answer.ts';
import { judgeTasks } from './grader/run.ts';
import type { Lab, LabTask } from '../labs.ts';
import { substitute, substituteDeep, type Params } from '../labs/params.ts';
import { EXEC_TIMEOUT_MS, subjectOf, valueKindOf, type Exec, type ProbeResult } from './probes.ts';
import { clip, t, type Text } from './probes/text.ts';

// The grading package's face: the server, the CLI and scripts import these, never
// grading's helper folders (eslint.config.js holds that rule).
export { readTopology } from './topology.ts';
export type { Topology, TopologyLink, TopologyNode } from './topology.ts';
export { renderLab, type RenderedLab } from './grader/session.ts';
export { plausiblyWrong, readAnswer } from './grader/answer.ts';
export { EXEC_MAX_BYTES, EXEC_TIMEOUT_MS, execInSandbox, valueKindOf } from './probes.ts';
export type { Exec, ExecOutput, ProbeResult } from './probes.ts';
export { recordingExec, type Recording } from './probes/recording.ts';
export { COMMAND_LOG } from './probes/world-read/extras.ts';
export { EvidenceLog, type EvidenceCursor } from './evidence.ts';
export {
  parseCommandLog,
  parseLineRecords,
  type CommandRecord,
  type LineRecord,
} from './evidence/command-log.ts';

/** Options of checkTasks. */
export interface CheckOptions {
  /** Only this task; an unknown id gives []. */
  task?: string;
  locale: Locale;
  /** Budget for the whole run (default 10 s); a check not done by then fails. */
  timeoutMs?: number;
  /**
   * The session's evidence of the reader's actions, kept by the caller between
   * runs; without it, only what the sandbox still holds is seen.
   */
  evidence?: EvidenceLog;
}

/**
 * Checks the lab's tasks (or one) against the live sandbox. State and action
 * tasks pass when every check passes; the detail of a failing one is its first
 * failing check, in the reader's language. Answer tasks are reported not
 * passed with a detail asking for an answer (checkAnswer grades them).
 */
export async function checkTasks(
  exec: Exec,
  lab: Lab,
  params: Params,
  opts: CheckOptions,
): Promise<TaskResult[]> {
  const tasks = lab.tasks.filter((task) => opts.task === undefined || task.id === opts.task);
  const checked = tasks.filter((task) => task.kind !== 'answer');
  const verdicts = await judgeTasks(
    exec,
    checked,
    params,
    (task) => task.checks,
    opts.timeoutMs ?? EXEC_TIMEOUT_MS,
    opts.evidence,
  );
  const byId = new Map(verdicts.map((v) => [v.task.id, v.results]));
  return tasks.map((task) => {
    const results = byId.get(task.id);
    if (!results) return answerNeeded(task, params, opts.locale);
    return taskResult(task, params, results, opts.locale);
  });
}

function taskResult(
  task: LabTask,
  params: Params,
  results: (ProbeResult | null)[],
  locale: Locale,
): TaskResult {
  const failing = results.find((r) => r !== null && !r.passed);
  if (!failing && results.every((r) => r !== null))
    return { id: task.id, passed: true, detail: null };
  const expected = failing?.expected ?? t('every check passes', '所有检查都通过');
  const actual = failing?.actual ?? t('some checks did not run', '部分检查没有运行');
  return { id: task.id, passed: false, detail: detail(expected, actual, task, params, locale) };
}

function answerNeeded(task: LabTask, params: Params, locale: Locale): TaskResult {
  const expected = t('an answer typed in the box', '在答题框中输入答案');
  const actual = t('no answer has been checked yet', '还没有检查过答案');
  return { id: task.id, passed: false, detail: detail(expected, actual, task, params, locale) };
}

function detail(expected: Text, actual: Text, task: LabTask, params: Params, locale: Locale) {
  return {
    expected: expected[locale],
    actual: actual[locale],
    hint: substitute(task.hint[locale], params),
  };
}

/**
 * Checks a typed answer: the right value is read from the live sandbox now and
 * compared after normalising both (case, spaces, optional `/24`, `veth@ifN`).
 * The detail never reveals the right value.
 */
export async function checkAnswer(
  exec: Exec,
  lab: Lab,
  params: Params,
  taskId: string,
  answer: string,
  locale: Locale,
): Promise<Pick<TaskResult, 'passed' | 'detail'>> {
  const task = lab.tasks.find((candidate) => candidate.id === taskId);
  if (!task?.answer) {
    const why = t(`${taskId} is not a task answered by typing`, `${taskId} 不是需要输入答案的任务`);
    return { passed: false, detail: { expected: why[locale], actual: why[locale], hint: '' } };
  }
  const call = substituteDeep(task.answer, params);
  const reading = await readAnswer(exec, task, params);
  const kind = valueKindOf(call);
  const subject = subjectOf(call);
  const given = normaliseAnswer(kind, answer);
  if (reading?.value == null) {
    const why = reading?.actual ?? t('the lab machine did not answer', '实验机器没有响应');
    return { passed: false, detail: detail(subject, cannotTell(why), task, params, locale) };
  }
  if (sameValue(kind, answer, reading.value)) return { passed: true, detail: null };
  const said =
    given === ''
      ? t('an empty answer', '空答案')
      : t(`you answered "${clip(given, 80)}", which is not it`, `你的答案“${clip(given, 80)}”不对`);
  return { passed: false, detail: detail(subject, said, task, params, locale) };
}

function cannotTell(why: Text): Text {
  return t(`nothing to compare with yet: ${why.en}`, `暂时无法比较：${why['zh-cn']}`);
}
