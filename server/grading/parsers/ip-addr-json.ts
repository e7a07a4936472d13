/**
 * `ip -j addr` (and `ip -j link`, the same objects without `addr_info`) from
 * iproute2 6.x, mapped onto the same `IpInterface` the text parser returns so
 * a grader can use either form.
 */
import type { IpAddress, IpInterface, IpInterfaces } from './ip-addr.ts';
import type { SkippedLine } from './input-lines.ts';
import {
  arrayField,
  isRecord,
  numberField,
  parseJsonItems,
  skipJson,
  stringField,
  stringsField,
  type JsonRecord,
} from './json-input.ts';

/** Parses `ip -j addr` or `ip -j link` output into interfaces in printed order. */
export function parseIpAddrJson(text: string): IpInterfaces {
  const { items, skipped } = parseJsonItems(text);
  const interfaces: IpInterface[] = [];
  for (const item of items) {
    const parsed = isRecord(item) ? fromJson(item, skipped) : null;
    if (parsed) interfaces.push(parsed);
    else skipped.push(skipJson(item, 'not an interface object (needs ifindex and ifname)'));
  }
  return { interfaces, skipped };
}

function fromJson(item: JsonRecord, skipped: SkippedLine[]): IpInterface | null {
  const index = numberField(item, 'ifindex');
  const name = stringField(item, 'ifname');
  if (index === null || name === null) return null;
  return {
    index,
    name,
    // `link_index` is the veth peer's ifindex; `link` its name when it is in this namespace.
    peerIndex: numberField(item, 'link_index'),
    peerName: stringField(item, 'link'),
    flags: stringsField(item, 'flags'),
    mtu: numberField(item, 'mtu'),
    qdisc: stringField(item, 'qdisc'),
    master: stringField(item, 'master'),
    state: stringField(item, 'operstate'),
    linkType: stringField(item, 'link_type'),
    mac: stringField(item, 'address'),
    linkNetnsId: numberField(item, 'link_netnsid'),
    linkNetns: null,
    addresses: addresses(arrayField(item, 'addr_info'), name, skipped),
  };
}

function addresses(entries: unknown[], ifname: string, skipped: SkippedLine[]): IpAddress[] {
  const result: IpAddress[] = [];
  for (const entry of entries) {
    const address = isRecord(entry) ? fromAddrInfo(entry) : null;
    if (address) result.push(address);
    else skipped.push(skipJson(entry, `unreadable addr_info entry of ${ifname}`));
  }
  return result;
}

function fromAddrInfo(entry: JsonRecord): IpAddress | null {
  const family = stringField(entry, 'family');
  const address = stringField(entry, 'local');
  const prefixLen = numberField(entry, 'prefixlen');
  if ((family !== 'inet' && family !== 'inet6') || address === null || prefixLen === null)
    return null;
  return {
    family,
    address,
    prefixLen,
    cidr: `${address}/${prefixLen}`,
    broadcast: stringField(entry, 'broadcast'),
    scope: stringField(entry, 'scope'),
  };
}
