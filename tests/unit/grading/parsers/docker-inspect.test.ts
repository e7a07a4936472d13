import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseDockerInspect,
  type DockerContainer,
} from '../../../../server/grading/parsers/docker-inspect.ts';

function fixture(name: string): string {
  return readFileSync(
    path.join(import.meta.dirname, '../../../fixtures/docker-inspect', name),
    'utf8',
  );
}

/** The named container from a fixture, failing the test when it is missing. */
function container(fixtureName: string, name: string): DockerContainer {
  const found = parseDockerInspect(fixture(fixtureName)).containers.find((c) => c.name === name);
  assert.ok(found, `${name} not in ${fixtureName}`);
  return found;
}

describe('parseDockerInspect', () => {
  test('returns busybox1 running on the default bridge at 172.17.0.2/16', () => {
    const result = parseDockerInspect(fixture('busybox1-default-bridge.json'));
    assert.deepEqual(result.skipped, []);
    const busybox1 = container('busybox1-default-bridge.json', 'busybox1');
    assert.equal(busybox1.id, 'ca3e74f38510231470b428397327538edf8313e02309c51043a8ff88de5ea017');
    assert.equal(busybox1.image, 'busybox');
    assert.equal(
      busybox1.imageId,
      'sha256:00fdf4b91458e6efa1d1c366d9a062c2620821213736cfcfa3c4e95939d0a392',
    );
    assert.equal(busybox1.running, true);
    assert.equal(busybox1.status, 'running');
    assert.equal(busybox1.networkMode, 'bridge');
    assert.equal(busybox1.hostname, 'ca3e74f38510');
    assert.deepEqual(busybox1.ports, []);
    assert.deepEqual(busybox1.networks, {
      bridge: {
        ip: '172.17.0.2',
        prefixLen: 16,
        mac: '02:42:ac:11:00:02',
        gateway: '172.17.0.1',
        networkId: '7591462edbbb96dd7917bb183d5a2e7852a3c3b0d31d6d7d08c8f793de608c49',
        endpointId: '3bc6d73996a6a23e55dce9a93839fbd7d59d0fb39755df94ef9b8ed81e40a797',
        dnsNames: [],
      },
    });
  });

  test('returns the static IP 192.168.31.25 and MAC 02:42:c0:a8:1f:19 of busybox2', () => {
    const busybox2 = container('busybox2-static-ip-my-bridge2.json', 'busybox2');
    assert.equal(busybox2.networkMode, 'my_bridge2');
    const endpoint = busybox2.networks['my_bridge2'];
    assert.equal(endpoint?.ip, '192.168.31.25');
    assert.equal(endpoint.prefixLen, 24);
    assert.equal(endpoint.mac, '02:42:c0:a8:1f:19');
    assert.equal(endpoint.gateway, '192.168.31.1');
    assert.deepEqual(endpoint.dnsNames, ['busybox2', '4dd8409cd500']);
  });

  const connected: [string, [string, string, string][]][] = [
    [
      'busybox1',
      [
        ['bridge', '172.17.0.2', '02:42:ac:11:00:02'],
        ['my_bridge2', '192.168.31.2', '02:42:c0:a8:1f:02'],
      ],
    ],
    [
      'busybox2',
      [
        ['my_bridge', '172.18.0.2', '02:42:ac:12:00:02'],
        ['my_bridge2', '192.168.31.25', '02:42:c0:a8:1f:19'],
      ],
    ],
  ];
  for (const [name, networks] of connected) {
    test(`lists every network of ${name} after docker network connect`, () => {
      const found = container('busybox1-and-busybox2-after-network-connect.json', name);
      assert.deepEqual(
        Object.entries(found.networks).map(([network, endpoint]) => [
          network,
          endpoint.ip,
          endpoint.mac,
        ]),
        networks,
      );
    });
  }

  test('returns the published port 8080 -> 80/tcp of the web container', () => {
    const web = container('web-nginx-published-port.json', 'web');
    assert.equal(web.image, 'nginx');
    assert.deepEqual(web.ports, [
      { containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 },
    ]);
    assert.equal(web.networks['bridge']?.ip, '172.17.0.3');
  });

  test('reads nginx on the default bridge and httpd on my_bridge', () => {
    const nginx1 = container('nginx1-and-httpd1.json', 'nginx1');
    const httpd1 = container('nginx1-and-httpd1.json', 'httpd1');
    assert.equal(nginx1.networks['bridge']?.mac, '02:42:ac:11:00:04');
    assert.equal(httpd1.image, 'httpd');
    assert.equal(httpd1.networkMode, 'my_bridge');
    assert.equal(httpd1.networks['my_bridge']?.ip, '172.18.0.3');
    assert.equal(httpd1.pid, 1278);
  });

  const modes: [string, string, boolean, number | null][] = [
    ['busybox-host', 'host', true, 348],
    ['busybox-none', 'none', true, 401],
    ['busybox-created', 'bridge', false, null],
  ];
  for (const [name, networkMode, running, pid] of modes) {
    test(`reads ${name} in network mode ${networkMode} with no address`, () => {
      const found = container('host-none-and-created-containers.json', name);
      assert.equal(found.networkMode, networkMode);
      assert.equal(found.running, running);
      assert.equal(found.pid, pid);
      const endpoint = found.networks[networkMode];
      assert.ok(endpoint);
      assert.equal(endpoint.ip, null);
      assert.equal(endpoint.prefixLen, null);
      assert.equal(endpoint.mac, null);
    });
  }

  test('skips items and networks it cannot read and keeps the containers', () => {
    const [busybox1] = JSON.parse(fixture('busybox1-default-bridge.json')) as Record<
      string,
      unknown
    >[];
    const broken = { ...busybox1, NetworkSettings: { Networks: { bridge: 'x' } }, State: null };
    const result = parseDockerInspect(JSON.stringify([broken, ['not', 'a', 'container']]));
    assert.equal(result.containers[0]?.name, 'busybox1');
    assert.equal(result.containers[0].running, false);
    assert.deepEqual(result.containers[0].networks, {});
    assert.deepEqual(
      result.skipped.map((s) => s.reason),
      ['network bridge is not an object', 'not a container object (needs Id and Name)'],
    );
  });

  test('keeps the containers that exist when docker inspect also names a missing one', () => {
    const text = `${fixture('busybox2-static-ip-my-bridge2.json')}Error: No such object: busybox9\n`;
    const result = parseDockerInspect(text);
    assert.deepEqual(
      result.containers.map((c) => c.name),
      ['busybox2'],
    );
    assert.equal(result.skipped[0]?.text, 'Error: No such object: busybox9');
  });

  test('never throws on truncated JSON', () => {
    const text = fixture('busybox1-and-busybox2-after-network-connect.json').trimEnd();
    for (let cut = 1; cut < text.length; cut += 37) {
      assert.equal(parseDockerInspect(text.slice(0, cut)).containers.length, 0);
    }
  });
});
