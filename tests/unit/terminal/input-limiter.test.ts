import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputLimiter } from '../../../server/terminal/input-limiter.ts';

function limiter(rate: number, maxQueued: number) {
  let now = 0;
  const written: string[] = [];
  const input = new InputLimiter({
    rate,
    maxQueued,
    write: (data) => written.push(data.toString()),
    now: () => now,
  });
  return { input, written, advance: (ms: number) => (now += ms) };
}

describe('InputLimiter', () => {
  test('writes keystrokes at once while within the budget', () => {
    const { input, written } = limiter(100, 1000);
    input.push(Buffer.from('ls\r'));
    assert.deepEqual(written, ['ls\r']);
    input.stop();
  });

  test('holds input over the budget and writes it as the budget refills', () => {
    const { input, written, advance } = limiter(10, 1000);
    input.push(Buffer.from('abcdefghijKLMNO'));
    assert.deepEqual(written, ['abcdefghij']);
    advance(300);
    input.push(Buffer.alloc(0));
    assert.deepEqual(written, ['abcdefghij', 'KLM']);
    input.stop();
  });

  test('drops input beyond the queue cap and says so', () => {
    const { input } = limiter(1, 4);
    assert.equal(input.push(Buffer.from('abc')), true);
    assert.equal(input.push(Buffer.from('defgh')), false);
    input.stop();
  });
});
