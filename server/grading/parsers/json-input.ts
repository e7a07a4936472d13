/**
 * Reading `docker … inspect` JSON defensively: the grader may get
 * stderr mixed into stdout, a single object instead of an array, or fields that
 * an older or newer engine leaves out. Nothing here throws.
 */
import { inputLines, skipLine, skipText, type SkippedLine } from './input-lines.ts';

export type JsonRecord = Record<string, unknown>;

/** The items of a JSON array (or a lone object), and what around them could not be read. */
export interface JsonItems {
  items: unknown[];
  skipped: SkippedLine[];
}

/**
 * Parses a JSON array out of command output. When the whole text is not JSON,
 * tries the span from the first `[` to the last `]`, so a daemon error printed
 * next to the array (docker inspect of a missing name) does not hide the rest.
 */
export function parseJsonItems(text: string): JsonItems {
  const whole = tryParse(text.trim());
  if (whole.ok) return { items: asItems(whole.value), skipped: [] };
  const start = text.indexOf('[');
  const end = text.lastIndexOf(']');
  const inner = start >= 0 && end > start ? tryParse(text.slice(start, end + 1)) : whole;
  if (!inner.ok) {
    return text.trim() === ''
      ? { items: [], skipped: [] }
      : { items: [], skipped: [skipText(text.trim(), `not JSON: ${inner.error}`)] };
  }
  const outside = `${text.slice(0, start)}\n${text.slice(end + 1)}`;
  const skipped = inputLines(outside).map((line) => ({
    ...skipLine(line, 'text outside the JSON array'),
    line: null,
  }));
  return { items: asItems(inner.value), skipped };
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

function tryParse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function asItems(value: unknown): unknown[] {
  if (Array.isArray(value)) return value as unknown[];
  return value === null || value === undefined ? [] : [value];
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field; null when absent, not a string, or empty (Docker prints "" for "none"). */
export function stringField(object: JsonRecord, key: string): string | null {
  const value = object[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A finite number field; null otherwise. */
export function numberField(object: JsonRecord, key: string): number | null {
  const value = object[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A boolean field; false when absent or not a boolean. */
export function booleanField(object: JsonRecord, key: string): boolean {
  return object[key] === true;
}

/** A nested object field; null when absent or not an object. */
export function recordField(object: JsonRecord, key: string): JsonRecord | null {
  const value = object[key];
  return isRecord(value) ? value : null;
}

/** An array field; empty when absent or not an array. */
export function arrayField(object: JsonRecord, key: string): unknown[] {
  const value = object[key];
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** The string values of an array field, dropping anything else. */
export function stringsField(object: JsonRecord, key: string): string[] {
  return arrayField(object, key).filter((item): item is string => typeof item === 'string');
}

/** The string-valued entries of an object field, as a fresh record (safe for any key). */
export function stringMapField(object: JsonRecord, key: string): Record<string, string> {
  const entries = Object.entries(recordField(object, key) ?? {});
  return Object.fromEntries(
    entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** A short, single-line rendering of a JSON value for a skipped record. */
export function skipJson(value: unknown, reason: string): SkippedLine {
  // JSON.stringify returns undefined for undefined, which its type does not admit.
  const json = JSON.stringify(value) as string | undefined;
  return skipText(json ?? String(value), reason);
}
