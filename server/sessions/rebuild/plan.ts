/**
 * What a rebuild replays: the reader's own successful command lines, in the
 * order they ran, when a replay can be faithful to them; otherwise the lab's
 * solution, and why. Pure: it judges the journal's text, nothing else.
 */
import type { RebuildFallback } from '../../protocol.ts';
import type { Journal, JournalLine } from './journal.ts';
import { variablesRead, variablesSet, wordsOf } from './shell-words.ts';

export type RebuildPlan =
  | { mode: 'journal'; lines: string[] }
  | { mode: 'solution'; fallback: { why: RebuildFallback; line: string | null } };

export interface PlanOptions {
  /** A line that ran longer than this waited for something a replay cannot give it. */
  maxLineMs: number;
}

/** Programs that take over the terminal until the reader leaves them. */
const SCREEN_PROGRAMS = new Set(
  'vi vim nvim nano emacs less more most man top htop watch tmux screen mc ssh telnet'.split(' '),
);
/** Programs that read commands from the terminal when given none. */
const SHELLS = new Set('sh bash ash dash zsh busybox python python3 node'.split(' '));
/** Variables a login shell (or bash itself) has without the reader setting them. */
const GIVEN = new Set(
  'HOME PATH PWD OLDPWD USER LOGNAME SHELL TERM HOSTNAME LANG LC_ALL RANDOM SECONDS LINENO IFS UID EUID PPID TMUX SHLVL COLUMNS LINES PIPESTATUS REPLY HISTFILE HISTSIZE PS1 PS2 BASH BASH_VERSION BASHPID EPOCHSECONDS EPOCHREALTIME'.split(
    ' ',
  ),
);

export function planRebuild(journal: Journal | null, options: PlanOptions): RebuildPlan {
  if (!journal || journal.orphans > 0) return solution('no-record', null);
  const kept = journal.lines.filter((l) => l.status === 0);
  const set = new Set<string>();
  for (const line of kept) {
    const why = unfaithful(line, set, options);
    if (why) return solution(why, line.text);
    for (const name of variablesSet(line.text)) set.add(name);
  }
  return { mode: 'journal', lines: kept.map((l) => l.text) };
}

function solution(why: RebuildFallback, line: string | null): RebuildPlan {
  return { mode: 'solution', fallback: { why, line } };
}

function unfaithful(
  line: JournalLine,
  set: ReadonlySet<string>,
  options: PlanOptions,
): RebuildFallback | null {
  if (line.commands.some((c) => readsTerminal(wordsOf(c)))) return 'interactive';
  if ((line.end - line.start) / 1000 > options.maxLineMs) return 'long-running';
  const own = variablesSet(line.text);
  for (const name of variablesRead(line.text))
    if (!GIVEN.has(name) && !set.has(name) && !own.has(name)) return 'unset-variable';
  return null;
}

/** Whether a simple command would wait for the reader to type into it. */
export function readsTerminal(words: readonly string[]): boolean {
  const argv = words.slice(words.findIndex((w) => !isAssignment(w) && w !== 'sudo'));
  const program = basename(argv[0] ?? '');
  if (SCREEN_PROGRAMS.has(program)) return true;
  if (SHELLS.has(program)) return isBareShell(argv);
  if (['docker', 'podman', 'nerdctl', 'kubectl'].includes(program)) return containerShell(argv);
  return false;
}

function isAssignment(word: string): boolean {
  return /^[A-Za-z_]\w*=/.test(word);
}

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** `sh`, `bash -l`, `python3`: no script, no -c, so it reads the terminal. */
function isBareShell(argv: readonly string[]): boolean {
  const args = argv.slice(1);
  if (basename(argv[0] ?? '') === 'busybox') return args.length === 1 && SHELLS.has(args[0] ?? '');
  return args.every((a) => a.startsWith('-') && a !== '-c' && !a.startsWith('-c'));
}

/** Docker flags of run/exec that take a value as the next word. */
const VALUED = new Set(
  '-e --env --env-file -p --publish -v --volume -w --workdir -u --user -h --hostname --name --network --net --ip --ip6 -l --label -m --memory --mount --entrypoint --cap-add --cap-drop --dns --add-host --restart --platform --link --log-driver --pid --ipc --device --tmpfs -c --cpu-shares --cpus --sysctl --mac-address --network-alias -n --namespace --image --container'.split(
    ' ',
  ),
);

/** `docker run -it busybox`, `docker exec -it c1 sh`, `docker attach c1`, `kubectl exec -it p -- sh`. */
function containerShell(argv: readonly string[]): boolean {
  const sub = argv.slice(1).find((w) => !w.startsWith('-')) ?? '';
  if (sub === 'attach') return true;
  if (!['run', 'exec', 'start'].includes(sub)) return false;
  const after = argv.slice(argv.indexOf(sub) + 1);
  let stdin = false;
  let detached = false;
  let i = 0;
  for (; i < after.length; i++) {
    const w = after[i] ?? '';
    if (w === '--') break;
    if (!w.startsWith('-')) break;
    if (w === '--interactive' || w === '--tty' || w === '--attach') stdin = true;
    else if (w === '--detach') detached = true;
    else if (/^-[a-zA-Z]+$/.test(w)) {
      if (/[ita]/.test(w)) stdin = true;
      if (w.includes('d')) detached = true;
      if (VALUED.has(`-${w.at(-1) ?? ''}`)) i++;
    } else if (VALUED.has(w)) i++;
  }
  if (!stdin || detached) return false;
  if (sub === 'start') return true;
  // docker: the image (or container), then its command; kubectl: the command after `--`.
  const command =
    basename(argv[0] ?? '') === 'kubectl'
      ? after.slice(after.indexOf('--') + 1 || after.length)
      : after.slice(i + 1);
  return command.length === 0 || isBareShell(command);
}
