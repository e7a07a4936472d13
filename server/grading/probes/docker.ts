/**
 * Probes over what Docker reports (docker inspect, docker network inspect):
 * containers, their addresses and MACs, and networks' IPAM settings.
 */
import { normaliseImageRef } from '../evidence/meaning/docker-cli.ts';
import type { ContainerNetwork, DockerContainer } from '../parsers.ts';
import type { CheckOf } from './check-schema.ts';
import { judgeValue, result, type ProbeResult, type ValueReading } from './result.ts';
import { t, type Text } from './text.ts';
import { findContainer, findNetwork, type World } from './world.ts';

/** The container exists and is running (or stopped the way the check says). */
export function containerProbe(call: CheckOf<'container'>, world: World): ProbeResult {
  const expected = containerExpected(call);
  const c = findContainer(world, call.name);
  if (!c) return result(false, expected, noContainer(world, call.name));
  const extra = world.extras.get(c.name);
  const state = c.running ? 'running' : (c.status ?? 'stopped');
  const code = extra?.exitCode ?? null;
  const seen: Text[] = [
    t(
      `${c.name} is ${state}${c.running || code === null ? '' : ` (exit code ${code})`}`,
      `${c.name} 的状态是 ${state}${c.running || code === null ? '' : `（退出码 ${code}）`}`,
    ),
    t(`from image ${c.image ?? '?'}`, `镜像 ${c.image ?? '?'}`),
    t(`network mode ${c.networkMode ?? '?'}`, `网络模式 ${c.networkMode ?? '?'}`),
  ];
  const exitOk =
    call.exit_code === undefined ||
    (call.exit_code === 'nonzero' ? code !== null && code !== 0 : code === call.exit_code);
  const passed =
    c.running === call.running &&
    (call.running || exitOk) &&
    (call.network_mode === undefined || c.networkMode === call.network_mode) &&
    (call.image === undefined || sameImage(world, c, call.image));
  return result(passed, expected, joinComma(seen), c.status);
}

/**
 * Whether the container runs the image a reference names: by the image's id
 * when the engine lists it (so `docker.io/library/busybox:latest`, `busybox` and
 * the id are one image), else by the normalised reference.
 */
function sameImage(world: World, c: DockerContainer, ref: string): boolean {
  const wanted = normaliseImageRef(ref);
  const image = world.images?.find((i) => i.tags.some((tag) => normaliseImageRef(tag) === wanted));
  if (image && c.imageId !== null) return image.id === c.imageId;
  return c.image !== null && normaliseImageRef(c.image) === wanted;
}

function containerExpected(call: CheckOf<'container'>): Text {
  const parts: Text[] = [
    call.running
      ? t(`${call.name} is running`, `${call.name} 正在运行`)
      : t(`${call.name} has stopped`, `${call.name} 已停止`),
  ];
  if (!call.running && call.exit_code !== undefined)
    parts.push(
      call.exit_code === 'nonzero'
        ? t('with a non-zero exit code', '退出码非 0')
        : t(`with exit code ${call.exit_code}`, `退出码为 ${call.exit_code}`),
    );
  if (call.image) parts.push(t(`from image ${call.image}`, `镜像 ${call.image}`));
  if (call.network_mode)
    parts.push(t(`network mode ${call.network_mode}`, `网络模式 ${call.network_mode}`));
  return joinComma(parts);
}

function joinComma(parts: Text[]): Text {
  return t(parts.map((p) => p.en).join(', '), parts.map((p) => p['zh-cn']).join('，'));
}

/** "there is no container named X (containers: a, b)". */
export function noContainer(world: World, name: string): Text {
  const names = world.containers.map((c) => c.name).join(', ') || '-';
  return t(
    `there is no container named ${name} (containers: ${names})`,
    `没有名为 ${name} 的容器（现有容器：${names}）`,
  );
}

