/**
 * `docker inspect <container…>` JSON (Docker Engine 26): what a grader checks
 * about a container: is it running, from which image, on which networks with
 * which address and MAC, and which ports it publishes.
 */
import type { SkippedLine } from './input-lines.ts';
import {
  booleanField,
  isRecord,
  numberField,
  parseJsonItems,
  recordField,
  skipJson,
  stringField,
  stringsField,
  type JsonRecord,
} from './json-input.ts';

/** The container's endpoint on one network. Empty strings from Docker become null. */
export interface ContainerNetwork {
  /** "192.168.31.25"; null on host/none or when not running. */
  ip: string | null;
  /** 24; null when Docker reports 0 (no address). */
  prefixLen: number | null;
  mac: string | null;
  gateway: string | null;
  networkId: string | null;
  endpointId: string | null;
  /** Names the embedded DNS answers for this container on this network (user-defined networks). */
  dnsNames: string[];
}

/** A port published with `-p`. */
export interface PublishedPort {
  /** 80 */
  containerPort: number;
  /** "tcp" or "udp" */
  protocol: string;
  /** "0.0.0.0", "::" */
  hostIp: string | null;
  /** 8080 */
  hostPort: number | null;
}

/** One container. */
export interface DockerContainer {
  id: string;
  /** Without the leading slash: "busybox1". */
  name: string;
  /** As given to `docker run`: "busybox". */
  image: string | null;
  /** "sha256:…" */
  imageId: string | null;
  running: boolean;
  /** "running", "created", "exited"… */
  status: string | null;
  /** The container's init pid in the sandbox; null when not running. */
  pid: number | null;
  hostname: string | null;
  /** "bridge", "host", "none", a network name, or "container:<id>". */
  networkMode: string | null;
  networks: Record<string, ContainerNetwork>;
  ports: PublishedPort[];
}

/** Containers in printed order, and what could not be read. */
export interface DockerContainers {
  containers: DockerContainer[];
  skipped: SkippedLine[];
}

/** Parses `docker inspect` output for one or more containers. */
export function parseDockerInspect(text: string): DockerContainers {
  const { items, skipped } = parseJsonItems(text);
  const containers: DockerContainer[] = [];
  for (const item of items) {
    const container = isRecord(item) ? fromJson(item, skipped) : null;
    if (container) containers.push(container);
    else skipped.push(skipJson(item, 'not a container object (needs Id and Name)'));
  }
  return { containers, skipped };
}

function fromJson(item: JsonRecord, skipped: SkippedLine[]): DockerContainer | null {
  const id = stringField(item, 'Id');
  const name = stringField(item, 'Name');
  if (id === null || name === null) return null;
  const state = recordField(item, 'State') ?? {};
  const config = recordField(item, 'Config') ?? {};
  const settings = recordField(item, 'NetworkSettings') ?? {};
  const pid = numberField(state, 'Pid');
  return {
    id,
    name: name.replace(/^\//, ''),
    image: stringField(config, 'Image'),
    imageId: stringField(item, 'Image'),
    running: booleanField(state, 'Running'),
    status: stringField(state, 'Status'),
    pid: pid === null || pid === 0 ? null : pid,
    hostname: stringField(config, 'Hostname'),
    networkMode: stringField(recordField(item, 'HostConfig') ?? {}, 'NetworkMode'),
    networks: networks(recordField(settings, 'Networks') ?? {}, skipped),
    ports: ports(recordField(settings, 'Ports') ?? {}),
  };
}

function networks(byName: JsonRecord, skipped: SkippedLine[]): Record<string, ContainerNetwork> {
  const entries = Object.entries(byName).flatMap(([name, value]) => {
    if (!isRecord(value)) {
      skipped.push(skipJson(value, `network ${name} is not an object`));
      return [];
    }
    const prefixLen = numberField(value, 'IPPrefixLen');
    const network: ContainerNetwork = {
      ip: stringField(value, 'IPAddress'),
      prefixLen: prefixLen === 0 ? null : prefixLen,
      mac: stringField(value, 'MacAddress'),
      gateway: stringField(value, 'Gateway'),
      networkId: stringField(value, 'NetworkID'),
      endpointId: stringField(value, 'EndpointID'),
      dnsNames: stringsField(value, 'DNSNames'),
    };
    return [[name, network] as const];
  });
  return Object.fromEntries(entries);
}

function ports(byContainerPort: JsonRecord): PublishedPort[] {
  return Object.entries(byContainerPort).flatMap(([key, bindings]) => {
    // An exposed but unpublished port maps to null or []: nothing to report.
    const match = /^(\d+)\/(\w+)$/.exec(key);
    if (!match) return [];
    const list: unknown[] = Array.isArray(bindings) ? bindings : [];
    const containerPort = Number(match[1]);
    const protocol = match[2] ?? 'tcp';
    return list.filter(isRecord).map((binding) => ({
      containerPort,
      protocol,
      hostIp: stringField(binding, 'HostIp'),
      hostPort: hostPort(stringField(binding, 'HostPort')),
    }));
  });
}

function hostPort(text: string | null): number | null {
  return text !== null && /^\d+$/.test(text) ? Number(text) : null;
}
