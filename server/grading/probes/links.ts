/**
 * Probes over interfaces read with `ip addr` in every namespace: addresses,
 * MACs, veth peers, bridge membership and named netns.
 */
import type { CheckOf } from './check-schema.ts';
import { judgeValue, result, type ProbeResult, type ValueReading } from './result.ts';
import { t, type Text } from './text.ts';
import { sameAddress } from './ipv4.ts';
import { findPeer } from './veth.ts';
import { interfaceWords, selectInterface } from './interfaces.ts';
import { findInterface, findNamespace, type World } from './world.ts';

/** Names the value veth_peer reads. */
export function vethPeerSubject(call: CheckOf<'veth_peer'>): Text {
  const of = interfaceWords(call);
  return t(`the peer of ${of.en}`, `${of['zh-cn']}的 veth 对端`);
}

/** The name of the other end of a veth (in whichever namespace). */
export function vethPeerProbe(call: CheckOf<'veth_peer'>, world: World): ProbeResult {
  const found = selectInterface(world, { ...call, peer: true });
  const reading: ValueReading = found.ok ? { ok: true, value: found.iface.name } : found;
  return judgeValue(vethPeerSubject(call), reading, call, 'interface');
}

/** Names the value bridge_of reads. */
export function bridgeOfSubject(call: CheckOf<'bridge_of'>): Text {
  const of = interfaceWords(call);
  return t(`the bridge that ${of.en} is plugged into`, `${of['zh-cn']}所接入的网桥`);
}

/**
 * The bridge an interface is a port of; for an interface with no master (a
 * container's eth0), the bridge its veth peer is a port of. With `bridge_ns`,
 * the bridge must also be in that namespace: a bridge of the same name
 * elsewhere is another bridge.
 */
export function bridgeOfProbe(call: CheckOf<'bridge_of'>, world: World): ProbeResult {
  const subject = bridgeOfSubject(call);
  const reading = masterReading(call, world);
  const verdict = judgeValue(subject, reading.value, call, 'interface');
  if (call.bridge_ns === undefined || !verdict.passed || reading.ns === null) return verdict;
  const place = world.aliases.get(call.bridge_ns) ?? call.bridge_ns;
  if (reading.ns === place) return verdict;
  const shown = reading.ns === 'host' ? 'the machine (host)' : reading.ns;
  return result(
    false,
    t(
      `${verdict.expected.en}, in ${call.bridge_ns}`,
      `${verdict.expected['zh-cn']}，且位于 ${call.bridge_ns}`,
    ),
    t(
      `${verdict.actual.en}, but that bridge is in ${shown}, not in ${call.bridge_ns}`,
      `${verdict.actual['zh-cn']}，但这个网桥在 ${reading.ns}，不在 ${call.bridge_ns}`,
    ),
    verdict.value,
  );
}

function masterReading(
  call: CheckOf<'bridge_of'>,
  world: World,
): { value: ValueReading; ns: string | null } {
  const found = selectInterface(world, { ...call, peer: false });
  if (!found.ok) return { value: found, ns: null };
  const peer = found.iface.master === null ? findPeer(world, found.ns, found.iface) : null;
  const master = found.iface.master ?? peer?.iface.master ?? null;
  const ns = found.iface.master !== null ? found.ns.name : (peer?.ns.name ?? null);
  if (master) return { value: { ok: true, value: master }, ns };
  const of = interfaceWords(call);
  return {
    value: {
      ok: false,
      why: t(`${of.en} is not plugged into any bridge`, `${of['zh-cn']}没有接入任何网桥`),
    },
    ns: null,
  };
}

/** The ports of a bridge (interfaces whose master it is). */
export function bridgeMembersProbe(call: CheckOf<'bridge_members'>, world: World): ProbeResult {
  const want = call.includes ? ` ${call.includes}` : '';
  const expected = t(
    `${call.bridge} in ${call.ns} has at least ${call.min} port(s)${want ? `, among them${want}` : ''}`,
    `${call.ns} 中的 ${call.bridge} 至少有 ${call.min} 个端口${want ? `，其中包括${want}` : ''}`,
  );
  const found = findInterface(world, call.ns, call.bridge);
  if (!found.ok) return result(false, expected, found.why);
  const ports = (found.ns.interfaces ?? [])
    .filter((i) => i.master === call.bridge)
    .map((i) => i.name);
  const list = ports.join(', ') || '-';
  const passed =
    ports.length >= call.min && (call.includes === undefined || ports.includes(call.includes));
  return result(
    passed,
    expected,
    t(`${call.bridge} has ports: ${list}`, `${call.bridge} 的端口：${list}`),
    ports.join(','),
  );
}

