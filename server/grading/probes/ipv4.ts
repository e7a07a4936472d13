/**
 * IPv4 address arithmetic the probes need: is an address inside a subnet, do
 * two addresses name the same host when one carries a prefix length and the
 * other does not.
 */

const OCTETS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The address as a 32-bit number; null when it is not dotted-quad IPv4. */
export function ipToNumber(text: string): number | null {
  const match = OCTETS.exec(text.trim());
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return null;
  return octets.reduce((sum, o) => sum * 256 + o, 0);
}

/** True for a dotted-quad IPv4 address without a prefix. */
export function isIpv4(text: string): boolean {
  return ipToNumber(text) !== null;
}

/** "10.0.0.2/24" → {address: "10.0.0.2", prefixLen: 24}; a bare address has prefixLen null. */
export function splitCidr(text: string): { address: string; prefixLen: number | null } {
  const [address = '', prefix] = text.trim().split('/');
  const prefixLen = prefix !== undefined && /^\d{1,2}$/.test(prefix) ? Number(prefix) : null;
  return { address, prefixLen: prefixLen !== null && prefixLen <= 32 ? prefixLen : null };
}

/** True when `ip` (with or without a prefix) lies inside `cidr` ("192.168.31.128/25"). */
export function inCidr(ip: string, cidr: string): boolean {
  const { address } = splitCidr(ip);
  const net = splitCidr(cidr);
  const a = ipToNumber(address);
  const n = ipToNumber(net.address);
  if (a === null || n === null || net.prefixLen === null) return false;
  const size = 2 ** (32 - net.prefixLen);
  return Math.floor(a / size) === Math.floor(n / size);
}

/**
 * True when both name the same address; prefix lengths are compared only when
 * both sides give one ("172.17.0.2" matches "172.17.0.2/16", "/24" does not).
 */
export function sameAddress(a: string, b: string): boolean {
  const left = splitCidr(a);
  const right = splitCidr(b);
  const l = ipToNumber(left.address);
  if (l === null || l !== ipToNumber(right.address)) return false;
  return left.prefixLen === null || right.prefixLen === null || left.prefixLen === right.prefixLen;
}

/** True when both are the same subnet ("192.168.31.0/24"), however the host bits are written. */
export function sameSubnet(a: string, b: string): boolean {
  const left = splitCidr(a);
  const right = splitCidr(b);
  if (left.prefixLen === null || left.prefixLen !== right.prefixLen) return false;
  return inCidr(left.address, b) && inCidr(right.address, a);
}
