/**
 * Finding the interface a check means: by name in a namespace, or (in a
 * container) by the Docker network it is on: Docker reports the endpoint's MAC,
 * and the interface carrying that MAC is the one, whatever it is called (`eth1`
 * after a `docker network connect`). `peer` moves to the other end of its veth.
 */
import type { IpInterface } from '../parsers.ts';
import { t, type Text } from './text.ts';
import { findPeer } from './veth.ts';
import {
  findContainer,
  findInterface,
  findNamespace,
  type Namespace,
  type World,
} from './world.ts';

/** How a check names an interface. */
export interface InterfaceCall {
  ns: string;
  interface?: string | undefined;
  network?: string | undefined;
  peer?: boolean | undefined;
}

export type InterfaceLookup =
  { ok: true; ns: Namespace; iface: IpInterface } | { ok: false; why: Text };

/** Words for the interface a call names: "eth0 of busybox1", "busybox1's interface on bridge". */
export function interfaceWords(call: InterfaceCall): Text {
  const base =
    call.network !== undefined
      ? t(`${call.ns}'s interface on ${call.network}`, `${call.ns} 在 ${call.network} 上的接口`)
      : t(`${call.interface ?? '?'} of ${call.ns}`, `${call.ns} 的 ${call.interface ?? '?'}`);
  return call.peer ? t(`the other end of ${base.en}`, `${base['zh-cn']}的 veth 对端`) : base;
}

/** The interface a call names, or why it cannot be had. */
export function selectInterface(world: World, call: InterfaceCall): InterfaceLookup {
  const found =
    call.network !== undefined
      ? byNetwork(world, call.ns, call.network)
      : findInterface(world, call.ns, call.interface ?? '');
  if (!found.ok || !call.peer) return found;
  const peer = findPeer(world, found.ns, found.iface);
  if (peer) return { ok: true, ns: peer.ns, iface: peer.iface };
  return {
    ok: false,
    why: t(
      `${found.iface.name} in ${call.ns} is not a veth whose other end could be found`,
      `${call.ns} 中的 ${found.iface.name} 不是能找到对端的 veth`,
    ),
  };
}

function byNetwork(world: World, name: string, network: string): InterfaceLookup {
  const c = findContainer(world, name);
  if (!c)
    return { ok: false, why: t(`there is no container named ${name}`, `没有名为 ${name} 的容器`) };
  if (!c.running) return { ok: false, why: t(`${name} is not running`, `${name} 没有在运行`) };
  const endpoint = c.networks[network];
  if (!endpoint) {
    const on = Object.keys(c.networks).join(', ') || '-';
    return {
      ok: false,
      why: t(
        `${name} is not on ${network}; it is on ${on}`,
        `${name} 不在 ${network} 上；它在 ${on} 上`,
      ),
    };
  }
  const lookup = findNamespace(world, name);
  if (!lookup.ok) return lookup;
  const mac = endpoint.mac?.toLowerCase() ?? null;
  const iface = (lookup.ns.interfaces ?? []).find(
    (i) => mac !== null && i.mac?.toLowerCase() === mac,
  );
  if (iface) return { ok: true, ns: lookup.ns, iface };
  return {
    ok: false,
    why: t(
      `no interface of ${name} carries its ${network} endpoint's MAC ${mac ?? '-'}`,
      `${name} 中没有接口使用它在 ${network} 上的 MAC ${mac ?? '-'}`,
    ),
  };
}
