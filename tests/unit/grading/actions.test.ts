/**
 * The probes over what the reader did, on real captures: the engine events of
 * tests/fixtures/engine-events and the shell records of tests/fixtures/commands,
 * in a World where the second web1 and `once` exist now.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { EvidenceLog } from '../../../server/grading/evidence.ts';
import { storiesNamed } from '../../../server/grading/evidence/facts.ts';
import { exitedProbe, ranProbe, restartedProbe } from '../../../server/grading/probes/actions.ts';
import { checkSchema, type CheckOf } from '../../../server/grading/probes/check-schema.ts';
import { noNeeds, parseWorld } from '../../../server/grading/probes/world-read.ts';
import type { World } from '../../../server/grading/probes/world.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const evidence = new EvidenceLog();
evidence.absorb({
  events: readFileSync(path.join(fixtures, 'engine-events/renames-restarts-ids.jsonl'), 'utf8'),
  log: readFileSync(path.join(fixtures, 'commands/recorder-lists-pipelines-quoting.log'), 'utf8'),
  logStat: null,
});

function world(logs: Record<string, string> = {}): World {
  const facts = evidence.facts();
  const [web1] = storiesNamed(facts, 'web1');
  const [once] = storiesNamed(facts, 'once');
  const containers = [
    { Id: web1?.id, Name: '/web1', State: { Running: true, Pid: 4242 }, HostConfig: {} },
    { Id: once?.id, Name: '/once', State: { Running: false, Pid: 0, ExitCode: 1 }, HostConfig: {} },
  ];
  const w = parseWorld(
    {
      sections: new Map([
        [
          'containers',
          { key: 'containers', exitCode: 0, stdout: JSON.stringify(containers), stderr: '' },
        ],
      ]),
      complete: true,
    },
    noNeeds(),
  );
  for (const [name, text] of Object.entries(logs)) w.logs.set(name, { ok: true, value: text });
  return { ...w, netns: ['node1'], evidence };
}

function call<P extends 'ran' | 'exited' | 'restarted'>(raw: Record<string, unknown>): CheckOf<P> {
  return checkSchema.parse(raw) as CheckOf<P>;
}

describe('ranProbe', () => {
  const cases: [string, Record<string, unknown>, boolean, RegExp][] = [
    [
      'an exec by name or id in a renamed container',
      { probe: 'ran', ns: 'web9', command: 'ip address show' },
      true,
      /you ran: ip a/,
    ],
    [
      'a command through sh -c',
      { probe: 'ran', ns: 'web9', command: 'grep inet' },
      true,
      /sh -c ip -4 a/,
    ],
    [
      'a failing exec, when failure is wanted',
      { probe: 'ran', ns: 'web9', command: 'ping nohost', exit_code: 'nonzero' },
      true,
      /ping -c 1/,
    ],
    [
      'an exec of a program that is not there',
      { probe: 'ran', ns: 'web9', command: 'nothere', exit_code: 'any' },
      false,
      /never finished/,
    ],
    [
      'the new container of an old name',
      { probe: 'ran', ns: 'web1', command: 'ip address show' },
      false,
      /nothing was run in web1 yet/,
    ],
    [
      'a command typed before a container started',
      { probe: 'ran', command: 'brctl show', after_started: 'web1' },
      false,
      /before web1 last started/,
    ],
    [
      'a command typed in a netns',
      { probe: 'ran', ns: 'node1', command: 'ip address show' },
      true,
      /ip -n node1 addr show dev cni0/,
    ],
    [
      'a quoted command that only echoed',
      { probe: 'ran', ns: 'web1', command: 'ip a' },
      false,
      /nothing was run/,
    ],
    [
      'a docker run that failed',
      { probe: 'ran', command: 'docker run --name "web 1"', exit_code: 125 },
      true,
      /web 1/,
    ],
    [
      'a command run on the machine instead of node1',
      { probe: 'ran', ns: 'node1', command: 'brctl show' },
      false,
      /ran in the machine, not in node1/,
    ],
  ];
  for (const [what, raw, passed, said] of cases)
    test(`returns passed=${passed} for ${what}`, () => {
      const r = ranProbe(call<'ran'>(raw), world());
      assert.equal(r.passed, passed, r.actual.en);
      assert.match(r.actual.en, said);
      assert.ok(r.expected['zh-cn'] && r.actual['zh-cn']);
    });
});

describe('exitedProbe', () => {
  test('returns passed for a container that exited by itself with a non-zero code', () => {
    const r = exitedProbe(
      call<'exited'>({ probe: 'exited', container: 'once', exit_code: 'nonzero', by: 'itself' }),
      world(),
    );
    assert.equal(r.passed, true, r.actual.en);
  });

  test('returns the signal for a container that was killed', () => {
    const r = exitedProbe(
      call<'exited'>({ probe: 'exited', container: 'web9', by: 'itself' }),
      world(),
    );
    assert.equal(r.passed, false);
    assert.match(r.actual.en, /stopped from outside \(signal 9\), exit code 137/);
  });

  test('returns its last output when the log does not say why', () => {
    const raw = { probe: 'exited', container: 'once', log: 'Address in use' };
    const r = exitedProbe(call<'exited'>(raw), world({ once: 'false: nothing to say' }));
    assert.equal(r.passed, false);
    assert.match(r.actual.en, /once's last output was: false: nothing to say/);
  });

  test('returns a running container as not exited', () => {
    const r = exitedProbe(call<'exited'>({ probe: 'exited', container: 'web1' }), world());
    assert.match(r.actual.en, /web1 is running/);
  });
});

describe('restartedProbe', () => {
  test('returns failed for a container restarted before it was last connected by hand', () => {
    const r = restartedProbe(call<'restarted'>({ probe: 'restarted', container: 'web9' }), world());
    assert.equal(r.passed, false);
    assert.match(r.actual.en, /before its network settings last changed/);
  });

  test('returns failed for a container that ran once', () => {
    const r = restartedProbe(call<'restarted'>({ probe: 'restarted', container: 'web1' }), world());
    assert.equal(r.passed, false);
    assert.match(r.actual.en, /has run once/);
  });
});
