/**
 * A fresh sandbox of the original article's generation (Docker 26) reproduces
 * the article's facts: docker0, the first container's address and MAC (derived
 * from the address, as Docker 26 does; Docker 28's are random), its veth peer
 * under docker0, a custom subnet with a static IP, connecting bridges, and host
 * networking.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SandboxInfo } from '../../server/sandbox/driver.ts';
import { sh, testDriver } from './helpers/driver.ts';

const driver = testDriver();
let sandbox: SandboxInfo;
const run = (command: string) => sh(driver, sandbox.containerId, command);

describe('a fresh sandbox', () => {
  before(async () => {
    sandbox = await driver.create(`seed-${process.pid}`, 'docker-26');
  });
  after(async () => {
    await driver.destroy(sandbox.containerId);
  });

  test('shows docker0 at 172.17.0.1/16 in ip a', async () => {
    assert.match(await run('ip a show docker0'), /inet 172\.17\.0\.1\/16 .*scope global docker0/);
  });

  test('gives the first container 172.17.0.2/16 and MAC 02:42:ac:11:00:02 on eth0@ifN', async () => {
    await run('docker run -d --name c1 busybox sleep 600');
    const ipa = await run('docker exec c1 ip a');
    assert.match(ipa, /\d+: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP/);
    assert.match(ipa, /link\/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff/);
    assert.match(ipa, /inet 172\.17\.0\.2\/16 /);
  });

  test('lists under docker0 in brctl show the veth whose ifindex is eth0@ifN', async () => {
    const peer = /eth0@if(\d+)/.exec(await run('docker exec c1 ip a'))?.[1];
    assert.ok(peer, 'eth0@ifN in the container');
    const hostLink = await run(`ip -o link | grep "^${peer}: "`);
    const veth = /^\d+: (veth[0-9a-f]+)@if\d+: .* master docker0 /.exec(hostLink)?.[1];
    assert.ok(veth, `host interface ${peer} is a veth enslaved to docker0: ${hostLink}`);
    const brctl = await run('brctl show docker0');
    assert.match(brctl, new RegExp(`^docker0\\s+8000\\.[0-9a-f]{12}\\s+no\\s+${veth}$`, 'm'));
  });

  test('creates my_bridge2 as a br-<id> bridge and gives --ip 192.168.31.25 MAC 02:42:c0:a8:1f:19', async () => {
    const id = (
      await run(
        'docker network create -d bridge --subnet 192.168.31.0/24 --gateway 192.168.31.1 my_bridge2',
      )
    ).trim();
    assert.match(await run('brctl show'), new RegExp(`^br-${id.slice(0, 12)}\\s+8000\\.`, 'm'));
    await run(
      'docker run -d --network=my_bridge2 --ip 192.168.31.25 --name busybox2 busybox sleep 600',
    );
    const ipa = await run('docker exec busybox2 ip a show eth0');
    assert.match(ipa, /link\/ether 02:42:c0:a8:1f:19 /);
    assert.match(ipa, /inet 192\.168\.31\.25\/24 /);
  });

  test("refuses --ip on the default bridge with the daemon's error", async () => {
    const r = await driver.exec(
      sandbox.containerId,
      ['docker', 'run', '-d', '--ip', '172.17.0.50', 'busybox', 'true'],
      {
        timeoutMs: 30_000,
        maxBytes: 4096,
      },
    );
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /user specified IP address is supported on user defined networks only/);
  });

  test('makes a container reachable across bridges after docker network connect', async () => {
    const before = await driver.exec(
      sandbox.containerId,
      ['docker', 'exec', 'c1', 'ping', '-c', '1', '-W', '1', '192.168.31.25'],
      {
        timeoutMs: 10_000,
        maxBytes: 4096,
      },
    );
    assert.notEqual(before.exitCode, 0, 'isolated before connecting');
    await run('docker network connect my_bridge2 c1');
    assert.match(await run('docker exec c1 ping -c 1 -W 2 192.168.31.25'), /1 packets received/);
  });

  test("shows the sandbox's own interfaces to a --network=host container", async () => {
    const hostLinks = await run("ip -o link | awk -F': ' '{print $2}' | cut -d@ -f1 | sort");
    const seen = await run(
      "docker run --rm --network=host busybox ip -o link | awk -F': ' '{print $2}' | cut -d@ -f1 | sort",
    );
    assert.equal(seen, hostLinks);
    assert.match(seen, /docker0/);
  });

  test('installs net-tools in the nginx container from the local mirror with no network', async () => {
    await run('docker run -d --name web nginx');
    const missing = await driver.exec(sandbox.containerId, ['docker', 'exec', 'web', 'ifconfig'], {
      timeoutMs: 10_000,
      maxBytes: 4096,
    });
    assert.notEqual(missing.exitCode, 0, 'ifconfig is absent at first');
    await run('docker exec web sh -c "apt-get update && apt-get install -y net-tools"');
    assert.match(
      await run('docker exec web ifconfig eth0'),
      /inet 172\.17\.0\.\d+ +netmask 255\.255\.0\.0/,
    );
  });
});
