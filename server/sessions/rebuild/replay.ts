/**
 * Typing a reader's lines into a rebuilt machine's terminal, the way they were
 * typed: into the first window of the sandbox's tmux session, one line at a
 * time, each waited for until the shell prompts again. The shell's prompt hook
 * (netlab.bashrc) reports the line's exit status while the flag file exists.
 * The reader sees it all in their terminal's scrollback when they attach.
 */
import type { ExecOptions, ExecResult } from '../../sandbox/driver.ts';

/** One command in the rebuilt sandbox (the driver's exec, bound to it). */
export type SandboxExec = (cmd: string[], options: ExecOptions) => Promise<ExecResult>;

const FLAG = '/var/log/netlab/replay';
const WINDOW = '=netlab:main';
const FIRST_PROMPT_S = 20;

/** Opens the window (as terminal.sh would) and waits for its shell's first prompt. */
export async function openReplay(exec: SandboxExec): Promise<void> {
  const script = `set -e
: > ${FLAG}
tmux new-session -d -s netlab -n main -c /root 2>/dev/null || tmux has-session -t =netlab
timeout ${FIRST_PROMPT_S} tmux wait-for netlab-replay`;
  const r = await exec(['sh', '-c', script], {
    timeoutMs: (FIRST_PROMPT_S + 5) * 1000,
    maxBytes: 4096,
  });
  if (r.exitCode !== 0)
    throw new Error(
      `the rebuilt machine's shell did not prompt (${r.exitCode}): ${r.stderr.trim()}`,
    );
}

/** What became of one typed line: its exit status, or null when it did not finish in time. */
export async function typeLine(
  exec: SandboxExec,
  line: string,
  timeoutMs: number,
): Promise<number | null> {
  const seconds = String(Math.ceil(timeoutMs / 1000));
  const script = `tmux send-keys -t ${WINDOW} -l -- "$1" && tmux send-keys -t ${WINDOW} Enter &&
timeout "$2" tmux wait-for netlab-replay && cat ${FLAG}.status`;
  const r = await exec(['sh', '-c', script, 'sh', line, seconds], {
    timeoutMs: timeoutMs + 5000,
    maxBytes: 4096,
  });
  if (r.exitCode !== 0) {
    // Whatever still runs would swallow what is typed next.
    await exec(['tmux', 'send-keys', '-t', WINDOW, 'C-c'], { timeoutMs: 5000, maxBytes: 1024 });
    return null;
  }
  const status = Number(r.stdout.trim());
  return Number.isInteger(status) ? status : null;
}

/** Stops the prompt hook's reports. */
export async function closeReplay(exec: SandboxExec): Promise<void> {
  await exec(['rm', '-f', FLAG, `${FLAG}.status`], { timeoutMs: 5000, maxBytes: 1024 });
}
