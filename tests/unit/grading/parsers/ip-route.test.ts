import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseIpRoute,
  parseRouteLine,
  type IpRoute,
} from '../../../../server/grading/parsers/ip-route.ts';

function fixture(name: string): string {
  return readFileSync(path.join(import.meta.dirname, '../../../fixtures/ip-route', name), 'utf8');
}

/** A route with every optional attribute absent, overridden by `fields`. */
function route(fields: Partial<IpRoute> & { dest: string }): IpRoute {
  return {
    type: null,
    via: null,
    dev: null,
    proto: null,
    scope: null,
    src: null,
    metric: null,
    table: null,
    flags: [],
    unparsed: [],
    ...fields,
  };
}

describe('parseIpRoute', () => {
  test('returns the default route via 172.17.0.1 when given busybox output', () => {
    assert.deepEqual(parseIpRoute(fixture('busybox1-default-bridge.txt')), {
      routes: [
        route({ dest: 'default', via: '172.17.0.1', dev: 'eth0' }),
        route({ dest: '172.17.0.0/16', dev: 'eth0', scope: 'link', src: '172.17.0.2' }),
      ],
      skipped: [],
    });
  });

  test('reads the default route and on-link subnet of a static-IP container', () => {
    const routes = parseIpRoute(fixture('busybox2-static-ip-my-bridge2.txt')).routes;
    assert.deepEqual(
      routes.map((r) => [r.dest, r.via, r.dev, r.src]),
      [
        ['default', '192.168.31.1', 'eth0', null],
        ['192.168.31.0/24', null, 'eth0', '192.168.31.25'],
      ],
    );
  });

  test('lists one route per interface after docker network connect', () => {
    const routes = parseIpRoute(fixture('busybox1-connected-to-bridge-and-my-bridge2.txt')).routes;
    assert.deepEqual(
      routes.map((r) => `${r.dest} ${r.dev ?? ''}`),
      ['default eth0', '172.17.0.0/16 eth0', '192.168.31.0/24 eth1'],
    );
  });

  test('marks the docker0 route linkdown on a fresh sandbox', () => {
    assert.deepEqual(parseIpRoute(fixture('sandbox-host-fresh-docker0-linkdown.txt')).routes, [
      route({
        dest: '172.17.0.0/16',
        dev: 'docker0',
        proto: 'kernel',
        scope: 'link',
        src: '172.17.0.1',
        flags: ['linkdown'],
      }),
    ]);
    assert.deepEqual(parseIpRoute(fixture('sandbox-host-docker0-up.txt')).routes[0]?.flags, []);
  });

  test('reads one kernel route per bridge on the sandbox host', () => {
    const routes = parseIpRoute(fixture('sandbox-host-three-bridges.txt')).routes;
    assert.deepEqual(
      routes.map((r) => [r.dest, r.dev, r.src, r.proto]),
      [
        ['172.17.0.0/16', 'docker0', '172.17.0.1', 'kernel'],
        ['172.18.0.0/16', 'br-7bb7cbff6136', '172.18.0.1', 'kernel'],
        ['192.168.31.0/24', 'br-29929a8485a8', '192.168.31.1', 'kernel'],
      ],
    );
  });

  test('reads routes to other nodes with via, proto static and metric 100', () => {
    const routes = parseIpRoute(fixture('sandbox-host-cni0-and-routes-to-other-nodes.txt')).routes;
    assert.deepEqual(routes[2], route({ dest: '10.244.2.0/24', via: '10.0.0.12', dev: 'node0' }));
    assert.deepEqual(
      routes[3],
      route({
        dest: '10.244.3.0/24',
        via: '10.0.0.13',
        dev: 'node0',
        proto: 'static',
        metric: 100,
      }),
    );
  });

  test('reads a pod default route via the cni0 gateway', () => {
    const routes = parseIpRoute(fixture('pod1-netns-default-via-cni0.txt')).routes;
    assert.equal(routes[0]?.via, '10.244.1.1');
    assert.equal(routes[1]?.src, '10.244.1.2');
  });

  test('gives the same routes for CRLF and blank lines, and skips lines that are not routes', () => {
    const clean = fixture('sandbox-host-cni0-and-routes-to-other-nodes.txt');
    const messy = `Error: ipv4: FIB table does not exist.\r\n\r\n${clean.replaceAll('\n', ' \r\n')}`;
    const result = parseIpRoute(messy);
    assert.deepEqual(result.routes, parseIpRoute(clean).routes);
    assert.deepEqual(result.skipped, [
      { line: 1, text: 'Error: ipv4: FIB table does not exist.', reason: 'not a route' },
    ]);
  });

  test('skips indented continuation lines', () => {
    const lines = fixture('busybox1-default-bridge.txt').split('\n');
    const result = parseIpRoute([lines[0], `\t${lines[1] ?? ''}`].join('\n'));
    assert.equal(result.routes.length, 1);
    assert.equal(result.skipped[0]?.reason, 'continuation line (multipath nexthop)');
  });

  test('never throws on truncated output', () => {
    const text = fixture('sandbox-host-cni0-and-routes-to-other-nodes.txt');
    for (let cut = 0; cut <= text.length; cut += 3) {
      const result = parseIpRoute(text.slice(0, cut));
      assert.ok(result.routes.length + result.skipped.length <= 5);
    }
  });
});

describe('parseRouteLine', () => {
  test('keeps words it does not know in unparsed instead of dropping the route', () => {
    const line = fixture('sandbox-host-three-bridges.txt').split('\n')[0] ?? '';
    const parsed = parseRouteLine(`${line} rtt 3ms`);
    assert.equal(parsed?.dev, 'docker0');
    assert.deepEqual(parsed.unparsed, ['rtt', '3ms']);
  });

  test('returns null when the first word is not a destination', () => {
    assert.equal(parseRouteLine('dev docker0 proto kernel'), null);
  });
});

describe('parseIpRoute on every captured ip route', () => {
  const dir = path.join(import.meta.dirname, '../../../fixtures/ip-route');
  for (const name of readdirSync(dir)) {
    test(`reads every line of ${name}`, () => {
      const result = parseIpRoute(fixture(name));
      assert.deepEqual(result.skipped, []);
      assert.ok(result.routes.length > 0);
      assert.ok(result.routes.every((r) => r.dev !== null && r.unparsed.length === 0));
    });
  }
});
