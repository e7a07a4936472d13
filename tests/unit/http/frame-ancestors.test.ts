import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { frameAncestorsPolicy } from '../../../server/http/frame-ancestors.ts';
import { originAllowed } from '../../../server/terminal/origin.ts';

describe('frameAncestorsPolicy', () => {
  test('returns only the server itself when no origin is allowed', () => {
    assert.equal(frameAncestorsPolicy([]), "frame-ancestors 'self'");
  });

  test('returns the allowed origins after the server itself, trailing slashes dropped, once each', () => {
    assert.equal(
      frameAncestorsPolicy([
        'https://lms.example.edu',
        'http://127.0.0.1:8081/',
        'https://lms.example.edu',
      ]),
      "frame-ancestors 'self' https://lms.example.edu http://127.0.0.1:8081",
    );
  });

  test('returns no entry that the terminal refuses too: a path, upper case', () => {
    const entries = ['https://lms.example.edu/course/1', 'https://Upper.example.edu'];
    assert.equal(frameAncestorsPolicy(entries), "frame-ancestors 'self'");
    for (const origin of ['https://lms.example.edu', 'https://upper.example.edu']) {
      assert.equal(originAllowed(origin, 'netlab.example', entries), false, origin);
    }
  });

  test('returns no entry that is not a web origin or would break the header', () => {
    const entries = [
      'ftp://files.example.edu',
      'not a url',
      "https://x.example; script-src 'unsafe-inline'",
    ];
    assert.equal(frameAncestorsPolicy(entries), "frame-ancestors 'self'");
  });
});
