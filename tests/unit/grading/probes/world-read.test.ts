import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { noNeeds, worldScript } from '../../../../server/grading/probes/world-read.ts';

describe('worldScript', () => {
  const needs = { ...noNeeds(), evidence: true };
  const script = worldScript('n0nce', needs, { since: '17.5', logOffset: 120, logInode: '7' });
  const at = (text: string) => script.indexOf(text);

  test('marks where the evidence stops before it reads any state', () => {
    assert.ok(at('t0=$(date +%s.%N)') >= 0);
    assert.ok(
      at('t0=$(date +%s.%N)') < at('sec containers'),
      'the mark comes before the containers',
    );
    assert.ok(at('sec containers') < at('sec events'), 'the events are read after the state');
  });

  test('reads events and shell records from the cursor up to the mark, not to the moment they are read', () => {
    assert.match(script, /events\?since=17\.5&until=\$t0&/);
    assert.match(script, /sh 121 "\$s0" &/);
  });

  test('returns no marks when no check needs the evidence', () => {
    assert.equal(worldScript('n0nce', noNeeds()).includes('t0='), false);
  });
});
