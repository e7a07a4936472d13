/**
 * A lab's shell scripts beside its lab.yaml: solution.sh, which `netlab lab
 * test` proves and a rebuilt machine falls back on, cut into stages at its
 * `# checkpoint` lines; and the prelude every script runs with.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Defined before every script: run a command line as typed in the terminal. */
export const SCRIPT_PRELUDE = `typed() { printf '%s\\n' "$1" | bash -i >/dev/null 2>&1; }\n`;

const CHECKPOINT = /^#\s*checkpoint\s*$/m;

/** A script's stages, cut at its `# checkpoint` lines (one stage when it has none). */
export function stagesOf(script: string): string[] {
  return script.split(CHECKPOINT);
}

/** labs/<id>/solution.sh, or null when the lab has none. */
export function readSolution(labsDir: string, id: string): string | null {
  const file = path.join(labsDir, id, 'solution.sh');
  return statSync(file, { throwIfNoEntry: false }) ? readFileSync(file, 'utf8') : null;
}
