/**
 * Checks, before any long step (`npm start`, `npm test`, `netlab doctor`), that
 * this machine has what the step needs, in the order a newcomer should fix
 * things: Docker installed and reachable, an engine that isolates sandboxes,
 * the tools and disk the image build needs, the port, Chromium for the tests.
 * Each problem is one sentence and the one command that fixes it.
 */
import type { Config } from './config.ts';
import { gatherFacts } from './preflight/facts.ts';
import { verdicts, type Purpose, type Verdict } from './preflight/verdicts.ts';

export type { Purpose, Verdict } from './preflight/verdicts.ts';

export async function preflight(config: Config, purpose: Purpose): Promise<Verdict[]> {
  return verdicts(await gatherFacts(config, purpose), purpose);
}

/**
 * The lines to print: every verdict for `doctor`, only the problems otherwise
 * (a clean start stays quiet).
 */
export function report(results: readonly Verdict[], purpose: Purpose): string[] {
  return results
    .filter((v) => purpose === 'doctor' || !v.ok)
    .map((v) => (v.ok ? `ok    ${v.message}` : `FAIL  ${v.message}\n      Fix: ${v.fix ?? ''}`));
}
