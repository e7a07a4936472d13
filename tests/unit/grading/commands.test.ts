/** The command_ran probe over recorded command logs. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { evaluatePassive, isActive } from '../../../server/grading/probes.ts';
import { checkSchema } from '../../../server/grading/probes/check-schema.ts';
import { worldOf, type Recording } from '../../../server/grading/probes/recording.ts';

/** Judges a passive probe call on a world recorded from a real sandbox (tests/fixtures/grading). */
function judge(fixture: string, raw: unknown) {
  const file = path.join(import.meta.dirname, '../../fixtures/grading', `${fixture}.json`);
  const call = checkSchema.parse(raw);
  assert.ok(!isActive(call), 'passive probes only');
  return evaluatePassive(call, worldOf(JSON.parse(readFileSync(file, 'utf8')) as Recording));
}

// [fixture, probe call, passes, the value it reads (or null), words in what it saw]
const cases: [string, Record<string, unknown>, boolean, string | null, string][] = [
  [
    'bridge-solved',
    { probe: 'command_ran', pattern: '^brctl show', after_started: 'busybox1' },
    true,
    'brctl show',
    'you ran: brctl show',
  ],
  [
    'bridge-solved',
    { probe: 'command_ran', pattern: '^brctl show', after_started: 'nobody' },
    false,
    null,
    'nobody has not been started',
  ],
  [
    'bridge-solved',
    { probe: 'command_ran', pattern: '^brctl show', exit_code: 'nonzero' },
    false,
    null,
    'you ran "brctl show", which exited with 0',
  ],
  ['bridge-solved', { probe: 'command_ran', pattern: '^ip a' }, false, null, 'no command like it'],
  [
    'bridge-solved',
    { probe: 'command_ran', pattern: '(' },
    false,
    null,
    'not a valid regular expression',
  ],
  [
    'bridge-fresh',
    { probe: 'command_ran', pattern: '^brctl show' },
    false,
    null,
    'no commands have been typed',
  ],
  [
    'static-ip-solved',
    { probe: 'command_ran', pattern: '--ip', exit_code: 'nonzero' },
    true,
    'docker run -d --ip 192.168.31.40 --name try busybox sleep 3600',
    'you ran: docker run -d --ip',
  ],
  [
    'static-ip-solved',
    { probe: 'command_ran', pattern: 'restart', exit_code: 'any' },
    true,
    'docker restart -t 0 busybox2',
    'you ran: docker restart',
  ],
];

describe('commandRanProbe', () => {
  for (const [fixture, call, passed, value, words] of cases) {
    test(`returns passed=${passed} for ${JSON.stringify(call)} on ${fixture}`, () => {
      const result = judge(fixture, call);
      assert.equal(result.passed, passed, `${result.expected.en} / ${result.actual.en}`);
      assert.equal(result.value, value);
      assert.ok(result.actual.en.includes(words), `"${result.actual.en}" lacks "${words}"`);
      assert.notEqual(result.expected['zh-cn'], result.expected.en);
    });
  }
});
