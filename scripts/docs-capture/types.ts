/**
 * The shape of a documentation scenario: the commands a chapter shows, run for
 * real in a fresh sandbox of each Docker generation by scripts/docs-capture.ts.
 */
import type { Generation } from '../../server/generations.ts';

/** How a step must end: what the prose says about its output. */
export interface Outcome {
  /** The last command must fail (a pitfall showing a real error); every other command must succeed. */
  fails?: boolean;
  /** Texts the output must contain; the prose quotes them, so a re-capture that loses one stops. */
  expect?: readonly string[];
  /** Texts the output must not contain (what the prose says does not happen). */
  reject?: readonly string[];
}

export interface Step extends Outcome {
  /** Capture file name: src/content/docs/_captures/<chapter>/<name>.txt. Example: `ip-a` */
  name: string;
  /**
   * What the reader types, one command per line (a line ending in `\` or a
   * heredoc continues the command). Runs as root in /root with `sh`; shell
   * variables live for the step only.
   */
  cmd: string;
  /** Run first, not shown, output discarded: waits for a server to listen, and so on. */
  before?: string;
  /**
   * The one generation the step belongs to (what only that Docker does, or
   * needs); by default it runs in every generation. Example: `docker-28`
   */
  only?: Generation;
  /**
   * How the step ends in a generation where it ends otherwise: that
   * generation's `fails`, `expect` and `reject` replace the step's own.
   * Example: `{ 'docker-28': { fails: true, expect: ['download timed out'] } }`
   */
  differs?: Partial<Record<Generation, Outcome>>;
}

/** The steps a generation runs, each with the outcome it must have there. */
export function stepsFor(scenario: Scenario, generation: Generation): Step[] {
  return scenario.steps
    .filter((step) => step.only === undefined || step.only === generation)
    .map((step) => {
      const own = step.differs?.[generation];
      if (!own) return step;
      // The generation's outcome replaces the step's as a whole, absent fields included.
      const what: Step = { name: step.name, cmd: step.cmd, ...own };
      return step.before === undefined ? what : { ...what, before: step.before };
    });
}

export interface Scenario {
  /** Capture folder and key; the lab id of the chapter. Example: `bridge` */
  chapter: string;
  steps: readonly Step[];
}

/** One entry of the manifest, keyed `<chapter>/<step>`. */
export interface ManifestEntry {
  command: string;
  before: string | null;
  /** Exit status of each command of the step, in order. */
  exitCodes: number[];
  sha256: string;
}

export interface Manifest {
  /** The prompt written in front of each command in the transcripts. */
  prompt: string;
  captures: Record<string, ManifestEntry>;
}

/** The sandbox shell's prompt (netlab.bashrc: `root@netlab:\w# `, in /root). */
export const PROMPT = 'root@netlab:~# ';