/** A container's endpoint on a network, or why it has none. */
function endpoint(
  world: World,
  name: string,
  network: string,
): { ok: true; endpoint: ContainerNetwork } | { ok: false; why: Text } {
  const c = findContainer(world, name);
  if (!c) return { ok: false, why: noContainer(world, name) };
  if (!c.running) return { ok: false, why: t(`${name} is not running`, `${name} 没有在运行`) };
  const ep = c.networks[network];
  if (ep) return { ok: true, endpoint: ep };
  const on =
    Object.entries(c.networks)
      .map(([n, e]) => (e.ip ? `${n} (${e.ip})` : n))
      .join(', ') || '-';
  return {
    ok: false,
    why: t(
      `${name} is not on ${network}; it is on ${on}`,
      `${name} 不在 ${network} 上；它在 ${on} 上`,
    ),
  };
}

/** Reads one field of a container's endpoint, or says it is missing. */
function endpointField(
  world: World,
  call: { container: string; network: string },
  read: (ep: ContainerNetwork) => string | null,
  missing: Text,
): ValueReading {
  const ep = endpoint(world, call.container, call.network);
  if (!ep.ok) return ep;
  const value = read(ep.endpoint);
  return value ? { ok: true, value } : { ok: false, why: missing };
}

/** Names the value container_ip reads. */
export function containerIpSubject(call: CheckOf<'container_ip'>): Text {
  return t(
    `the address of ${call.container} on ${call.network}`,
    `${call.container} 在 ${call.network} 上的地址`,
  );
}

/** A container's address on a network, with prefix ("192.168.31.25/24"). */
export function containerIpProbe(call: CheckOf<'container_ip'>, world: World): ProbeResult {
  const reading = endpointField(
    world,
    call,
    (ep) => (ep.ip && ep.prefixLen !== null ? `${ep.ip}/${ep.prefixLen}` : ep.ip),
    t(
      `${call.container} has no IPv4 address on ${call.network}`,
      `${call.container} 在 ${call.network} 上没有 IPv4 地址`,
    ),
  );
  return judgeValue(containerIpSubject(call), reading, call, 'address');
}

/** Names the value container_mac reads. */
export function containerMacSubject(call: CheckOf<'container_mac'>): Text {
  return t(
    `the MAC address of ${call.container} on ${call.network}`,
    `${call.container} 在 ${call.network} 上的 MAC 地址`,
  );
}

/** A container's MAC on a network. */
export function containerMacProbe(call: CheckOf<'container_mac'>, world: World): ProbeResult {
  const reading = endpointField(
    world,
    call,
    (ep) => ep.mac,
    t(
      `${call.container} has no MAC on ${call.network}`,
      `${call.container} 在 ${call.network} 上没有 MAC 地址`,
    ),
  );
  return judgeValue(containerMacSubject(call), reading, call, 'mac');
}

export type NetworkCall =
  CheckOf<'network_subnet'> | CheckOf<'network_gateway'> | CheckOf<'network_ip_range'>;

const NETWORK_FIELDS = {
  network_subnet: { key: 'subnet', en: 'subnet', zh: '子网', kind: 'subnet' },
  network_gateway: { key: 'gateway', en: 'gateway', zh: '网关', kind: 'address' },
  network_ip_range: { key: 'ipRange', en: 'IP range', zh: 'IP 范围（--ip-range）', kind: 'subnet' },
} as const;

/** Names the value a network probe reads. */
export function networkFieldSubject(call: NetworkCall): Text {
  const field = NETWORK_FIELDS[call.probe];
  return t(`the ${field.en} of ${call.network}`, `${call.network} 的${field.zh}`);
}

/** A network's subnet, gateway or IP range (the first IPAM pool). */
export function networkFieldProbe(call: NetworkCall, world: World): ProbeResult {
  const field = NETWORK_FIELDS[call.probe];
  return judgeValue(networkFieldSubject(call), networkReading(call, world), call, field.kind);
}

function networkReading(call: NetworkCall, world: World): ValueReading {
  const field = NETWORK_FIELDS[call.probe];
  const network = findNetwork(world, call.network);
  if (!network) {
    const names = world.networks.map((n) => n.name).join(', ');
    return {
      ok: false,
      why: t(
        `there is no network named ${call.network} (networks: ${names})`,
        `没有名为 ${call.network} 的网络（现有网络：${names}）`,
      ),
    };
  }
  const value = network.subnets[0]?.[field.key] ?? null;
  if (value) return { ok: true, value };
  return {
    ok: false,
    why: t(`${call.network} has no ${field.en} set`, `${call.network} 没有设置${field.zh}`),
  };
}
