import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  declaredUncaptured,
  factsIn,
  isBacked,
  networkOf,
  pageFacts,
  proseOf,
  unbacked,
  type Fact,
} from '../../../scripts/docs-capture/quoted-facts.ts';

const CAPTURE = `root@netlab:~# docker exec busybox1 ip addr
3: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue
    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0
root@netlab:~# ip link
4: vetha3f9d5c@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master docker0
root@netlab:~# docker network create --subnet 192.168.31.0/24 my_bridge2
root@netlab:~# docker run -d --ip 192.168.31.25 busybox
root@netlab:~# ping -c 1 10.244.2.2
64 bytes from 10.244.2.2: icmp_seq=1 ttl=62 time=0.388 ms
1 packets transmitted, 1 received, 0% packet loss, time 0ms
`;

const fact = (kind: Fact['kind'], text: string): Fact => ({ kind, text, line: 1 });
const texts = (facts: readonly Fact[]): string[] => facts.map((f) => `${f.kind} ${f.text}`);

describe('factsIn', () => {
  test('returns addresses, MACs, peer interfaces, indexes and counts when the text quotes them', () => {
    const found = factsIn(
      'Its `eth0@if4` (`3:`) has `172.17.0.2/16` and MAC `02:42:ac:11:00:02`; `ttl=62`, 0% packet loss.',
    );
    assert.deepEqual(texts(found).sort(), [
      'address 172.17.0.2/16',
      'count 0% packet loss',
      'count ttl=62',
      'ifindex 3',
      'interface eth0@if4',
      'mac 02:42:ac:11:00:02',
    ]);
  });

  test('returns an address without its port, and no versions or three-part numbers', () => {
    assert.deepEqual(texts(factsIn('curl 10.96.0.100:80 with Docker 28.5.2 and runc 1.3.6')), [
      'address 10.96.0.100',
    ]);
  });

  test('returns the line each fact is on', () => {
    assert.deepEqual(
      factsIn('first line\nsecond has 10.0.0.1').map((f) => f.line),
      [2],
    );
  });
});

describe('proseOf', () => {
  test('blanks frontmatter, code blocks, tags, comments and link targets but keeps the lines', () => {
    const mdx = [
      '---',
      'title: 10.0.0.1',
      '---',
      '```',
      '10.0.0.2',
      '```',
      '<Capture chapter="x" step="10.0.0.3" />',
      '{/* 10.0.0.4 */}',
      '[man](https://10.0.0.5/) and 10.0.0.6',
    ].join('\n');
    const prose = proseOf(mdx);
    assert.equal(prose.split('\n').length, mdx.split('\n').length);
    assert.deepEqual(texts(factsIn(prose)), ['address 10.0.0.6']);
    assert.equal(factsIn(prose)[0]?.line, 9);
  });
});

describe('declaredUncaptured', () => {
  test('returns the declared values up to the dash that starts the reason', () => {
    assert.deepEqual(
      declaredUncaptured('{/* not captured: eth0@if8, 172.17.0.5 — question 1 imagines it */}'),
      ['eth0@if8', '172.17.0.5'],
    );
  });
});

describe('pageFacts', () => {
  test('leaves out the values the page declares as not captured', () => {
    const mdx = '{/* not captured: 172.17.0.5 — a question */}\n`172.17.0.5` and `172.17.0.2`';
    assert.deepEqual(texts(pageFacts(mdx)), ['address 172.17.0.2']);
  });
});

describe('networkOf', () => {
  test('returns the network of an address with a prefix', () => {
    assert.equal(networkOf('192.168.31.25/24'), '192.168.31.0/24');
    assert.equal(networkOf('10.10.200.7/16'), '10.10.0.0/16');
    assert.equal(networkOf('172.17.0.1'), undefined);
  });
});

describe('isBacked', () => {
  test('returns true when a capture holds the fact as written', () => {
    for (const f of [
      fact('address', '172.17.0.2/16'),
      fact('mac', '02:42:AC:11:00:02'),
      fact('interface', 'eth0@if4'),
      fact('ifindex', '4'),
      fact('count', 'ttl=62'),
      fact('count', '0% packet loss'),
    ]) {
      assert.ok(isBacked(f, [CAPTURE]), f.text);
    }
  });

  test('returns false when a number differs, however little', () => {
    for (const f of [
      fact('address', '172.17.0.25'),
      fact('address', '172.17.0.2/24'),
      fact('mac', '02:42:ac:11:00:03'),
      fact('interface', 'eth0@if5'),
      fact('ifindex', '5'),
      fact('count', 'ttl=63'),
      fact('count', '10% packet loss'),
    ]) {
      assert.ok(!isBacked(f, [CAPTURE]), f.text);
    }
  });

  test('returns true for an address with a prefix when the captures show the address and its network', () => {
    assert.ok(isBacked(fact('address', '192.168.31.25/24'), [CAPTURE]));
    assert.ok(!isBacked(fact('address', '192.168.31.26/24'), [CAPTURE]));
  });

  test('returns true for a placeholder interface name whose peer index a capture shows', () => {
    assert.ok(isBacked(fact('interface', 'vethXXXXXXX@if3'), [CAPTURE]));
    assert.ok(!isBacked(fact('interface', 'vethXXXXXXX@if9'), [CAPTURE]));
  });
});

describe('unbacked', () => {
  test('returns the facts that none of the captures backs', () => {
    const facts = [fact('address', '10.244.2.2'), fact('address', '10.244.2.1')];
    assert.deepEqual(texts(unbacked(facts, ['nothing here', CAPTURE])), ['address 10.244.2.1']);
  });
});
