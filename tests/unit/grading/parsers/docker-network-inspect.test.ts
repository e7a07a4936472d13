import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseDockerNetworkInspect,
  type DockerNetwork,
} from '../../../../server/grading/parsers/docker-network-inspect.ts';

function fixture(name: string): string {
  return readFileSync(
    path.join(import.meta.dirname, '../../../fixtures/docker-network-inspect', name),
    'utf8',
  );
}

/** The named network from a fixture, failing the test when it is missing. */
function network(fixtureName: string, name: string): DockerNetwork {
  const found = parseDockerNetworkInspect(fixture(fixtureName)).networks.find(
    (n) => n.name === name,
  );
  assert.ok(found, `${name} not in ${fixtureName}`);
  return found;
}

describe('parseDockerNetworkInspect', () => {
  test('returns busybox1 at 172.17.0.2/16 with MAC 02:42:ac:11:00:02 on the default bridge', () => {
    const result = parseDockerNetworkInspect(fixture('bridge-with-busybox1.json'));
    assert.deepEqual(result.skipped, []);
    const bridge = network('bridge-with-busybox1.json', 'bridge');
    assert.equal(bridge.id, '7591462edbbb96dd7917bb183d5a2e7852a3c3b0d31d6d7d08c8f793de608c49');
    assert.equal(bridge.driver, 'bridge');
    assert.equal(bridge.bridgeName, 'docker0');
    assert.deepEqual(bridge.subnets, [
      { subnet: '172.17.0.0/16', gateway: '172.17.0.1', ipRange: null },
    ]);
    assert.deepEqual(bridge.containers, [
      {
        containerId: 'ca3e74f38510231470b428397327538edf8313e02309c51043a8ff88de5ea017',
        name: 'busybox1',
        endpointId: '3bc6d73996a6a23e55dce9a93839fbd7d59d0fb39755df94ef9b8ed81e40a797',
        mac: '02:42:ac:11:00:02',
        ipv4: '172.17.0.2/16',
        ipv6: null,
      },
    ]);
    assert.equal(bridge.options['com.docker.network.bridge.enable_icc'], 'true');
  });

  test('returns no containers on a fresh default bridge', () => {
    assert.deepEqual(network('bridge-fresh-no-containers.json', 'bridge').containers, []);
  });

  test('lists every container on the default bridge', () => {
    assert.deepEqual(
      network('bridge-with-three-containers.json', 'bridge').containers.map((c) => [
        c.name,
        c.ipv4,
        c.mac,
      ]),
      [
        ['busybox3', '172.17.0.3/16', '02:42:ac:11:00:03'],
        ['nginx1', '172.17.0.4/16', '02:42:ac:11:00:04'],
        ['busybox1', '172.17.0.2/16', '02:42:ac:11:00:02'],
      ],
    );
  });

  const userDefined: [string, string, string, string][] = [
    ['my_bridge', '172.18.0.0/16', '172.18.0.1', 'br-7bb7cbff6136'],
    ['my_bridge2', '192.168.31.0/24', '192.168.31.1', 'br-29929a8485a8'],
  ];
  for (const [name, subnet, gateway, bridgeName] of userDefined) {
    test(`reads ${name}'s subnet ${subnet} and names its Linux bridge ${bridgeName}`, () => {
      const found = network('my-bridge-and-my-bridge2-custom-subnet.json', name);
      assert.deepEqual(found.subnets, [{ subnet, gateway, ipRange: null }]);
      assert.equal(found.bridgeName, bridgeName);
      assert.deepEqual(found.options, {});
    });
  }

  test('lists both containers on my_bridge2 after docker network connect', () => {
    assert.deepEqual(
      network('my-bridge2-after-network-connect.json', 'my_bridge2').containers.map((c) => [
        c.name,
        c.ipv4,
        c.mac,
      ]),
      [
        ['busybox2', '192.168.31.25/24', '02:42:c0:a8:1f:19'],
        ['busybox1', '192.168.31.2/24', '02:42:c0:a8:1f:02'],
      ],
    );
  });

  test('reads host and none networks, which have no subnet, no bridge and no addresses', () => {
    const host = network('host-and-none.json', 'host');
    const none = network('host-and-none.json', 'none');
    assert.equal(host.driver, 'host');
    assert.equal(none.driver, 'null');
    for (const found of [host, none]) {
      assert.deepEqual(found.subnets, []);
      assert.equal(found.bridgeName, null);
      assert.equal(found.containers[0]?.ipv4, null);
      assert.equal(found.containers[0].mac, null);
    }
    assert.equal(host.containers[0]?.name, 'busybox-host');
  });

  test('skips items that are not networks and keeps the rest', () => {
    const [bridge] = JSON.parse(fixture('bridge-with-busybox1.json')) as Record<string, unknown>[];
    const broken = {
      ...bridge,
      IPAM: { Config: [{ Gateway: '172.17.0.1' }] },
      Containers: { abc: 'x' },
    };
    const result = parseDockerNetworkInspect(JSON.stringify([broken, { Name: 'half' }]));
    assert.equal(result.networks.length, 1);
    assert.deepEqual(result.networks[0]?.subnets, []);
    assert.deepEqual(result.networks[0].containers, []);
    assert.deepEqual(
      result.skipped.map((s) => s.reason),
      [
        'IPAM config without a Subnet',
        'endpoint of abc without a Name',
        'not a network object (needs Name and Id)',
      ],
    );
  });

  test('never throws on truncated JSON', () => {
    const text = fixture('my-bridge-and-my-bridge2-custom-subnet.json').trimEnd();
    for (let cut = 1; cut < text.length; cut += 11) {
      const result = parseDockerNetworkInspect(text.slice(0, cut));
      assert.equal(result.networks.length, 0);
      assert.equal(result.skipped.length, 1);
    }
  });
});
