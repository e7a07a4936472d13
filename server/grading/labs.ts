/**
 * Loads and validates every labs/<id>/lab.yaml. Errors name the file, the line
 * and the field, so a lab author can fix them without guessing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { LabSummary } from '../protocol.ts';
import { labSchema, type Lab } from './lab-schema.ts';

export class LabError extends Error {
  override name = 'LabError';
}

/** Parses one lab file's text; `file` is used in messages only. */
export function parseLab(text: string, file: string): Lab {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    throw new LabError(`${file}:${line}: invalid YAML: ${yamlError.message.split('\n')[0] ?? ''}`);
  }
  const result = labSchema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(top level)';
    const line = lineOf(doc, issue.path, lineCounter);
    return `${file}:${line}: ${field}: ${issue.message}`;
  });
  throw new LabError(messages.join('\n'));
}

function lineOf(doc: Document, fieldPath: PropertyKey[], lineCounter: LineCounter): number {
  // The deepest node that exists: a missing field is reported where its parent is.
  for (let depth = fieldPath.length; depth >= 0; depth--) {
    const node = doc.getIn(fieldPath.slice(0, depth) as (string | number)[], true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

/** Every lab under `dir` (one folder each, holding lab.yaml), sorted by chapter. */
export function loadLabs(dir: string): Lab[] {
  const labs = readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory() && name !== 'images')
    .filter((name) => statSync(path.join(dir, name, 'lab.yaml'), { throwIfNoEntry: false }))
    .map((name) => {
      const file = path.join(dir, name, 'lab.yaml');
      const lab = parseLab(readFileSync(file, 'utf8'), path.relative(process.cwd(), file));
      if (lab.id !== name)
        throw new LabError(`${file}:1: id: "${lab.id}" must match its folder "${name}"`);
      return lab;
    });
  return labs.sort((a, b) => a.chapter - b.chapter || a.id.localeCompare(b.id));
}

export function summarize(lab: Lab): LabSummary {
  return {
    id: lab.id,
    title: lab.title,
    chapter: lab.chapter,
    tasks: lab.tasks.map((t) => ({ id: t.id, title: t.title, kind: t.kind })),
  };
}
