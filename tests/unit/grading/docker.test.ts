/** Probes over docker inspect and docker network inspect, on recorded sandboxes. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { evaluatePassive, isActive } from '../../../server/grading/probes.ts';
import { checkSchema } from '../../../server/grading/probes/check-schema.ts';
import { worldOf, type Recording } from '../../../server/grading/probes/recording.ts';

/** Judges a passive probe call on a world recorded from a real sandbox (tests/fixtures/grading). */
function judge(fixture: string, raw: unknown) {
  const file = path.join(import.meta.dirname, '../../fixtures/grading', `${fixture}.json`);
  const call = checkSchema.parse(raw);
  assert.ok(!isActive(call), 'passive probes only');
  return evaluatePassive(call, worldOf(JSON.parse(readFileSync(file, 'utf8')) as Recording));
}

// [fixture, probe call, passes, the value it reads (or null), words in what it saw]
const cases: [string, Record<string, unknown>, boolean, string | null, string][] = [
  [
    'bridge-solved',
    { probe: 'container', name: 'busybox1', image: 'busybox' },
    true,
    'running',
    'busybox1 is running',
  ],
  [
    'bridge-fresh',
    { probe: 'container', name: 'busybox1' },
    false,
    null,
    'there is no container named busybox1',
  ],
  [
    'host-solved',
    {
      probe: 'container',
      name: 'web2',
      running: false,
      exit_code: 'nonzero',
      network_mode: 'host',
    },
    true,
    'exited',
    'web2 is exited (exit code 1)',
  ],
  [
    'host-solved',
    { probe: 'container', name: 'web1', network_mode: 'bridge' },
    false,
    'running',
    'network mode host',
  ],
  [
    'bridge-solved',
    { probe: 'container_ip', container: 'busybox2', network: 'bridge', in: '172.17.0.0/16' },
    true,
    '172.17.0.3/16',
    'is 172.17.0.3/16',
  ],
  [
    'bridge-solved',
    { probe: 'container_ip', container: 'busybox2', network: 'my_bridge2' },
    false,
    null,
    'busybox2 is not on my_bridge2; it is on bridge (172.17.0.3)',
  ],
  [
    'subnet-solved',
    {
      probe: 'container_ip',
      container: 'busybox1',
      network: 'my_bridge2',
      in: '192.168.200.128/25',
    },
    true,
    '192.168.200.128/24',
    'is 192.168.200.128/24',
  ],
  [
    'static-ip-solved',
    {
      probe: 'container_mac',
      container: 'busybox2',
      network: 'my_bridge2',
      equals: '02:42:c0:a8:1f:28',
    },
    true,
    '02:42:c0:a8:1f:28',
    'is 02:42:c0:a8:1f:28',
  ],
  [
    'subnet-solved',
    { probe: 'network_subnet', network: 'my_bridge2', equals: '192.168.200.0/24' },
    true,
    '192.168.200.0/24',
    'is 192.168.200.0/24',
  ],
  [
    'subnet-solved',
    { probe: 'network_gateway', network: 'my_bridge2', equals: '192.168.200.254' },
    false,
    '192.168.200.1',
    'is 192.168.200.1',
  ],
  [
    'subnet-solved',
    { probe: 'network_ip_range', network: 'my_bridge2', equals: '192.168.200.128/25' },
    true,
    '192.168.200.128/25',
    'is 192.168.200.128/25',
  ],
  [
    'subnet-solved',
    { probe: 'network_ip_range', network: 'bridge' },
    false,
    null,
    'bridge has no IP range set',
  ],
  [
    'subnet-fresh',
    { probe: 'network_subnet', network: 'my_bridge2' },
    false,
    null,
    'there is no network named my_bridge2 (networks: bridge, none, host)',
  ],
];

describe('docker probes', () => {
  for (const [fixture, call, passed, value, words] of cases) {
    test(`returns passed=${passed} for ${JSON.stringify(call)} on ${fixture}`, () => {
      const result = judge(fixture, call);
      assert.equal(result.passed, passed, `${result.expected.en} / ${result.actual.en}`);
      assert.equal(result.value, value);
      assert.ok(result.actual.en.includes(words), `"${result.actual.en}" lacks "${words}"`);
      assert.notEqual(result.expected['zh-cn'], result.expected.en);
    });
  }
});