/** Names the value interface_addr reads. */
export function interfaceAddrSubject(call: CheckOf<'interface_addr'>): Text {
  const of = interfaceWords(call);
  return t(`the IPv4 address of ${of.en}`, `${of['zh-cn']}的 IPv4 地址`);
}

/** An interface's first IPv4 address, with prefix; passes when any of its addresses fits. */
export function interfaceAddrProbe(call: CheckOf<'interface_addr'>, world: World): ProbeResult {
  const subject = interfaceAddrSubject(call);
  const found = selectInterface(world, call);
  if (!found.ok) return judgeValue(subject, found, call, 'address');
  const addresses = found.iface.addresses.filter((a) => a.family === 'inet').map((a) => a.cidr);
  if (addresses.length === 0) {
    const of = interfaceWords(call);
    const why = t(
      `${of.en} (${found.iface.name}) has no IPv4 address`,
      `${of['zh-cn']}（${found.iface.name}）没有 IPv4 地址`,
    );
    return judgeValue(subject, { ok: false, why }, call, 'address');
  }
  // An interface may hold several addresses; the one that fits wins, else the first is shown.
  const verdicts = addresses.map((a) =>
    judgeValue(subject, { ok: true, value: a }, call, 'address'),
  );
  return verdicts.find((v) => v.passed) ?? verdicts[0] ?? result(false, subject, subject);
}

/** Names the value interface_mac reads. */
export function interfaceMacSubject(call: CheckOf<'interface_mac'>): Text {
  const of = interfaceWords(call);
  return t(`the MAC address of ${of.en}`, `${of['zh-cn']}的 MAC 地址`);
}

/** An interface's link-layer address. */
export function interfaceMacProbe(call: CheckOf<'interface_mac'>, world: World): ProbeResult {
  const found = selectInterface(world, call);
  const reading: ValueReading = !found.ok
    ? found
    : found.iface.mac
      ? { ok: true, value: found.iface.mac }
      : {
          ok: false,
          why: t(`${found.iface.name} has no MAC address`, `${found.iface.name} 没有 MAC 地址`),
        };
  return judgeValue(interfaceMacSubject(call), reading, call, 'mac');
}

/** Names the value addr_owner reads. */
export function addrOwnerSubject(call: CheckOf<'addr_owner'>): Text {
  return t(
    `the interface of ${call.ns} that holds ${call.address}`,
    `${call.ns} 中持有 ${call.address} 的接口`,
  );
}

/** The interface of a namespace that holds an address. */
export function addrOwnerProbe(call: CheckOf<'addr_owner'>, world: World): ProbeResult {
  const lookup = findNamespace(world, call.ns);
  let reading: ValueReading;
  if (!lookup.ok) reading = lookup;
  else {
    const owner = (lookup.ns.interfaces ?? []).find((i) =>
      i.addresses.some((a) => sameAddress(a.cidr, call.address)),
    );
    reading = owner
      ? { ok: true, value: owner.name }
      : {
          ok: false,
          why: t(
            `no interface of ${call.ns} holds ${call.address}`,
            `${call.ns} 中没有接口持有 ${call.address}`,
          ),
        };
  }
  return judgeValue(addrOwnerSubject(call), reading, call, 'interface');
}

/** A named network namespace exists. */
export function netnsExistsProbe(call: CheckOf<'netns_exists'>, world: World): ProbeResult {
  const expected = t(
    `a network namespace named ${call.name} exists`,
    `存在名为 ${call.name} 的网络命名空间`,
  );
  const list = world.netns.join(', ') || '-';
  const passed = world.netns.includes(call.name);
  const actual = t(`ip netns list shows: ${list}`, `ip netns list 显示：${list}`);
  return result(passed, expected, actual, passed ? call.name : null);
}

/** Whether a namespace name can be looked at at all (for probes that run commands there). */
export function namespaceHandle(world: World, name: string) {
  const lookup = findNamespace(world, name);
  return lookup.ok ? { ok: true as const, handle: lookup.ns.handle } : lookup;
}
