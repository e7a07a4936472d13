/**
 * What people type and read: join codes (short, spoken aloud, typed on phones)
 * and learner names (shown to the instructor and the cohort).
 */
import { randomInt } from 'node:crypto';
import { NetlabError } from '../errors.ts';

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, U/V). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** A new join code, "XXX-XXX" from CODE_ALPHABET (~600 million codes). */
export function newJoinCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < 6; i++) {
    if (i === 3) code += '-';
    code += CODE_ALPHABET.charAt(random(CODE_ALPHABET.length));
  }
  return code;
}

/** A code as typed ("k7q 2mx", "K7Q2MX") in its canonical form, or null if it cannot be one. */
export function normalizeJoinCode(typed: string): string | null {
  const chars = typed.toUpperCase().replace(/[\s-]/g, '');
  if (!new RegExp(`^[${CODE_ALPHABET}]{6}$`).test(chars)) return null;
  return `${chars.slice(0, 3)}-${chars.slice(3)}`;
}

export const NAME_MAX = 40;

// Control characters, and the invisible formatting ones that reorder or hide text
// (bidi overrides, zero-width space), which would let a name pose as another.
// Zero-width joiners stay: emoji and some scripts need them.
const FORBIDDEN_IN_NAME =
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/u;

/** The learner name to store: trimmed, 1–40 characters, no control characters. */
export function validName(name: string): string {
  const trimmed = name.trim();
  // Characters as a reader counts them (an emoji with modifiers is one).
  const length = [...new Intl.Segmenter().segment(trimmed)].length;
  if (length < 1 || length > NAME_MAX) {
    throw new NetlabError(
      'NETLAB_ERR_BAD_REQUEST',
      `Your name must be 1 to ${NAME_MAX} characters long (it is ${length}).`,
    );
  }
  if (FORBIDDEN_IN_NAME.test(trimmed)) {
    throw new NetlabError(
      'NETLAB_ERR_BAD_REQUEST',
      'Your name may not contain control or invisible formatting characters.',
    );
  }
  return trimmed;
}
