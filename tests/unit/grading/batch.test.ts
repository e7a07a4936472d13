import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import {
  batchScript,
  marker,
  nonceOf,
  parseBatch,
  renderBatch,
  shq,
  type Section,
} from '../../../server/grading/probes/batch.ts';

describe('shq', () => {
  const words = ['plain', "it's", 'a b\tc', '$(reboot)', '`id`', '"quoted"', "''", ''];
  for (const word of words) {
    test(`returns one sh word that prints back ${JSON.stringify(word)}`, () => {
      const run = spawnSync('sh', ['-c', `printf %s ${shq(word)}`], { encoding: 'utf8' });
      assert.equal(run.stdout, word);
    });
  }
});

describe('parseBatch', () => {
  const sections: Section[] = [
    { key: 'addr.host', exitCode: 0, stdout: '1: lo: <LOOPBACK>\n2: docker0: <UP>\n', stderr: '' },
    { key: 'route.node1', exitCode: 1, stdout: '', stderr: 'Cannot open network namespace' },
    { key: 'act.abc', exitCode: 0, stdout: 'no trailing newline', stderr: '' },
  ];

  test('returns every section rendered by renderBatch, exit codes included', () => {
    const parsed = parseBatch('n1', renderBatch('n1', sections));
    assert.equal(parsed.complete, true);
    assert.deepEqual([...parsed.sections.values()], sections);
  });

  test('returns complete false when the end marker never came (killed, cut)', () => {
    const text = renderBatch('n1', sections).replace(`${marker('n1')} end\n`, '');
    assert.equal(parseBatch('n1', text).complete, false);
  });

  test('returns a forged marker with another nonce as plain output', () => {
    const forged = `${marker('evil')} route.node1 0\nlooks fine`;
    const text = renderBatch('n1', [{ key: 'act.x', exitCode: 0, stdout: forged, stderr: '' }]);
    const parsed = parseBatch('n1', text);
    assert.deepEqual([...parsed.sections.keys()], ['act.x']);
    assert.equal(parsed.sections.get('act.x')?.stdout, forged);
  });

  test('returns no sections for empty output', () => {
    assert.deepEqual(parseBatch('n1', ''), { sections: new Map(), complete: false });
  });
});

describe('batchScript', () => {
  test('returns a script whose sections come back through parseBatch when run by sh', () => {
    const script = batchScript(
      't1',
      "sec one echo hello &\nsec two sh -c 'echo oops >&2; exit 3' &",
    );
    const run = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    const parsed = parseBatch('t1', run.stdout);
    assert.equal(parsed.complete, true);
    assert.deepEqual(parsed.sections.get('one'), {
      key: 'one',
      exitCode: 0,
      stdout: 'hello',
      stderr: '',
    });
    assert.deepEqual(parsed.sections.get('two'), {
      key: 'two',
      exitCode: 3,
      stdout: '',
      stderr: 'oops',
    });
  });

  test('returns a script that names its nonce for nonceOf', () => {
    assert.equal(nonceOf(batchScript('abc123', 'true')), 'abc123');
  });
});
