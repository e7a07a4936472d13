import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  activeLine,
  judgeActive,
  planActive,
  type ActiveCall,
} from '../../../server/grading/probes/active.ts';
import { checkSchema } from '../../../server/grading/probes/check-schema.ts';
import type { World } from '../../../server/grading/probes/world.ts';

const call = (raw: Record<string, unknown>) => checkSchema.parse(raw) as ActiveCall;
const section = (exitCode: number, stdout: string, stderr = '') => ({
  key: 'act.x',
  exitCode,
  stdout,
  stderr,
});
const status = (code: string) => `\n@@netlab-n1-status ${code}\n`;

describe('judgeActive', () => {
  const cases: [string, ActiveCall, ReturnType<typeof section>, boolean, string][] = [
    [
      'a ping that got a reply',
      call({ probe: 'can_reach', from: 'box1', to: '172.18.0.3' }),
      section(0, '172.18.0.3\n'),
      true,
      '172.18.0.3 answered',
    ],
    [
      'a ping with no reply',
      call({ probe: 'can_reach', from: 'box1', to: '172.18.0.3' }),
      section(1, '172.18.0.3\n'),
      false,
      'no reply to ping',
    ],
    [
      'no reply when it must be blocked',
      call({ probe: 'can_reach', from: 'a', to: '10.0.0.1', reachable: false }),
      section(1, ''),
      true,
      'did not answer',
    ],
    [
      'a name that does not resolve',
      call({ probe: 'can_reach', from: 'box1', to: 'box2' }),
      section(3, '', 'the name box2 does not resolve\n'),
      false,
      'the name box2 does not resolve',
    ],
    [
      'a refused TCP connect',
      call({ probe: 'can_reach', from: 'host', to: '127.0.0.1', port: 80 }),
      section(1, '127.0.0.1\n', 'bash: connect: Connection refused\n'),
      false,
      'Connection refused',
    ],
    [
      'one page with the whole body',
      call({
        probe: 'http_get',
        from: 'pod-a',
        url: 'http://10.96.0.10/',
        body: 'hello from pod-b',
      }),
      section(0, `hello from pod-b${status('200')}`),
      true,
      '1 answer(s) with 200: hello from pod-b',
    ],
    [
      'a page that only contains the body',
      call({ probe: 'http_get', from: 'pod-a', url: 'http://10.96.0.10/', body: 'hello' }),
      section(0, `hello from pod-b${status('200')}`),
      false,
      'it answered 200: hello from pod-b',
    ],
    [
      'a page naming two backends where one was wanted',
      call({
        probe: 'http_get',
        from: 'pod-a',
        url: 'http://x/',
        body: ['api pod-d', 'hello from pod-b'],
      }),
      section(0, `hello from pod-b api pod-d${status('200')}`),
      false,
      'it answered 200: hello from pod-b api pod-d',
    ],
    [
      'an address in its IPv4-mapped form',
      call({ probe: 'http_get', from: 'pod-a', url: 'http://x/', body: '10.244.1.2' }),
      section(0, `[::ffff:10.244.1.2]${status('200')}`),
      true,
      '1 answer(s) with 200: [::ffff:10.244.1.2]',
    ],
    [
      'a longer address that starts the same',
      call({ probe: 'http_get', from: 'pod-a', url: 'http://x/', body: '10.244.1.2' }),
      section(0, `[::ffff:10.244.1.254]${status('200')}`),
      false,
      'it answered 200: [::ffff:10.244.1.254]',
    ],
    [
      'a 404',
      call({ probe: 'http_get', from: 'pod-a', url: 'http://x/' }),
      section(0, `<h1>404 Not Found</h1>${status('404')}`),
      false,
      'it answered 404: <h1>404 Not Found</h1>',
    ],
    [
      'no connection',
      call({ probe: 'http_get', from: 'host', url: 'http://x/' }),
      section(28, status('000'), 'curl: (28) Connection timed out\n'),
      false,
      'no HTTP answer: curl: (28) Connection timed out',
    ],
    [
      'one of the repeats unanswered',
      call({
        probe: 'http_get',
        from: 'host',
        url: 'http://x/',
        repeat: 3,
        body: ['pod-a', 'pod-c'],
      }),
      section(0, `pod-a${status('200')}${status('000')}pod-a${status('200')}`),
      false,
      'no HTTP answer (request 2 of 3): nothing came back',
    ],
    [
      'both endpoints seen',
      call({ probe: 'http_get', from: 'a', url: 'http://x/', repeat: 3, seen: ['pod-b', 'pod-c'] }),
      section(0, `pod-b${status('200')}pod-c${status('200')}pod-b${status('200')}`),
      true,
      '3 answer(s) with 200: pod-b | pod-c',
    ],
    [
      'one endpoint never seen',
      call({ probe: 'http_get', from: 'a', url: 'http://x/', repeat: 2, seen: ['pod-b', 'pod-c'] }),
      section(0, `pod-b${status('200')}pod-b${status('200')}`),
      false,
      '2 answer(s) with 200: pod-b',
    ],
    [
      'a shell command that printed the match',
      call({ probe: 'shell', command: 'ifconfig eth0', stdout: 'inet 192\\.168\\.' }),
      section(0, 'inet 192.168.31.2  netmask 255.255.255.0'),
      true,
      'it exited with 0',
    ],
    [
      'a shell command that is missing',
      call({ probe: 'shell', command: 'ifconfig' }),
      section(127, '', 'ifconfig: not found'),
      false,
      'it exited with 127 and printed: ifconfig: not found',
    ],
    [
      'a shell pattern that is not a regular expression',
      call({ probe: 'shell', command: 'true', stdout: '(' }),
      section(0, '('),
      false,
      'it exited with 0',
    ],
  ];
  for (const [what, given, output, passed, words] of cases) {
    test(`returns passed=${passed} for ${what}`, () => {
      const result = judgeActive(given, output, 'n1');
      assert.equal(result.passed, passed, result.actual.en);
      assert.ok(result.actual.en.includes(words), `"${result.actual.en}" lacks "${words}"`);
    });
  }

  test('returns a failure when the section never came back', () => {
    const result = judgeActive(call({ probe: 'shell', command: 'true' }), undefined, 'n1');
    assert.equal(result.passed, false);
    assert.equal(result.actual.en, 'the check did not finish in time');
  });
});

