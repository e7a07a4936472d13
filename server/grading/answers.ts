/**
 * Normalising what a reader types (and what a lab expects) before comparing:
 * case and surrounding spaces or quotes never matter, a prefix length is
 * optional for an address, `vethabc@if5` (as `ip a` prints it) is `vethabc`,
 * and `02-42-AC-11-00-02` is a MAC like `02:42:ac:11:00:02`.
 */
import { ipToNumber, sameAddress, splitCidr } from './probes/ipv4.ts';

/** What kind of value an answer is, which decides how it is compared. */
export type ValueKind = 'address' | 'subnet' | 'mac' | 'interface' | 'name' | 'text';

/** Trims, lowercases and removes quotes or backticks around the whole answer. */
function basic(text: string): string {
  return text
    .trim()
    .replace(/^(["'`])(.*)\1$/s, '$2')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The canonical form of an answer of this kind (used for comparing and for showing). */
export function normaliseAnswer(kind: ValueKind, text: string): string {
  const value = basic(text);
  switch (kind) {
    case 'interface':
      // "5: vethb5f4665@if4:" as copied from `ip a` → "vethb5f4665".
      return value
        .replace(/^\d+:\s*/, '')
        .replace(/:$/, '')
        .replace(/@.*$/, '');
    case 'mac':
      return value.replace(/^link\/ether\s+/, '').replaceAll('-', ':');
    case 'address':
    case 'subnet':
      return value.replace(/^inet\s+/, '').replace(/\s.*$/, '');
    default:
      return value;
  }
}

/**
 * True when the two values are the same answer of this kind. For addresses a
 * prefix length counts only when both give one; a subnet needs the same
 * network address and, when both give one, the same prefix length.
 */
export function sameValue(kind: ValueKind, given: string, right: string): boolean {
  const a = normaliseAnswer(kind, given);
  const b = normaliseAnswer(kind, right);
  if (kind === 'address' || kind === 'subnet') {
    if (ipToNumber(splitCidr(a).address) === null) return false;
    return sameAddress(a, b);
  }
  return a !== '' && a === b;
}
