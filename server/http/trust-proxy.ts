/**
 * TRUST_PROXY as Fastify's `trustProxy` option. Addresses go to Fastify as
 * they are. A hop count becomes a function, because Fastify refuses bare hop
 * counts: they let a client that reaches the server directly forge
 * X-Forwarded-For. Here the nearest proxy must connect from this machine, so a
 * direct client from elsewhere is never believed.
 */
import { isLoopbackAddress, type TrustProxy } from '../config/exposure.ts';

export type TrustProxyOption = false | string[] | ((address: string, hop: number) => boolean);

export function trustProxyOption(trust: TrustProxy): TrustProxyOption {
  if (trust === null) return false;
  if ('proxies' in trust) return trust.proxies;
  const { hops } = trust;
  return (address, hop) => hop < hops && (hop > 0 || isLoopbackAddress(address));
}
