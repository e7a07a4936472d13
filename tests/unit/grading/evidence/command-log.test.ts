/**
 * The shell-command recorder, end to end on a real capture: the lines of
 * tests/fixtures/commands/typed-lines.txt typed into the sandbox's bash (with
 * labs/images/sandbox/netlab.bashrc), and the log it wrote, parsed here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseCommandLog } from '../../../../server/grading/evidence/command-log.ts';
import { meaningsOfRecord } from '../../../../server/grading/evidence/meaning.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures/commands');
const log = readFileSync(path.join(fixtures, 'recorder-lists-pipelines-quoting.log'), 'utf8');
const { records, consumed } = parseCommandLog(log);
const texts = records.map((r) => r.text);

describe('parseCommandLog', () => {
  test('returns one record per executed simple command, in order, with its own status', () => {
    assert.deepEqual(
      records.slice(1, 4).map((r) => [r.text, r.status]),
      [
        ['brctl show', 0],
        ['docker run -d --name "web 1" busybox', 125],
        ['echo "docker exec web1 ip a"', 0],
      ],
    );
  });

  test('returns no record for a command that && or || skipped', () => {
    assert.equal(texts.filter((t) => t.includes('never') || t.includes('skipped')).length, 0);
    assert.deepEqual(
      records.slice(4, 6).map((r) => [r.text, r.status]),
      [
        ['false', 1],
        ['echo "docker exec web1 ip a"', 0],
      ],
    );
  });

  test('returns each element of a pipeline with its own status', () => {
    const at = texts.indexOf('ip -n node1 addr show dev cni0');
    assert.deepEqual(
      records.slice(at, at + 2).map((r) => [r.text, r.status]),
      [
        ['ip -n node1 addr show dev cni0', 0],
        ['grep -c inet', 0],
      ],
    );
  });

  test('returns a command after alias expansion', () => {
    assert.ok(texts.includes('ip -4 a > /dev/null'));
    assert.ok(!texts.some((t) => t.startsWith('ipa')));
  });

  test('returns a here-doc with its body, newlines unescaped', () => {
    const heredoc = texts.find((t) => t.startsWith('cat <<EOT'));
    assert.equal(heredoc, 'cat <<EOT\ntwolines with a tab\nand $HOME\nEOT\n');
  });

  test('returns a repeated command every time it ran', () => {
    assert.equal(texts.filter((t) => t === 'brctl show').length, 3);
  });

  test('returns quotes, backslashes and tabs as bash saw them', () => {
    assert.ok(texts.includes(`printf '%s\\n' "a \\"quoted\\" \\\\ backslash" 'tab\there'`));
  });

  test('returns times that order commands on one line', () => {
    const [brctl, run] = [records[1], records[2]];
    assert.ok(brctl && run && brctl.start < run.start && brctl.end <= run.start);
  });

  test('returns every byte consumed when the last line is whole', () => {
    assert.equal(consumed, Buffer.byteLength(log));
  });

  test('returns a line still being written unconsumed', () => {
    const part = parseCommandLog(`${log}1\t9\t1\t17965`);
    assert.equal(part.records.length, records.length);
    assert.equal(part.consumed, Buffer.byteLength(log));
  });

  const malformed: [string, string][] = [
    ['another version', '2\t1\t1\t1\t2\t0\tls\n'],
    ['a missing status', '1\t1\t1\t1\t2\t\tls\n'],
    ['an empty command', '1\t1\t1\t1\t2\t0\t\n'],
    ['text in a number field', '1\tx\t1\t1\t2\t0\tls\n'],
  ];
  for (const [what, line] of malformed)
    test(`returns no record for a line with ${what}`, () => {
      assert.equal(parseCommandLog(line).records.length, 0);
    });
});

describe('meaningsOfRecord', () => {
  test('returns what the recorded commands did, with words unquoted', () => {
    const shown = records.map((r) => meaningsOfRecord(r.text)[0]);
    assert.deepEqual(shown[1], { tool: 'brctl', where: 'here', action: 'show' });
    assert.deepEqual(shown[3], {
      tool: 'program',
      where: 'here',
      program: 'echo',
      args: ['docker exec web1 ip a'],
    });
    const at = texts.indexOf('ip -n node1 addr show dev cni0');
    assert.deepEqual(shown[at], { tool: 'ip', where: 'node1', object: 'address', action: 'show' });
    const sudo = texts.indexOf('sudo ip netns exec node1 ip -br a');
    assert.deepEqual(shown[sudo], {
      tool: 'ip',
      where: 'node1',
      object: 'address',
      action: 'show',
    });
  });

  test('returns nothing for a loop header or a line that is not one command', () => {
    assert.deepEqual(meaningsOfRecord('for n in 1 2'), []);
  });

  test('returns a word that needs expanding as not equal to any literal', () => {
    const [echo] = meaningsOfRecord('echo "$n" > /dev/null');
    assert.ok(echo?.tool === 'program' && echo.args[0] !== '$n' && echo.args[0]?.includes('$n'));
  });
});
