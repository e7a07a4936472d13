/**
 * Engine events resolved to facts, on a real capture (tests/fixtures/engine-events):
 * web1 run, exec'd by name, by id and through sh -c, renamed web9, restarted,
 * stopped and started, connected and disconnected, killed, removed; then a new
 * web1, and a container that exited by itself.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  parseEngineEvents,
  sinceAfter,
} from '../../../../server/grading/evidence/engine-events.ts';
import {
  nameAt,
  networksAt,
  resolveFacts,
  runAt,
  storiesNamed,
} from '../../../../server/grading/evidence/facts.ts';

const fixture = path.resolve(
  import.meta.dirname,
  '../../../fixtures/engine-events/renames-restarts-ids.jsonl',
);
const events = parseEngineEvents(readFileSync(fixture, 'utf8'));
const facts = resolveFacts(events);
const [second, first] = storiesNamed(facts, 'web1');

describe('parseEngineEvents', () => {
  test('returns every container and network event with exact times and unique keys', () => {
    assert.equal(events.length, 49);
    assert.equal(new Set(events.map((e) => e.key)).size, events.length);
    assert.ok(events.every((e) => /^\d{19}$/.test(e.timeNano)));
  });

  test('returns an exec command apart from its action', () => {
    const exec = events.find((e) => e.action === 'exec_start');
    assert.equal(exec?.detail, 'ip a');
  });

  test('returns nothing for lines that are not JSON events', () => {
    assert.deepEqual(parseEngineEvents('not json\n{"Type":"image","Action":"tag"}\n'), []);
  });
});

describe('sinceAfter', () => {
  test('returns the next nanosecond as seconds with nine decimals', () => {
    assert.equal(sinceAfter('1796529814961928121'), '1796529814.961928122');
    assert.equal(sinceAfter('1796529814999999999'), '1796529815.000000000');
  });
});

describe('resolveFacts', () => {
  test('returns two containers for one name used twice, latest first', () => {
    assert.ok(first && second && first.id !== second.id);
    assert.equal(storiesNamed(facts, 'web9')[0]?.id, first.id);
  });

  test('returns the names a container had over time (a rename)', () => {
    assert.ok(first);
    assert.deepEqual(
      first.names.map((n) => n.name),
      ['web1', 'web9'],
    );
    const renamed = first.names[1]?.from ?? 0;
    assert.equal(nameAt(first, renamed - 1), 'web1');
    assert.equal(nameAt(first, renamed), 'web9');
  });

  test('returns execs by name and by id as the same container’s, with their exit codes', () => {
    assert.ok(first);
    assert.deepEqual(
      first.execs.map((e) => [e.command, e.exitCode]),
      [
        ['ip a', 0],
        ['ip address', 0],
        ['sh -c ip -4 a | grep -q inet', 0],
        ['ping -c 1 -W 1 nohost', 1],
        ['nothere', null],
      ],
    );
  });

  test('returns each run with how it ended: restart, stop and start, kill', () => {
    assert.ok(first);
    assert.deepEqual(
      first.runs.map((r) => [r.exitCode, r.signals]),
      [
        [137, [15, 9]],
        [137, [15, 9]],
        [137, [9]],
      ],
    );
    assert.ok(first.destroyed !== null);
  });

  test('returns a container that exited by itself with its code and no signal', () => {
    const [once] = storiesNamed(facts, 'once');
    assert.deepEqual(
      once?.runs.map((r) => [r.exitCode, r.signals]),
      [[1, []]],
    );
  });

  test('returns network memberships, a connect while running marked as by hand', () => {
    assert.ok(first);
    const side = first.networks.filter((n) => n.network === 'side');
    const [entry] = side;
    assert.ok(entry && side.length === 1);
    assert.equal(entry.byHand, true);
    assert.ok(first.networks.filter((n) => n.network === 'bridge').every((n) => !n.byHand));
    assert.deepEqual(networksAt(first, entry.from + 1).sort(), ['bridge', 'side']);
  });

  test('returns the run going on at a time, and none between runs', () => {
    assert.ok(first);
    const [a, b] = first.runs;
    assert.ok(a && b && a.end !== null);
    assert.equal(runAt(first, a.start + 1), a);
    assert.equal(runAt(first, (a.end + b.start) / 2), null);
  });
});
