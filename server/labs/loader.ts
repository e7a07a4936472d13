/**
 * Loads and validates labs/<id>/lab.yaml. Errors name the file, the line
 * and the field, so a lab author can fix them without guessing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { LabSummary } from '../protocol.ts';
import { labSchema, type Lab, type LabFile } from './schema.ts';
import { checkReferences } from './params.ts';

export class LabError extends Error {
  override name = 'LabError';
}

/** Reads a setup script named in lab.yaml (`setup: [{file: …}]`), relative to the lab's folder. */
export type ReadSetupFile = (relativePath: string) => string;

/**
 * Parses one lab file's text; `file` is used in messages and, by default, to
 * find setup scripts next to it.
 */
export function parseLab(
  text: string,
  file: string,
  readSetupFile: ReadSetupFile = (relative) => readNextTo(file, relative),
): Lab {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    throw new LabError(`${file}:${line}: invalid YAML: ${yamlError.message.split('\n')[0] ?? ''}`);
  }
  const where = (fieldPath: PropertyKey[]) =>
    `${file}:${lineOf(doc, fieldPath, lineCounter)}: ${fieldPath.join('.') || '(top level)'}`;
  const result = labSchema.safeParse(doc.toJS());
  if (!result.success) {
    const messages = result.error.issues.map((i) => `${where(i.path)}: ${i.message}`);
    throw new LabError(messages.join('\n'));
  }
  const problems = [...checkReferences(result.data), ...duplicateTasks(result.data)];
  if (problems.length > 0)
    throw new LabError(problems.map((p) => `${where(p.path)}: ${p.message}`).join('\n'));
  return { ...result.data, setup: readSetup(result.data, readSetupFile, where) };
}

function readSetup(
  lab: LabFile,
  readSetupFile: ReadSetupFile,
  where: (fieldPath: PropertyKey[]) => string,
): string[] {
  return lab.setup.map((step, i) => {
    if (typeof step === 'string') return step;
    try {
      return readSetupFile(step.file);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new LabError(`${where(['setup', i, 'file'])}: cannot read ${step.file}: ${reason}`);
    }
  });
}

function readNextTo(labFile: string, relative: string): string {
  const labsDir = path.resolve(path.dirname(labFile), '..');
  const target = path.resolve(path.dirname(labFile), relative);
  // A lab may reuse another lab's script, but nothing outside the labs folder.
  if (!target.startsWith(labsDir + path.sep)) throw new Error('it is outside the labs folder');
  return readFileSync(target, 'utf8');
}

function duplicateTasks(lab: LabFile): { path: (string | number)[]; message: string }[] {
  const seen = new Set<string>();
  return lab.tasks.flatMap((task, i) => {
    if (!seen.has(task.id)) {
      seen.add(task.id);
      return [];
    }
    return [{ path: ['tasks', i, 'id'], message: `task id "${task.id}" is used twice` }];
  });
}

function lineOf(doc: Document, fieldPath: PropertyKey[], lineCounter: LineCounter): number {
  // The deepest node that exists: a missing field is reported where its parent is.
  for (let depth = fieldPath.length; depth >= 0; depth--) {
    const node = doc.getIn(fieldPath.slice(0, depth) as (string | number)[], true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

/** The lab folders under `dir`: every folder holding a lab.yaml (images/ is not a lab). */
export function labIds(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory() && name !== 'images')
    .filter((name) => statSync(path.join(dir, name, 'lab.yaml'), { throwIfNoEntry: false }))
    .sort();
}

/**
 * The one way a lab is loaded, by the server, the CLI and the site alike:
 * labs/<id>/lab.yaml parsed, checked against the schema, its references and
 * duplicates, its setup files read, and its id matched to its folder.
 */
export function loadLab(dir: string, id: string): Lab {
  const file = path.join(dir, id, 'lab.yaml');
  const shown = path.relative(process.cwd(), file);
  const lab = parseLab(readFileSync(file, 'utf8'), shown, (relative) => readNextTo(file, relative));
  if (lab.id !== id)
    throw new LabError(`${shown}:1: id: "${lab.id}" must match its folder "${id}"`);
  return lab;
}

/** Every lab under `dir`, sorted by chapter. */
export function loadLabs(dir: string): Lab[] {
  const labs = labIds(dir).map((id) => loadLab(dir, id));
  return labs.sort((a, b) => a.chapter - b.chapter || a.id.localeCompare(b.id));
}

/** The lab as GET /api/labs lists it (texts may still hold `{{param}}` placeholders). */
export function summarize(lab: Lab): LabSummary {
  return {
    id: lab.id,
    title: lab.title,
    chapter: lab.chapter,
    tasks: lab.tasks.map((t) => ({ id: t.id, title: t.title, kind: t.kind })),
  };
}
