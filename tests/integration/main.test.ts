/**
 * The server process as `npm start` runs it: with no HOST it listens on the
 * loopback interface only, so a laptop offers no shell to its network.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { startServer } from './helpers/server.ts';

/** The local addresses of TCP sockets listening on `port` (from /proc, IPv4 and IPv6). */
function listeningOn(port: number): string[] {
  const addresses: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [hex, portHex] = local?.split(':') ?? [];
      if (state !== '0A' || !hex || Number.parseInt(portHex ?? '', 16) !== port) continue;
      addresses.push(hex.length === 8 ? ipv4(hex) : `ipv6:${hex}`);
    }
  }
  return addresses;
}

/** /proc prints an IPv4 address as one little-endian hex word. */
function ipv4(hex: string): string {
  return (hex.match(/../g) ?? [])
    .map((byte) => Number.parseInt(byte, 16))
    .reverse()
    .join('.');
}

describe('main', () => {
  test('listens on 127.0.0.1 only when HOST is unset', async () => {
    // An empty variable counts as unset, so this overrides the helper's own HOST.
    const server = await startServer({ HOST: '' });
    try {
      assert.deepEqual(listeningOn(server.port), ['127.0.0.1']);
      assert.doesNotMatch(server.output(), /exposes the server/);
    } finally {
      await server.stop();
    }
  });
});
