/**
 * The lab format reference (reference/lab-format, both languages) documents
 * the schema as it is: every lab field, every task field, and every probe with
 * each of its arguments, and nothing the schema does not have.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { labSchema, taskSchema } from '../../../server/labs.ts';
import { checkSchema } from '../../../server/grading/probes/check-schema.ts';

const DOCS = path.resolve(import.meta.dirname, '../../../src/content/docs');
const PAGES = {
  en: path.join(DOCS, 'reference/lab-format.mdx'),
  'zh-cn': path.join(DOCS, 'zh-cn/reference/lab-format.mdx'),
};

/** Table rows of a page section whose first cell is a name in backticks: name → the whole row. */
function rows(text: string, heading: RegExp): Map<string, string> {
  const start = text.search(heading);
  assert.ok(start >= 0, `no section ${String(heading)}`);
  const rest = text.slice(start);
  // The section runs to the next heading of the same level.
  const end = rest.indexOf('\n## ', 1);
  const section = end < 0 ? rest : rest.slice(0, end);
  const found = new Map<string, string>();
  for (const m of section.matchAll(/^\|\s*`([a-z_]+)`\s*\|.*$/gm)) found.set(m[1] ?? '', m[0]);
  return found;
}

const probes = checkSchema.options.map((o) => ({
  name: o.shape.probe.value,
  args: Object.keys(o.shape).filter((k) => k !== 'probe'),
}));

for (const [lang, file] of Object.entries(PAGES)) {
  const text = readFileSync(file, 'utf8');

  describe(`lab format page (${lang})`, () => {
    test('lists exactly the fields of a lab', () => {
      const documented = [...rows(text, /^## (Lab fields|实验字段)/m).keys()].sort();
      assert.deepEqual(documented, Object.keys(labSchema.shape).sort());
    });

    test('lists exactly the fields of a task', () => {
      const documented = [...rows(text, /^## (Task fields|任务字段)/m).keys()].sort();
      assert.deepEqual(documented, Object.keys(taskSchema.shape).sort());
    });

    test('lists exactly the probes, each with all its arguments', () => {
      const table = rows(text, /^## (Checks: the probes|检查：探针)/m);
      assert.deepEqual([...table.keys()].sort(), probes.map((p) => p.name).sort());
      for (const { name, args } of probes) {
        const missing = args.filter((a) => !(table.get(name) ?? '').includes(`\`${a}\``));
        assert.deepEqual(missing, [], `${name}: arguments not documented`);
      }
    });
  });
}
