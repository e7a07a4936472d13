/**
 * The session's evidence log: reads add what is new and nothing twice, the
 * cursor moves past what was read, and a log rewritten in the sandbox or a burst
 * longer than the engine's replay buffer is noted instead of silently lost.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ENGINE_REPLAY_LIMIT, EvidenceLog } from '../../../server/grading/evidence.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const events = readFileSync(
  path.join(fixtures, 'engine-events/renames-restarts-ids.jsonl'),
  'utf8',
);
const log = readFileSync(
  path.join(fixtures, 'commands/recorder-lists-pipelines-quoting.log'),
  'utf8',
);
const size = Buffer.byteLength(log);

describe('EvidenceLog.absorb', () => {
  test('returns each event and record once when reads overlap', () => {
    const evidence = new EvidenceLog();
    evidence.absorb({ events, log, logStat: `${size} 42` });
    evidence.absorb({ events, log: '', logStat: `${size} 42` });
    assert.equal(evidence.events.length, 49);
    assert.equal(evidence.commands.length, 20);
  });

  test('returns a cursor after the last event and the bytes read', () => {
    const evidence = new EvidenceLog();
    evidence.absorb({ events, log, logStat: `${size} 42` });
    const lastNano = /"timeNano":(\d+)/g;
    const all = [...events.matchAll(lastNano)].map((m) => BigInt(m[1] ?? '0'));
    const last = all.reduce((a, b) => (b > a ? b : a));
    assert.equal(evidence.cursor.since.replace('.', ''), (last + 1n).toString());
    assert.equal(evidence.cursor.logOffset, size);
    assert.equal(evidence.cursor.logInode, '42');
  });

  test('returns the records kept and a gap noted when the log is truncated', () => {
    const evidence = new EvidenceLog();
    evidence.absorb({ events: null, log, logStat: `${size} 42` });
    evidence.absorb({ events: null, log: '', logStat: '0 42' });
    assert.equal(evidence.commands.length, 20);
    assert.equal(evidence.cursor.logOffset, 0);
    assert.match(evidence.gaps.join(), /truncated or replaced/);
  });

  test('returns a gap noted when a read brings as many events as the engine keeps', () => {
    const evidence = new EvidenceLog();
    evidence.absorb({ events, log: null, logStat: null });
    const many = Array.from(
      { length: ENGINE_REPLAY_LIMIT },
      (_, i) =>
        `{"Type":"container","Action":"exec_die","Actor":{"ID":"c","Attributes":{"execID":"${i}"}},"timeNano":${1900000000000000000 + i}}`,
    ).join('\n');
    evidence.absorb({ events: many, log: null, logStat: null });
    assert.match(evidence.gaps.join(), /some may be missing/);
  });
});

describe('EvidenceLog.openExecs', () => {
  const exec = (action: string, id: string, nano: number) =>
    `{"Type":"container","Action":"${action}","Actor":{"ID":"c","Attributes":{"execID":"${id}"}},"timeNano":${nano}}`;

  test('returns the execs started and not yet ended: a shell open in a container', () => {
    const evidence = new EvidenceLog();
    evidence.absorb({
      events: [
        exec('exec_create: sh', 'e1', 1),
        exec('exec_start: sh', 'e1', 2),
        exec('exec_start: ip a', 'e2', 3),
        exec('exec_die', 'e2', 4),
      ].join('\n'),
      log: null,
      logStat: null,
    });
    assert.equal(evidence.openExecs(), 1);
    evidence.absorb({ events: exec('exec_die', 'e1', 5), log: null, logStat: null });
    assert.equal(evidence.openExecs(), 0);
  });
});
