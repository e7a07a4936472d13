/**
 * Recording what a real sandbox answers the grader, and replaying it: `netlab
 * lab record` saves the sections of every batch a check run sends, and unit
 * tests replay them through an Exec, so probes and the grader are tested on
 * real outputs without Docker.
 */
import type { Exec, ExecOutput } from '../probes.ts';
import { marker, nonceOf, parseBatch, renderBatch, type Section } from './batch.ts';
import { parseWorld } from './world-read.ts';
import type { World } from './world.ts';

/** Stands for the per-run nonce inside recorded output (curl's status lines carry it). */
const NONCE_TOKEN = 'NONCE';

/** Sections a sandbox answered, split by batch kind. */
export interface Recording {
  /** Sections of world reads (containers, networks, ip addr…), by key. */
  world: Section[];
  /** Sections of active probes (act.<hash>), by key. */
  active: Section[];
}

function isWorldScript(script: string): boolean {
  return /^sec containers /m.test(script);
}

function scriptOf(cmd: string[]): string {
  return cmd.at(-1) ?? '';
}

/** Wraps an Exec so that every batch's sections are added to `into` (first answer per key wins). */
export function recordingExec(exec: Exec, into: Recording): Exec {
  return async (cmd) => {
    const result = await exec(cmd);
    const script = scriptOf(cmd);
    const nonce = nonceOf(script);
    if (nonce === null) return result;
    const target = isWorldScript(script) ? into.world : into.active;
    for (const section of parseBatch(nonce, result.stdout).sections.values()) {
      if (target.some((s) => s.key === section.key)) continue;
      target.push({
        ...section,
        stdout: section.stdout.replaceAll(marker(nonce), marker(NONCE_TOKEN)),
      });
    }
    return result;
  };
}

/** An Exec that answers every batch from a recording, as the recorded sandbox did. */
export function replayExec(recording: Recording): Exec {
  return (cmd): Promise<ExecOutput> => {
    const script = scriptOf(cmd);
    const nonce = nonceOf(script) ?? 'none';
    const sections = (isWorldScript(script) ? recording.world : recording.active).map((s) => ({
      ...s,
      stdout: s.stdout.replaceAll(marker(NONCE_TOKEN), marker(nonce)),
    }));
    return Promise.resolve({
      exitCode: 0,
      stdout: renderBatch(nonce, sections),
      stderr: '',
      timedOut: false,
    });
  };
}

/** The World a recording describes, with every route, rule and log section it holds. */
export function worldOf(recording: Recording): World {
  const keys = recording.world.map((s) => s.key);
  const named = (prefix: string) =>
    new Set(keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
  const needs = {
    routes: named('route.'),
    iptables: named('ipt.'),
    evidence: keys.includes('events'),
    images: keys.includes('images'),
    listeners: named('ss.'),
    logs: named('logs.'),
    packages: named('pkg.'),
  };
  const sections = new Map(recording.world.map((s) => [s.key, s]));
  return parseWorld({ sections, complete: true }, needs);
}
