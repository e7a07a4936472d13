/**
 * Validation of the settings that decide who may reach the server and whose
 * word it takes for a client's address: ALLOWED_HOSTS and TRUST_PROXY. Each
 * check returns the sentence an operator needs when a value is wrong.
 */
import { isIP } from 'node:net';

/**
 * Whose X-Forwarded-For is believed: nobody, the `hops` nearest proxies (the
 * nearest one connecting from this machine), or proxies at these addresses.
 */
export type TrustProxy = null | { hops: number } | { proxies: string[] };

/** The ranges @fastify/proxy-addr knows by name. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const MAX_HOPS = 10;
const OLD_BOOLEANS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', '0']);
const HOSTNAME = /^\.?(?=[a-z0-9])[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})*\.?$/;

/** Why an ALLOWED_HOSTS entry is unusable, or null. */
export function hostEntryProblem(entry: string): string | null {
  if (entry === '*' || entry.includes('*'))
    return `"${entry}": wildcards would answer every name and re-open DNS rebinding; list the names (".example.com" covers its subdomains)`;
  if (entry.includes('://') || entry.includes('/'))
    return `"${entry}": write the name alone, without a scheme or path (e.g. learn.example.com)`;
  if (isIP(entry.replace(/^\[|\]$/g, ''))) return null;
  if (/:\d+$/.test(entry))
    return `"${entry}": write the name without the port; every port of an allowed name is allowed`;
  if (!HOSTNAME.test(entry)) return `"${entry}" is not a DNS name`;
  return null;
}

/** Why a TRUST_PROXY value is unusable, or null. */
export function trustProxyProblem(value: string): string | null {
  const trimmed = value.trim().toLowerCase();
  if (OLD_BOOLEANS.has(trimmed))
    return `"${value}" is no longer accepted (it trusted every X-Forwarded-For, or none): write the number of proxies in front of the server (e.g. 1 for one nginx on this machine) or their addresses (e.g. 10.0.0.5,10.1.0.0/16); leave it unset to trust no proxy`;
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed);
    return hops >= 1 && hops <= MAX_HOPS
      ? null
      : `a hop count is 1 to ${MAX_HOPS} (leave TRUST_PROXY unset to trust no proxy)`;
  }
  const bad = entries(value).filter((entry) => !isAddressOrRange(entry));
  if (bad.length === 0 && entries(value).length > 0) return null;
  return `${bad.map((b) => `"${b}"`).join(', ') || 'an empty list'}: write a hop count (e.g. 1) or proxy addresses and CIDRs (e.g. 10.0.0.5,10.1.0.0/16, or loopback, linklocal, uniquelocal)`;
}

/** The validated TRUST_PROXY value as the configuration keeps it. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) ? { hops: Number(trimmed) } : { proxies: entries(trimmed) };
}

function entries(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/** 127.0.0.0/8, ::1, and 127.x seen through an IPv4-mapped IPv6 socket. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.replace(/^::ffff:/i, '');
  if (isIP(v4) === 4) return v4.startsWith('127.');
  // Node prints the IPv6 loopback of a socket in its short form.
  return address === '::1';
}

/** What an operator should hear at start about how exposed the server is. */
export function exposureWarnings(config: {
  host: string;
  allowedHosts: readonly string[];
  trustProxy: TrustProxy;
}): string[] {
  if (config.host === 'localhost' || isLoopbackAddress(config.host)) return [];
  const warnings: string[] = [];
  if (config.allowedHosts.length === 0)
    warnings.push(
      `HOST=${config.host} exposes the server to other machines, and ALLOWED_HOSTS is empty: it answers only requests addressed to localhost or an IP address; set ALLOWED_HOSTS to the names readers use (e.g. learn.example.com)`,
    );
  if (config.trustProxy && 'hops' in config.trustProxy)
    warnings.push(
      `TRUST_PROXY=${config.trustProxy.hops} believes X-Forwarded-For only when the nearest proxy connects from this machine; list the proxy's address instead if it runs elsewhere`,
    );
  return warnings;
}
