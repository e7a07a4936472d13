/**
 * `docker network inspect <net…>` JSON (Docker Engine 26): the networks, their
 * IPAM subnets and the endpoints of the containers attached to them.
 */
import type { SkippedLine } from './input-lines.ts';
import {
  arrayField,
  booleanField,
  isRecord,
  parseJsonItems,
  recordField,
  skipJson,
  stringField,
  stringMapField,
  type JsonRecord,
} from './json-input.ts';

/** One IPAM pool of a network. */
export interface DockerSubnet {
  /** "192.168.31.0/24" */
  subnet: string;
  /** "192.168.31.1"; null when Docker picked none (host, none). */
  gateway: string | null;
  /** `--ip-range`, when given. */
  ipRange: string | null;
}

/** A container's endpoint on the network. */
export interface DockerEndpoint {
  containerId: string;
  /** Container name without the leading slash, e.g. "busybox2". */
  name: string;
  endpointId: string | null;
  /** "02:42:c0:a8:1f:19"; null on host/none networks. */
  mac: string | null;
  /** With prefix, as Docker prints it: "192.168.31.25/24"; null on host/none networks. */
  ipv4: string | null;
  ipv6: string | null;
}

/** One network. */
export interface DockerNetwork {
  name: string;
  id: string;
  /** "bridge", "host", "null", "overlay"… */
  driver: string | null;
  scope: string | null;
  internal: boolean;
  subnets: DockerSubnet[];
  /** Endpoints ordered as Docker prints them (by container id). */
  containers: DockerEndpoint[];
  /** Driver options, e.g. {"com.docker.network.bridge.name": "docker0"}. */
  options: Record<string, string>;
  /**
   * The Linux bridge behind a bridge network, as `brctl show` names it: the
   * `bridge.name` option, else "br-" and the first 12 characters of the id.
   */
  bridgeName: string | null;
  labels: Record<string, string>;
}

/** Networks in printed order, and what could not be read. */
export interface DockerNetworks {
  networks: DockerNetwork[];
  skipped: SkippedLine[];
}

const BRIDGE_NAME_OPTION = 'com.docker.network.bridge.name';

/** Parses `docker network inspect` output for one or more networks. */
export function parseDockerNetworkInspect(text: string): DockerNetworks {
  const { items, skipped } = parseJsonItems(text);
  const networks: DockerNetwork[] = [];
  for (const item of items) {
    const network = isRecord(item) ? fromJson(item, skipped) : null;
    if (network) networks.push(network);
    else skipped.push(skipJson(item, 'not a network object (needs Name and Id)'));
  }
  return { networks, skipped };
}

function fromJson(item: JsonRecord, skipped: SkippedLine[]): DockerNetwork | null {
  const name = stringField(item, 'Name');
  const id = stringField(item, 'Id');
  if (name === null || id === null) return null;
  const driver = stringField(item, 'Driver');
  const options = stringMapField(item, 'Options');
  return {
    name,
    id,
    driver,
    scope: stringField(item, 'Scope'),
    internal: booleanField(item, 'Internal'),
    subnets: subnets(recordField(item, 'IPAM'), skipped),
    containers: endpoints(recordField(item, 'Containers'), skipped),
    options,
    bridgeName:
      driver === 'bridge' ? (options[BRIDGE_NAME_OPTION] ?? `br-${id.slice(0, 12)}`) : null,
    labels: stringMapField(item, 'Labels'),
  };
}

function subnets(ipam: JsonRecord | null, skipped: SkippedLine[]): DockerSubnet[] {
  const result: DockerSubnet[] = [];
  for (const config of ipam ? arrayField(ipam, 'Config') : []) {
    const subnet = isRecord(config) ? stringField(config, 'Subnet') : null;
    if (isRecord(config) && subnet !== null) {
      result.push({
        subnet,
        gateway: stringField(config, 'Gateway'),
        ipRange: stringField(config, 'IPRange'),
      });
    } else {
      skipped.push(skipJson(config, 'IPAM config without a Subnet'));
    }
  }
  return result;
}

function endpoints(containers: JsonRecord | null, skipped: SkippedLine[]): DockerEndpoint[] {
  const result: DockerEndpoint[] = [];
  for (const [containerId, endpoint] of Object.entries(containers ?? {})) {
    const name = isRecord(endpoint) ? stringField(endpoint, 'Name') : null;
    if (!isRecord(endpoint) || name === null) {
      skipped.push(skipJson(endpoint, `endpoint of ${containerId} without a Name`));
      continue;
    }
    result.push({
      containerId,
      name: name.replace(/^\//, ''),
      endpointId: stringField(endpoint, 'EndpointID'),
      mac: stringField(endpoint, 'MacAddress'),
      ipv4: stringField(endpoint, 'IPv4Address'),
      ipv6: stringField(endpoint, 'IPv6Address'),
    });
  }
  return result;
}
