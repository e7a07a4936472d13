/**
 * Every lab proved on the real engine, on every Docker generation, as `netlab
 * lab test --all` does: in a fresh sandbox every task fails after setup and
 * passes after solution.sh, answers accept the live value and refuse a near
 * one, and each near miss fails its task with the words it names. Labs run one
 * after another, at most two sandboxes at once.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { GENERATION_IDS } from '../../server/generations.ts';
import { loadLabs, chooseParams, seededRandom } from '../../server/labs.ts';
import { readLabFiles } from '../../server/cli/lab-files.ts';
import { testLab } from '../../server/cli/lab-test.ts';
import { testDriver } from './helpers/driver.ts';

const labsDir = path.resolve(import.meta.dirname, '../../labs');
const driver = testDriver();
const seed = process.env.NETLAB_LAB_SEED ?? String(Date.now());
const timings: string[] = [];

describe('netlab lab test', () => {
  after(() => {
    console.warn(`lab check p50 (seed ${seed}): ${timings.join(', ')}`);
  });

  for (const generation of GENERATION_IDS)
    for (const lab of loadLabs(labsDir)) {
      test(
        `returns no failing step for ${lab.id} on ${generation}`,
        { timeout: 300_000 },
        async () => {
          const params = chooseParams(lab, seededRandom(`${seed}/${lab.id}`));
          const files = readLabFiles(path.join(labsDir, lab.id));
          const { rows, checkTimesMs } = await testLab(driver, lab, files, params, { generation });
          const sorted = [...checkTimesMs].sort((a, b) => a - b);
          timings.push(
            `${lab.id} ${generation} ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms`,
          );
          const failed = rows.filter((r) => !r.ok).map((r) => `${r.step} ${r.task}: ${r.note}`);
          assert.deepEqual(failed, [], `params ${JSON.stringify(params)}`);
          assert.ok(
            rows.some((r) => r.step.startsWith('near-miss')),
            'near misses ran',
          );
          assert.equal(
            rows.filter((r) => r.step === 'after').length,
            lab.tasks.filter((t) => t.kind !== 'answer').length,
          );
        },
      );
    }
});
