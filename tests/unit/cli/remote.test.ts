import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseGrade, parseWorkshopCreate, UsageError } from '../../../server/cli/remote.ts';

describe('parseGrade', () => {
  test('returns a session grade with the session token and a full pass mark by default', () => {
    const command = parseGrade(['--session', 'abc', '--token', 't'], {});
    assert.deepEqual(command, {
      kind: 'grade',
      target: 'session',
      id: 'abc',
      server: 'http://localhost:8080',
      token: 't',
      passMark: 100,
      json: false,
    });
  });

  test('returns a workshop grade that falls back to ADMIN_TOKEN and NETLAB_SERVER', () => {
    const command = parseGrade(['--workshop', 'w1', '--pass-mark', '60', '--json'], {
      ADMIN_TOKEN: 'admin',
      NETLAB_SERVER: 'http://lab:9000',
    });
    assert.equal(command.kind === 'grade' && command.target, 'workshop');
    assert.equal(command.token, 'admin');
    assert.equal(command.server, 'http://lab:9000');
    assert.equal(command.kind === 'grade' && command.passMark, 60);
  });

  test('never sends ADMIN_TOKEN for a session', () => {
    assert.equal(parseGrade(['--session', 'a'], { ADMIN_TOKEN: 'admin' }).token, undefined);
  });

  const bad: [string, string[], RegExp][] = [
    ['neither target', [], /exactly one of/],
    ['both targets', ['--session', 'a', '--workshop', 'b'], /exactly one of/],
    ['a pass mark over 100', ['--session', 'a', '--pass-mark', '101'], /whole percent/],
    ['a fractional pass mark', ['--session', 'a', '--pass-mark', '50.5'], /whole percent/],
    ['a server that is not a URL', ['--session', 'a', '--server', 'lab'], /not a URL/],
  ];
  for (const [name, argv, message] of bad) {
    test(`throws a usage error for ${name}`, () => {
      assert.throws(
        () => parseGrade(argv, {}),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
      );
    });
  }
});

describe('parseWorkshopCreate', () => {
  test('returns the request the web form would send', () => {
    const command = parseWorkshopCreate(
      [
        '--title',
        'Onboarding',
        '--labs',
        'bridge, subnet',
        '--capacity',
        '12',
        '--random-params',
        '--starts',
        '2026-12-01T09:00:00Z',
        '--webhook',
        'http://127.0.0.1:9/hook',
      ],
      { ADMIN_TOKEN: 'admin' },
    );
    assert.ok(command.kind === 'workshop-create');
    assert.equal(command.token, 'admin');
    assert.deepEqual(command.request, {
      title: 'Onboarding',
      labs: ['bridge', 'subnet'],
      capacity: 12,
      randomParams: true,
      startsAt: '2026-12-01T09:00:00.000Z',
      webhookUrl: 'http://127.0.0.1:9/hook',
    });
  });

  const bad: [string, string[], RegExp][] = [
    ['no title', ['--labs', 'bridge'], /--title/],
    ['no labs', ['--title', 'x', '--labs', ' , '], /--labs/],
    ['a zero capacity', ['--title', 'x', '--labs', 'bridge', '--capacity', '0'], /positive/],
    ['an unreadable start', ['--title', 'x', '--labs', 'bridge', '--starts', 'soon'], /--starts/],
  ];
  for (const [name, argv, message] of bad) {
    test(`throws a usage error for ${name}`, () => {
      assert.throws(
        () => parseWorkshopCreate(argv, {}),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
      );
    });
  }
});
