/**
 * What a probe returns, and the helpers that phrase it: every probe says what
 * it expected and what it saw in words, in both languages, and never throws.
 */
import { sameValue, type ValueKind } from '../answers.ts';
import { inCidr } from './ipv4.ts';
import { t, type Text } from './text.ts';

/** One probe's verdict. `value` is its reading (an answer task's right answer). */
export interface ProbeResult {
  passed: boolean;
  expected: Text;
  actual: Text;
  value: string | null;
}

/** A reading of some value, or why there is none. */
export type ValueReading = { ok: true; value: string } | { ok: false; why: Text };

/** Conditions on a value a check may set. */
export interface ValueCondition {
  equals?: string | undefined;
  in?: string | undefined;
}

/** Builds a result. */
export function result(passed: boolean, expected: Text, actual: Text, value: string | null = null) {
  return { passed, expected, actual, value } satisfies ProbeResult;
}

/**
 * Judges a read value against `equals`/`in`. `subject` names the value, e.g.
 * "the address of busybox2 on my_bridge2" / "busybox2 在 my_bridge2 上的地址".
 */
export function judgeValue(
  subject: Text,
  reading: ValueReading,
  condition: ValueCondition,
  kind: ValueKind,
): ProbeResult {
  const expected = expectedText(subject, condition);
  if (!reading.ok) return result(false, expected, reading.why);
  const actual = t(`${subject.en} is ${reading.value}`, `${subject['zh-cn']}为 ${reading.value}`);
  const passed =
    (condition.equals === undefined || sameValue(kind, reading.value, condition.equals)) &&
    (condition.in === undefined || inCidr(reading.value, condition.in));
  return result(passed, expected, actual, reading.value);
}

function expectedText(subject: Text, condition: ValueCondition): Text {
  const { equals, in: within } = condition;
  if (equals !== undefined)
    return t(`${subject.en} is ${equals}`, `${subject['zh-cn']}为 ${equals}`);
  if (within !== undefined)
    return t(`${subject.en} is inside ${within}`, `${subject['zh-cn']}在 ${within} 之内`);
  return t(`${subject.en} exists`, `${subject['zh-cn']}存在`);
}

/** A failure that happened before the probe could look (a live reference, a missing namespace). */
export function cannotLook(subject: Text, why: Text): ProbeResult {
  return result(false, t(`${subject.en} can be checked`, `可以检查${subject['zh-cn']}`), why);
}

/** Matches `*` as "any run of characters", everything else literally. */
export function globMatch(pattern: string, text: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(text);
}
