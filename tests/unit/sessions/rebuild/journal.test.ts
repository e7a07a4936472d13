import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readJournal } from '../../../../server/sessions/rebuild/journal.ts';

/** A log as netlab.bashrc writes it: a line record, then its commands' records. */
const LOG = [
  '2\t40\t1\t1000\tx=3; echo "$x" | cat',
  '1\t40\t1\t1000\t1100\t0\tx=3',
  '1\t40\t2\t1100\t1200\t0\techo "$x"',
  '1\t40\t3\t1200\t1300\t0\tcat',
  '2\t40\t4\t2000\tfalse || true',
  '1\t40\t4\t2000\t2100\t1\tfalse',
  '1\t40\t5\t2100\t2200\t0\ttrue',
  '2\t41\t1\t1500\tdocker network create n1',
  '1\t41\t1\t1500\t1900\t0\tdocker network create n1',
  '2\t40\t6\t3000\tcat <<EOF\\nhi\\nEOF',
  '1\t40\t6\t3000\t3100\t0\tcat <<EOF\\nhi\\nEOF\\n',
  '2\t40\t7\t4000\tsleep 100',
  '',
].join('\n');

describe('readJournal', () => {
  test('joins each line with its commands, in the order the lines started', () => {
    const { lines, orphans } = readJournal(LOG);
    assert.equal(orphans, 0);
    assert.deepEqual(
      lines.map((l) => [l.shellPid, l.text, l.status, l.commands.length]),
      [
        [40, 'x=3; echo "$x" | cat', 0, 3],
        [41, 'docker network create n1', 0, 1],
        [40, 'false || true', 0, 2],
        [40, 'cat <<EOF\nhi\nEOF', 0, 1],
        [40, 'sleep 100', null, 0],
      ],
    );
  });

  test('gives a line the end of its last command', () => {
    const first = readJournal(LOG).lines[0];
    assert.deepEqual([first?.start, first?.end], [1000, 1300]);
  });

  test('counts commands no line record covers as orphans', () => {
    const old = '1\t40\t1\t1000\t1100\t0\tdocker ps\n';
    assert.deepEqual(readJournal(old), { lines: [], orphans: 1 });
  });

  test('skips lines that have no shape it knows', () => {
    assert.deepEqual(readJournal('2\tx\t1\t1\tls\n3\t1\t1\t1\tls\ngarbage'), {
      lines: [],
      orphans: 0,
    });
  });
});