const world = (netns: string[]): World => ({
  containers: [],
  extras: new Map(),
  networks: [],
  netns,
  namespaces: [
    { name: 'host', kind: 'host', handle: 'host', interfaces: [], error: null },
    ...netns.map((n) => ({
      name: n,
      kind: 'netns' as const,
      handle: n,
      interfaces: [],
      error: null,
    })),
  ],
  aliases: new Map(),
  routes: new Map(),
  iptables: new Map(),
  evidenceRead: null,
  evidence: null,
  images: null,
  listeners: new Map(),
  pidNamespaces: new Map(),
  logs: new Map(),
  packages: new Map(),
  complete: true,
  problems: [],
});

describe('planActive', () => {
  test('returns a command run in the named netns', () => {
    const plan = planActive(
      call({ probe: 'can_reach', from: 'pod-a', to: '10.244.2.2' }),
      world(['pod-a']),
      'n1',
    );
    assert.ok(plan.ok);
    assert.equal(plan.handle, 'pod-a');
    assert.match(
      activeLine('act.1', plan),
      /^sec 'act\.1' in_ns 'pod-a' timeout -s KILL 8 sh -c '/,
    );
  });

  test('returns a failure for a namespace that does not exist', () => {
    const plan = planActive(
      call({ probe: 'http_get', from: 'pod-z', url: 'http://x/' }),
      world([]),
      'n1',
    );
    assert.ok(!plan.ok);
    assert.match(plan.result.actual.en, /there is no container or network namespace named pod-z/);
  });

  test('returns a failure for a name looked up outside a container', () => {
    const plan = planActive(
      call({ probe: 'can_reach', from: 'pod-a', to: 'pod-b' }),
      world(['pod-a']),
      'n1',
    );
    assert.ok(!plan.ok);
    assert.match(plan.result.actual.en, /only containers have Docker's DNS/);
  });

  test('returns one quoted URL per request for a repeated GET', () => {
    const plan = planActive(
      call({ probe: 'http_get', from: 'host', url: "http://x/'a", repeat: 3 }),
      world([]),
      'n1',
    );
    assert.ok(plan.ok);
    assert.equal(plan.script.split(`'http://x/'\\''a'`).length - 1, 3);
  });
});
