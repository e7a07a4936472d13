/**
 * Commands compared by meaning: iproute2's abbreviations and namespaces, the
 * wrappers that change nothing, docker run/create's target network, and the
 * words a near miss is told it got wrong.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  difference,
  meaningOfText,
  meaningsOf,
  sameMeaning,
} from '../../../../server/grading/evidence/meaning.ts';
import { normaliseImageRef } from '../../../../server/grading/evidence/meaning/docker-cli.ts';
import { ipMeaning } from '../../../../server/grading/evidence/meaning/iproute2.ts';

function same(expected: string, typed: string): boolean {
  const e = meaningOfText(expected);
  const a = meaningOfText(typed);
  return e !== null && a !== null && sameMeaning(e, a);
}

describe('sameMeaning', () => {
  const cases: [string, string, boolean][] = [
    ['ip address show', 'ip a', true],
    ['ip address show', 'ip addr', true],
    ['ip address show', 'ip -4 -br address show dev eth0', true],
    ['ip address show', '/sbin/ip -c a s', true],
    ['ip address show', 'ip --color=always addr list', true],
    ['ip address show', 'ip link', false],
    ['ip address show', 'ip a add 10.0.0.1/24 dev eth0', false],
    ['ip -n node1 address show', 'ip -n node1 a', true],
    ['ip -n node1 address show', 'ip -netns node1 -4 addr', true],
    ['ip -n node1 address show', 'ip netns exec node1 ip a', true],
    ['ip -n node1 address show', 'nsenter --net=/run/netns/node1 ip a', true],
    ['ip -n node1 address show', 'sudo env LANG=C ip --netns node1 address', true],
    ['ip -n node1 address show', 'ip a', false],
    ['ip -n node1 address show', 'ip -n node2 a', false],
    ['ip route show', 'ip r', true],
    ['ip neighbor show', 'ip n', true],
    ['brctl show', 'brctl show docker0', true],
    ['brctl show', 'brctl addbr x', false],
    ['bridge link show', 'bridge -d link', true],
    ['bridge link show', 'bridge fdb', false],
    ['ping old2', 'ping -c 1 -W 1 old2', true],
    ['ping old2', 'ping -c 1 old1', false],
    ['ping old2', 'echo ping old2', false],
    ['ifconfig', '/sbin/ifconfig eth0', true],
    [
      'docker run --ip 192.168.31.5',
      'docker run -d --ip 192.168.31.5 --name try busybox sleep 1',
      true,
    ],
    ['docker run --ip 192.168.31.5', 'docker container create --ip=192.168.31.5 busybox', true],
    ['docker run --ip 192.168.31.5', 'docker run --net=default --ip 192.168.31.5 busybox', true],
    [
      'docker run --ip 192.168.31.5',
      'docker run -dit --network bridge --ip 192.168.31.5 busybox',
      true,
    ],
    [
      'docker run --ip 192.168.31.5',
      'docker run --network my_bridge2 --ip 192.168.31.5 busybox',
      false,
    ],
    ['docker run --ip 192.168.31.5', 'docker run --ip 192.168.31.6 busybox', false],
    ['docker run --ip 192.168.31.5', 'docker run -p8080:80 --ip 192.168.31.50 busybox', false],
  ];
  for (const [expected, typed, result] of cases)
    test(`returns ${result} for "${typed}" against "${expected}"`, () => {
      assert.equal(same(expected, typed), result);
    });
});

describe('meaningsOf', () => {
  test('returns every command of an exec joined by spaces through sh -c', () => {
    const meanings = meaningsOf('sh -c ip -4 a | grep -q inet'.split(' '), 'here', true);
    assert.deepEqual(
      meanings.map((m) => m.tool),
      ['ip', 'program'],
    );
  });

  test('returns a namespace found by the pid nsenter targets', () => {
    const [m] = meaningsOf(['nsenter', '-t', '1234', '-n', 'ip', 'a']);
    assert.equal(m?.where, 'pid:1234');
  });
});

describe('ipMeaning', () => {
  const cases: [string, string | null, string | null][] = [
    ['a', 'address', 'show'],
    ['ad', 'address', 'show'],
    ['a a 1.2.3.4/24 dev x', 'address', 'add'],
    ['a s', 'address', 'show'],
    ['addr del 1.2.3.4/24 dev x', 'address', 'delete'],
    ['l', 'link', 'show'],
    ['r g 1.1.1.1', 'route', 'get'],
    ['netns', 'netns', 'show'],
    ['m', 'maddress', null],
  ];
  for (const [args, object, action] of cases)
    test(`returns ${object} ${action} for "ip ${args}"`, () => {
      const m = ipMeaning(args.split(' '));
      assert.equal(m.object, object);
      if (action !== null) assert.equal(m.action, action);
    });
});

describe('difference', () => {
  test('returns the network a refused docker run targeted', () => {
    const e = meaningOfText('docker run --ip 192.168.31.5');
    const a = meaningOfText('docker run --network my_bridge2 --ip 10.1.2.3 busybox');
    assert.ok(e && a);
    assert.equal(difference(e, a)?.en, 'targeted the network my_bridge2, not bridge');
  });

  test('returns where a command ran when only the place differs', () => {
    const e = meaningOfText('ip -n node1 address show');
    const a = meaningOfText('ip a');
    assert.ok(e && a);
    assert.equal(difference(e, a)?.en, 'ran in here, not in node1');
  });

  test('returns null for another tool', () => {
    const e = meaningOfText('ip a');
    const a = meaningOfText('ls');
    assert.ok(e && a);
    assert.equal(difference(e, a), null);
  });
});

describe('normaliseImageRef', () => {
  const cases: [string, string][] = [
    ['busybox', 'docker.io/library/busybox:latest'],
    ['busybox:latest', 'docker.io/library/busybox:latest'],
    ['library/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/library/busybox:latest', 'docker.io/library/busybox:latest'],
    ['index.docker.io/library/busybox', 'docker.io/library/busybox:latest'],
    ['me/tool:1.2', 'docker.io/me/tool:1.2'],
    ['localhost:5000/x', 'localhost:5000/x:latest'],
    ['busybox@sha256:abc', 'docker.io/library/busybox@sha256:abc'],
  ];
  for (const [ref, full] of cases)
    test(`returns ${full} for ${ref}`, () => {
      assert.equal(normaliseImageRef(ref), full);
    });
});
