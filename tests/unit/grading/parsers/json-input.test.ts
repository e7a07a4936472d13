import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  isRecord,
  numberField,
  parseJsonItems,
  recordField,
  skipJson,
  stringField,
  stringMapField,
  stringsField,
} from '../../../../server/grading/parsers/json-input.ts';

const networkText = readFileSync(
  path.join(
    import.meta.dirname,
    '../../../fixtures/docker-network-inspect/bridge-with-busybox1.json',
  ),
  'utf8',
);

/** The first item of the fixture, as a record. */
function bridgeNetwork(): Record<string, unknown> {
  const [network] = parseJsonItems(networkText).items;
  assert.ok(isRecord(network));
  return network;
}

describe('parseJsonItems', () => {
  test('returns the array items of docker network inspect output', () => {
    const result = parseJsonItems(networkText);
    assert.equal(result.items.length, 1);
    assert.deepEqual(result.skipped, []);
  });

  test('wraps a lone object in a one-item list', () => {
    const result = parseJsonItems(JSON.stringify(bridgeNetwork()));
    assert.equal(result.items.length, 1);
  });

  test('keeps the array and skips the daemon error printed after it', () => {
    const result = parseJsonItems(
      `${networkText}Error response from daemon: network my_bridge3 not found\n`,
    );
    assert.equal(result.items.length, 1);
    assert.deepEqual(result.skipped, [
      {
        line: null,
        text: 'Error response from daemon: network my_bridge3 not found',
        reason: 'text outside the JSON array',
      },
    ]);
  });

  test('returns nothing for empty output', () => {
    assert.deepEqual(parseJsonItems('\n'), { items: [], skipped: [] });
  });

  test('skips the whole text when it is not JSON', () => {
    const result = parseJsonItems('Error response from daemon: No such object: busybox9');
    assert.equal(result.items.length, 0);
    assert.match(result.skipped[0]?.reason ?? '', /^not JSON: /);
  });
});

describe('field readers', () => {
  test('read strings, numbers, nested records and string maps from a real network', () => {
    const network = bridgeNetwork();
    assert.equal(stringField(network, 'Name'), 'bridge');
    assert.equal(stringField(network, 'Missing'), null);
    assert.equal(numberField(network, 'Name'), null);
    const ipam = recordField(network, 'IPAM');
    assert.equal(ipam && stringField(ipam, 'Driver'), 'default');
    assert.equal(stringMapField(network, 'Options')['com.docker.network.bridge.name'], 'docker0');
  });

  test('treat an empty string as absent, as Docker uses "" for none', () => {
    const [endpoint] = Object.values(recordField(bridgeNetwork(), 'Containers') ?? {});
    assert.ok(isRecord(endpoint));
    assert.equal(stringField(endpoint, 'IPv6Address'), null);
    assert.equal(stringField(endpoint, 'MacAddress'), '02:42:ac:11:00:02');
  });

  test('keep only the strings of a mixed array', () => {
    assert.deepEqual(
      stringsField({ DNSNames: ['busybox1', 3, null, 'ca3e74f38510'] }, 'DNSNames'),
      ['busybox1', 'ca3e74f38510'],
    );
  });

  test('store a "__proto__" key as data, not as a prototype', () => {
    const map = stringMapField(
      JSON.parse('{"Labels": {"__proto__": "x"}}') as Record<string, unknown>,
      'Labels',
    );
    assert.equal(Object.getPrototypeOf(map), Object.prototype);
    assert.deepEqual(Object.keys(map), ['__proto__']);
  });
});

describe('skipJson', () => {
  test('renders the value as one line of JSON', () => {
    assert.deepEqual(skipJson({ Name: 7 }, 'not a network object'), {
      line: null,
      text: '{"Name":7}',
      reason: 'not a network object',
    });
  });

  test('renders undefined without throwing', () => {
    assert.equal(skipJson(undefined, 'x').text, 'undefined');
  });
});
