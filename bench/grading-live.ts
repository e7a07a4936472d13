/**
 * Live ticks: how long after a reader's command finishes the browser is told
 * that its task passed. A terminal is attached to each of several bridge-lab
 * sessions (as the browser does) and three actions are typed in turn; each
 * sample runs from the moment the prompt is back to the moment the pushed task
 * list shows the task passed.
 */
import { createSession, request, waitReady } from '../tests/integration/helpers/api.ts';
import type { RunningServer } from '../tests/integration/helpers/server.ts';
import {
  connectTerminal,
  plain,
  type TerminalClient,
} from '../tests/integration/helpers/terminal-client.ts';
import { sleep } from './stats.ts';

const PROMPT = 'root@netlab:~# ';
const ACTIONS: [string, string][] = [
  ['docker run -d --name busybox1 busybox sleep 3600', 'run-busybox1'],
  ['brctl show', 'look-at-bridge'],
  ['docker run -d --name busybox2 busybox sleep 3600', 'run-busybox2'],
];

/**
 * Whether the command typed after `from` (an output length) has finished: its
 * echo is there and the output ends with a fresh prompt. (Counting prompts is
 * not enough: tmux may redraw the line being typed, prompt included.)
 */
function finished(t: TerminalClient, from: number, command: string): boolean {
  const text = plain(t.output());
  const after = text.slice(from);
  const echoed = after.indexOf(command);
  return (
    echoed >= 0 &&
    after.slice(echoed + command.length).includes('\n') &&
    text.trimEnd().endsWith(PROMPT.trimEnd())
  );
}

function passed(t: TerminalClient, task: string): boolean {
  const last = t.messages.filter((m) => m.type === 'tasks').at(-1);
  return last?.type === 'tasks' && last.tasks.some((r) => r.id === task && r.passed);
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

/** Milliseconds from each command's prompt coming back to its task's tick (Infinity: none in 10 s). */
export async function liveTicks(server: RunningServer, sessions: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < sessions; i++) {
    const s = await createSession(server.url, 'bridge');
    await waitReady(server.url, s);
    const t = await connectTerminal(server.url, s.id, { token: s.token });
    await t.waitFor(/root@netlab:~# /, 30_000);
    // Let the first re-checks of the fresh session pass, as a reader would take a moment to start.
    await sleep(1500);
    for (const [command, task] of ACTIONS) {
      const from = plain(t.output()).length;
      t.type(`${command}\r`);
      await until(() => finished(t, from, command), 30_000);
      const back = performance.now();
      const ticked = await until(() => passed(t, task), 10_000);
      samples.push(ticked ? performance.now() - back : Number.POSITIVE_INFINITY);
    }
    await t.close();
    await request(`${server.url}/api/sessions/${s.id}`, { method: 'DELETE', token: s.token });
  }
  return samples;
}
