import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Lab,
  checkReferences,
  chooseParams,
  placeholders,
  seededRandom,
  substitute,
  substituteDeep,
} from '../../../server/labs.ts';

const params: Lab['params'] = {
  octet: { choose: [31, 40, 77] },
  host: { int: [20, 250] },
  ip: { value: '192.168.{{octet}}.{{host}}' },
};

describe('chooseParams', () => {
  test('returns the same values for the same seed', () => {
    assert.deepEqual(
      chooseParams({ params }, seededRandom('reader-1')),
      chooseParams({ params }, seededRandom('reader-1')),
    );
  });

  test('returns different values for different seeds', () => {
    const seen = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((seed) => chooseParams({ params }, seededRandom(seed)).ip),
    );
    assert.ok(seen.size > 1, [...seen].join(' '));
  });

  const picks: [string, () => number, Record<string, string>][] = [
    [
      'the first value and the minimum when random() is 0',
      () => 0,
      { octet: '31', host: '20', ip: '192.168.31.20' },
    ],
    [
      'the last value and the maximum when random() is 1',
      () => 1,
      { octet: '77', host: '250', ip: '192.168.77.250' },
    ],
    [
      'the middle value when random() is 0.5',
      () => 0.5,
      { octet: '40', host: '135', ip: '192.168.40.135' },
    ],
  ];
  for (const [what, random, expected] of picks) {
    test(`returns ${what}`, () => {
      assert.deepEqual(chooseParams({ params }, random), expected);
    });
  }

  test('returns {} when the lab declares no parameters', () => {
    assert.deepEqual(chooseParams({ params: {} }, Math.random), {});
  });
});

describe('seededRandom', () => {
  test('returns numbers in [0, 1)', () => {
    const random = seededRandom(42);
    for (let i = 0; i < 1000; i++) {
      const x = random();
      assert.ok(x >= 0 && x < 1, String(x));
    }
  });
});

describe('substitute', () => {
  const cases: [string, string][] = [
    ['port {{port}}', 'port 8080'],
    ['{{ip:httpd1}} stays', '{{ip:httpd1}} stays'],
    ['{{unknown}} stays', '{{unknown}} stays'],
    ["docker inspect -f '{{.State.Pid}}'", "docker inspect -f '{{.State.Pid}}'"],
  ];
  for (const [text, result] of cases) {
    test(`returns "${result}" for "${text}"`, () => {
      assert.equal(substitute(text, { port: '8080' }), result);
    });
  }

  test('returns a copy with every nested string substituted and numbers kept', () => {
    const call = { probe: 'http_get', url: 'http://{{ip}}/', repeat: 3, seen: ['{{ip}}'] };
    assert.deepEqual(substituteDeep(call, { ip: '10.0.0.1' }), {
      probe: 'http_get',
      url: 'http://10.0.0.1/',
      repeat: 3,
      seen: ['10.0.0.1'],
    });
  });
});

describe('placeholders', () => {
  test('returns parameters and live references with their arguments', () => {
    assert.deepEqual(placeholders('{{port}} and {{ip:httpd1:bridge}}'), [
      { name: 'port', args: null },
      { name: 'ip', args: 'httpd1:bridge' },
    ]);
  });
});

describe('checkReferences', () => {
  const lab = (title: string, extra: Lab['params'] = {}): Omit<Lab, 'setup'> => ({
    id: 'demo',
    chapter: 1,
    title: { en: 'T', 'zh-cn': 'T' },
    intro: { en: 'I', 'zh-cn': 'I' },
    params: { port: { choose: [80] }, ...extra },
    tasks: [
      {
        id: 'one',
        kind: 'state',
        live: false,
        title: { en: title, 'zh-cn': '做' },
        hint: { en: 'h', 'zh-cn': 'h' },
        checks: [{ probe: 'container', name: 'web1', running: true }],
      },
    ],
  });
  const cases: [string, Omit<Lab, 'setup'>, string[]][] = [
    ['nothing for a declared parameter', lab('port {{port}}'), []],
    [
      'an unknown parameter',
      lab('port {{prt}}'),
      ['{{prt}} is not a parameter declared before it'],
    ],
    [
      'an unknown live reference',
      lab('{{mac:web1}}'),
      ['{{mac:…}} is not a live reference (ip, bridge)'],
    ],
    [
      'a parameter used before it is declared',
      lab('x', { ip: { value: '{{later}}' }, later: { int: [1, 2] } }),
      ['{{later}} is not a parameter declared before it'],
    ],
  ];
  for (const [what, given, messages] of cases) {
    test(`reports ${what}`, () => {
      assert.deepEqual(
        checkReferences(given).map((p) => p.message),
        messages,
      );
    });
  }

  test('reports the path of the text that holds the reference', () => {
    assert.deepEqual(checkReferences(lab('port {{prt}}'))[0]?.path, ['tasks', 0, 'title', 'en']);
  });
});
