import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { floodedBytes } from '../../../bench/peers/flood-command.ts';

describe('floodedBytes', () => {
  const cases: [string, string, number][] = [
    ['the count the flood wrote, with its newline', '4194304\n', 4194304],
    ['0 before the flood has written its first 4 MiB (no file: "0")', '0\n', 0],
    ['0 for an empty file, read while the flood rewrites it', '', 0],
    ['0 for anything but a number', 'cat: /tmp/flooded: No such file', 0],
  ];
  for (const [what, text, bytes] of cases)
    test(`returns ${bytes} for ${what}`, () => assert.equal(floodedBytes(text), bytes));
});
