/**
 * Bringing an ended session's work back on its new machine, as planned: the
 * reader's lines typed into the terminal, or the lab's solution run stage by
 * stage until every task they had passed passes again. The terminal gets a
 * short transcript either way (comment lines, which bash neither runs nor
 * records); the report says what was done.
 */
import { SCRIPT_PRELUDE, stagesOf } from '../../labs.ts';
import type { Locale, RebuildReport, TaskResult } from '../../protocol.ts';
import type { RebuildPlan } from './plan.ts';
import { closeReplay, openReplay, typeLine, type SandboxExec } from './replay.ts';

export interface RestoreDeps {
  exec: SandboxExec;
  params: Record<string, string>;
  /** The lab's solution.sh, or null when it has none. */
  solution: string | null;
  /** Checks the lab's tasks on the new machine. */
  check: () => Promise<TaskResult[]>;
  locale: Locale;
  /** How long one replayed line may take. */
  lineTimeoutMs: number;
  /** Told after each line or stage, so the session's view shows the progress. */
  progress: (report: RebuildReport) => void;
}

const STAGE_TIMEOUT_MS = 120_000;
const SHOWN_LINES = 50;

/** What the terminal shows around the replay: short, so that a line fits 80 columns after the prompt. */
const SAY = {
  en: {
    journal: (n: number) => `Netlab: replaying your ${n} command lines on a new machine`,
    solution: "Netlab: rebuilding from the lab's solution",
    done: (s: string) => `Netlab: your machine is back (${s} s)`,
    failed: (status: number) => `Netlab: that line failed (exit ${status}); the rest did not run`,
  },
  'zh-cn': {
    journal: (n: number) => `Netlab：在新机器上重放你的 ${n} 行命令`,
    solution: 'Netlab：按实验的参考解法重建这台机器',
    done: (s: string) => `Netlab：机器已恢复（${s} 秒）`,
    failed: (status: number) => `Netlab：这一行失败了（退出码 ${status}），后面的没有运行`,
  },
} satisfies Record<Locale, unknown>;

/** Runs the plan; the report (already holding `lines` and `carried`) is updated in place. */
export async function restoreWork(
  plan: RebuildPlan,
  report: RebuildReport,
  deps: RestoreDeps,
): Promise<void> {
  const started = Date.now();
  const say = SAY[deps.locale];
  await openReplay(deps.exec);
  try {
    if (plan.mode === 'journal') {
      await comment(deps, say.journal(plan.lines.length));
      await replayLines(plan.lines, report, deps);
    } else {
      await comment(deps, say.solution);
      await runSolution(report, deps);
    }
    if (report.failed) await comment(deps, say.failed(report.failed.status));
    await comment(deps, say.done(((Date.now() - started) / 1000).toFixed(1)));
  } finally {
    await closeReplay(deps.exec);
  }
}

async function comment(deps: RestoreDeps, text: string): Promise<void> {
  await typeLine(deps.exec, `# ${text}`, 5000);
}

async function replayLines(
  lines: string[],
  report: RebuildReport,
  deps: RestoreDeps,
): Promise<void> {
  for (const line of lines) {
    const status = await typeLine(deps.exec, line, deps.lineTimeoutMs);
    if (status !== 0) {
      report.failed = { line, status: status ?? 124 };
      return;
    }
    report.replayed++;
    deps.progress(report);
  }
}

/** The solution's stages in order, each followed by a check, until the carried tasks pass again. */
async function runSolution(report: RebuildReport, deps: RestoreDeps): Promise<void> {
  const stages = stagesOf(deps.solution ?? '');
  const wanted = new Set(report.carried);
  const passed = new Set<string>();
  for (const stage of stages) {
    if ([...wanted].every((t) => passed.has(t))) return;
    const lines = scriptLines(stage);
    report.lines.push(...lines.slice(0, Math.max(0, SHOWN_LINES - report.lines.length)));
    const env = Object.entries(deps.params).map(([k, v]) => `${k}=${v}`);
    const r = await deps.exec(['env', ...env, 'sh', '-s'], {
      timeoutMs: STAGE_TIMEOUT_MS,
      maxBytes: 64 * 1024,
      stdin: `${SCRIPT_PRELUDE}${stage}`,
    });
    if (r.exitCode !== 0) {
      report.failed = { line: lines.at(-1) ?? 'solution.sh', status: r.exitCode };
      return;
    }
    report.replayed += lines.length;
    deps.progress(report);
    for (const result of await deps.check()) if (result.passed) passed.add(result.id);
  }
}

/** A script's commands as a reader would read them: no blank lines, no comments. */
function scriptLines(script: string): string[] {
  return script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && l !== 'set -eu' && l !== 'set -e');
}
