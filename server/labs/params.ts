/**
 * Session parameters: values a lab declares (`params:`) and the grader picks
 * per session with a seedable RNG, then substitutes as `{{name}}` into task
 * texts and checks, so two readers have different right answers.
 */
import type { Lab, ParamSpec } from './schema.ts';

export type Params = Record<string, string>;

/** `{{name}}` (a parameter) or `{{kind:args}}` (a live reference such as `{{ip:httpd1}}`). */
const PLACEHOLDER = /\{\{([a-z][a-z0-9_]*)(?::([^{}\s]+))?\}\}/g;
/** Live references the probes resolve against the sandbox at check time. */
export const LIVE_REFS = ['ip', 'bridge'] as const;

/** Picks every parameter in declaration order; later ones may use earlier ones. */
export function chooseParams(lab: Pick<Lab, 'params'>, random: () => number): Params {
  const chosen: Params = {};
  for (const [name, spec] of Object.entries(lab.params)) chosen[name] = pick(spec, chosen, random);
  return chosen;
}

function pick(spec: ParamSpec, chosen: Params, random: () => number): string {
  if ('choose' in spec) return String(spec.choose[index(random, spec.choose.length)]);
  if ('int' in spec) return String(spec.int[0] + index(random, spec.int[1] - spec.int[0] + 1));
  return substitute(spec.value, chosen);
}

function index(random: () => number, size: number): number {
  // Clamped: a random() that returns 1 (some test doubles do) must not overflow.
  return Math.min(size - 1, Math.floor(random() * size));
}

/** Replaces `{{name}}` for each known parameter; live references and unknown names stay. */
export function substitute(text: string, params: Params): string {
  return text.replace(PLACEHOLDER, (whole, name: string, args: string | undefined) =>
    args === undefined && Object.hasOwn(params, name) ? (params[name] ?? whole) : whole,
  );
}

/** Substitutes parameters in every string of a JSON-like value (a check, a task). */
export function substituteDeep<T>(value: T, params: Params): T {
  if (typeof value === 'string') return substitute(value, params) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => substituteDeep(v, params)) as T;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]): [string, unknown] => [k, substituteDeep(v, params)],
    );
    return Object.fromEntries(entries) as T;
  }
  return value;
}

/** The placeholders in a text, in order. */
export function placeholders(text: string): { name: string; args: string | null }[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1] ?? '', args: m[2] ?? null }));
}

/** A deterministic RNG (mulberry32) seeded from any string, for chooseParams. */
export function seededRandom(seed: string | number): () => number {
  let state = hash(String(seed));
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  // FNV-1a: spreads similar seeds ("run-1", "run-2") far apart.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A placeholder problem at a path inside lab.yaml. */
export interface RefProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Every `{{…}}` in the lab's texts, checks and parameter templates must name a
 * parameter declared before it, or a known live reference.
 */
export function checkReferences(lab: Omit<Lab, 'setup'>): RefProblem[] {
  const problems: RefProblem[] = [];
  const declared: string[] = [];
  for (const [name, spec] of Object.entries(lab.params)) {
    if ('value' in spec) visit(spec.value, ['params', name, 'value'], declared, problems);
    declared.push(name);
  }
  visit(lab.intro, ['intro'], declared, problems);
  lab.tasks.forEach((task, i) => {
    const { title, hint, checks, answer } = task;
    visit({ title, hint, checks, answer }, ['tasks', i], declared, problems);
  });
  return problems;
}

function visit(value: unknown, path: (string | number)[], known: string[], out: RefProblem[]) {
  if (typeof value === 'string') {
    for (const { name, args } of placeholders(value)) {
      const live = (LIVE_REFS as readonly string[]).includes(name);
      if (args === null && !known.includes(name))
        out.push({ path, message: `{{${name}}} is not a parameter declared before it` });
      if (args !== null && !live)
        out.push({
          path,
          message: `{{${name}:…}} is not a live reference (${LIVE_REFS.join(', ')})`,
        });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v: unknown, i) => visit(v, [...path, i], known, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) visit(v, [...path, k], known, out);
  }
}
