import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  counters,
  parseIptablesRule,
  tokenize,
  type IptablesRule,
} from '../../../../server/grading/parsers/iptables-rule.ts';

const saved = readFileSync(
  path.join(
    import.meta.dirname,
    '../../../fixtures/iptables-save/docker-published-port-and-kube-proxy.txt',
  ),
  'utf8',
).split('\n');

/** The fixture line that contains `text`. */
function lineWith(text: string): string {
  const line = saved.find((candidate) => candidate.includes(text));
  assert.ok(line, `no line with ${text}`);
  return line;
}

/** Parses the fixture line containing `text`, failing the test when it is not a rule. */
function rule(text: string): IptablesRule {
  const parsed = parseIptablesRule(lineWith(text));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  return parsed.rule;
}

describe('parseIptablesRule', () => {
  test('returns probability 0.5 and the endpoint chain for a kube-proxy statistic rule', () => {
    const parsed = rule('--probability 0.50000000000');
    assert.equal(parsed.chain, 'KUBE-SVC-LOLE4ISW44XBNF3G');
    assert.equal(parsed.probability, 0.5);
    assert.equal(parsed.target, 'KUBE-SEP-RKHZVWDKMJDLFBXG');
    assert.equal(parsed.comment, 'default/web -> 10.244.1.3:80');
    assert.deepEqual(parsed.matches, ['comment', 'statistic']);
    assert.deepEqual(parsed.options, [{ name: '--mode', args: ['random'], negated: false }]);
  });

  test('returns the DNAT destination of a kube-proxy endpoint rule', () => {
    const parsed = rule('--to-destination 10.244.1.2:80');
    assert.equal(parsed.chain, 'KUBE-SEP-ZXMNUKOKXUTL2MK2');
    assert.deepEqual(parsed.protocol, { value: 'tcp', negated: false });
    assert.equal(parsed.target, 'DNAT');
    assert.equal(parsed.toDestination, '10.244.1.2:80');
    assert.equal(parsed.comment, 'default/web');
  });

  test('reads a negated source with destination, protocol and dport of the service rule', () => {
    const parsed = rule('-A KUBE-SVC-LOLE4ISW44XBNF3G ! -s');
    assert.deepEqual(parsed.source, { value: '10.244.0.0/16', negated: true });
    assert.deepEqual(parsed.destination, { value: '10.96.0.10/32', negated: false });
    assert.deepEqual(parsed.dport, { value: '80', negated: false });
    assert.equal(parsed.target, 'KUBE-MARK-MASQ');
    assert.equal(parsed.probability, null);
  });

  test("reads Docker's published-port DNAT with a negated in-interface", () => {
    const parsed = rule('--dport 8080');
    assert.equal(
      parsed.raw,
      '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.3:80',
    );
    assert.deepEqual(parsed.inIface, { value: 'docker0', negated: true });
    assert.deepEqual(parsed.dport, { value: '8080', negated: false });
    assert.equal(parsed.toDestination, '172.17.0.3:80');
  });

  const isolation: [string, string | null, string | null, boolean, string][] = [
    [
      '-A DOCKER-ISOLATION-STAGE-1 -i docker0',
      'docker0',
      'docker0',
      true,
      'DOCKER-ISOLATION-STAGE-2',
    ],
    ['-A DOCKER-ISOLATION-STAGE-2 -o docker0', null, 'docker0', false, 'DROP'],
    ['-A DOCKER-ISOLATION-STAGE-1 -j RETURN', null, null, false, 'RETURN'],
  ];
  for (const [text, inIface, outIface, outNegated, target] of isolation) {
    test(`reads Docker's isolation rule "${text}"`, () => {
      const parsed = rule(text);
      assert.equal(parsed.inIface?.value ?? null, inIface);
      assert.equal(parsed.outIface?.value ?? null, outIface);
      assert.equal(parsed.outIface?.negated ?? false, outNegated);
      assert.equal(parsed.target, target);
    });
  }

  test('keeps a negated module option and target options in options', () => {
    assert.deepEqual(rule('-m mark ! --mark 0x4000/0x4000 -j RETURN').options, [
      { name: '--mark', args: ['0x4000/0x4000'], negated: true },
    ]);
    const masquerade = rule('-j MASQUERADE --random-fully');
    assert.equal(masquerade.target, 'MASQUERADE');
    assert.deepEqual(masquerade.options, [{ name: '--random-fully', args: [], negated: false }]);
  });

  test('reads the comment containing a semicolon and keeps the addrtype option', () => {
    const parsed = rule('NOTE: this must be the last rule');
    assert.equal(
      parsed.comment,
      'kubernetes service nodeports; NOTE: this must be the last rule in this chain',
    );
    assert.deepEqual(parsed.options, [{ name: '--dst-type', args: ['LOCAL'], negated: false }]);
  });

  test('takes the counters prefix of iptables-save -c out of the raw text', () => {
    const parsed = parseIptablesRule(`[12:720] ${lineWith('--dport 8080')}`);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.rule.counters, { packets: 12, bytes: 720 });
    assert.equal(parsed.rule.raw, lineWith('--dport 8080'));
  });

  test('reads the -c counters of iptables -S -v', () => {
    const parsed = parseIptablesRule(`${lineWith('-A DOCKER-USER -j RETURN')} -c 3 180`);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.rule.counters, { packets: 3, bytes: 180 });
    assert.equal(parsed.rule.target, 'RETURN');
  });

  const failures: [string, string, string][] = [
    [
      'a comment cut inside its quotes',
      lineWith('"default/web cluster IP"').split('cluster')[0] ?? '',
      'unterminated quote',
    ],
    ['a chain declaration', ':KUBE-SERVICES - [0:0]', 'not an -A rule'],
    ['an -A with no chain', '-A', 'not an -A rule'],
    ['a jump with no target', '-A DOCKER -i docker0 -j', '-j takes exactly one value'],
    ['a dangling negation', '-A DOCKER -i docker0 !', 'a "!" with no option after it'],
    ['a stray word', '-A DOCKER docker0 -j RETURN', 'expected an option, found "docker0"'],
  ];
  for (const [what, line, reason] of failures) {
    test(`explains why ${what} is not a rule`, () => {
      assert.deepEqual(parseIptablesRule(line), { ok: false, reason });
    });
  }
});

describe('tokenize', () => {
  test('keeps a quoted comment as one token and marks it quoted', () => {
    const tokens = tokenize(lineWith('"default/web -> 10.244.2.2:80"'));
    assert.deepEqual(tokens?.[5], { text: 'default/web -> 10.244.2.2:80', quoted: true });
    assert.deepEqual(tokens[6], { text: '-j', quoted: false });
  });

  test('unescapes a backslash-escaped quote inside quotes', () => {
    assert.deepEqual(tokenize('--comment "say \\"hi\\""')?.[1], { text: 'say "hi"', quoted: true });
  });

  test('returns null for an unterminated quote', () => {
    assert.equal(tokenize('--comment "default/web'), null);
  });
});

describe('counters', () => {
  test('reads decimal packet and byte counts and rejects anything else', () => {
    assert.deepEqual(counters('2', '168'), { packets: 2, bytes: 168 });
    assert.equal(counters('2', undefined), null);
    assert.equal(counters('x', '1'), null);
  });
});
