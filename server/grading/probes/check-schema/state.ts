/**
 * Probes over the sandbox's state: containers and networks (what Docker reports),
 * interfaces found by name or by the network they are on, and which process in
 * which namespace holds a port or installed a program.
 */
import { z } from 'zod';
import { equals, interfaceFields, ns, ONE_INTERFACE, oneInterface, port } from './common.ts';

/** The sandbox must have a container in this state. */
export const container = z.strictObject({
  probe: z.literal('container'),
  /** Container name. Example: `web1` */
  name: z.string().min(1),
  /** Running (default) or stopped. Example: `false` */
  running: z.boolean().default(true),
  /** `docker inspect`'s HostConfig.NetworkMode. Example: `host` */
  network_mode: z.string().min(1).optional(),
  /** The image it runs, by identity: any reference naming the same image passes. Example: `busybox` */
  image: z.string().min(1).optional(),
  /** How a stopped container must have exited: a code or `nonzero`. Example: `nonzero` */
  exit_code: z.union([z.number().int(), z.literal('nonzero')]).optional(),
});

/** A container's IPv4 address on a network (docker inspect); its value is the address with prefix. */
export const containerIp = z.strictObject({
  probe: z.literal('container_ip'),
  /** Example: `busybox2` */
  container: z.string().min(1),
  /** Docker network name. Example: `my_bridge2` */
  network: z.string().min(1),
  equals,
  /** A subnet the address must lie in. Example: `192.168.31.128/25` */
  in: z.string().min(1).optional(),
});

/** A container's MAC address on a network (docker inspect). */
export const containerMac = z.strictObject({
  probe: z.literal('container_mac'),
  /** Example: `busybox2` */
  container: z.string().min(1),
  /** Example: `my_bridge2` */
  network: z.string().min(1),
  equals,
});

/** A network's subnet, gateway or `--ip-range` (docker network inspect). */
export const networkField = <N extends 'network_subnet' | 'network_gateway' | 'network_ip_range'>(
  name: N,
) =>
  z.strictObject({
    probe: z.literal(name),
    /** Docker network name. Example: `my_bridge2` */
    network: z.string().min(1),
    equals,
  });

/** The bridge an interface is plugged into (following a veth to its peer), and where that bridge is. */
export const bridgeOf = z
  .strictObject({
    probe: z.literal('bridge_of'),
    ...interfaceFields,
    equals,
    /** The namespace the bridge must be in. Example: `node1` */
    bridge_ns: z.string().min(1).optional(),
  })
  .refine(oneInterface, ONE_INTERFACE);

/** A bridge's ports (`master <bridge>` in ip link). */
export const bridgeMembers = z.strictObject({
  probe: z.literal('bridge_members'),
  /** Where the bridge is. Example: `node1` */
  ns: ns.default('host'),
  /** Example: `cni0` */
  bridge: z.string().min(1),
  /** At least this many ports. Example: `2` */
  min: z.number().int().min(0).default(1),
  /** A port that must be among them. Example: `veth-pod-a` */
  includes: z.string().min(1).optional(),
});

/** The interface on the other end of a veth, in whichever namespace it is. */
export const vethPeer = z
  .strictObject({ probe: z.literal('veth_peer'), ...interfaceFields, equals })
  .refine(oneInterface, ONE_INTERFACE);

/** An interface's IPv4 address (ip addr); its value is the first one, with prefix. */
export const interfaceAddr = z
  .strictObject({
    probe: z.literal('interface_addr'),
    ...interfaceFields,
    equals,
    /** A subnet the address must lie in. Example: `10.244.1.0/24` */
    in: z.string().min(1).optional(),
  })
  .refine(oneInterface, ONE_INTERFACE);

/** An interface's MAC address (ip addr). */
export const interfaceMac = z
  .strictObject({ probe: z.literal('interface_mac'), ...interfaceFields, equals })
  .refine(oneInterface, ONE_INTERFACE);

/** Which interface of a namespace holds an address; its value is the interface's name. */
export const addrOwner = z.strictObject({
  probe: z.literal('addr_owner'),
  /** Example: `host` */
  ns: ns.default('host'),
  /** An IPv4 address, with or without its prefix length. Example: `192.168.31.1` */
  address: z.string().min(1),
  equals,
});

/** A named network namespace (`ip netns list`). */
export const netnsExists = z.strictObject({
  probe: z.literal('netns_exists'),
  /** Example: `pod-a` */
  name: z.string().min(1),
});

/**
 * Who holds a listening TCP port in a namespace: `ss` there names the process,
 * and its pid namespace tells which container it belongs to. Its value is the owner.
 */
export const listening = z.strictObject({
  probe: z.literal('listening'),
  /** The namespace the port is in. Example: `host` */
  ns: ns.default('host'),
  /** Example: `'{{port}}'` */
  port,
  /** A container, whose processes must hold it, or `host` for a process in no container. Example: `web1` */
  owner: z.string().min(1),
});

/**
 * A program installed in a container by its package: dpkg's database says the
 * package is installed, the first `binary` on the PATH is one of the package's
 * files, and its content matches the package's md5sums.
 */
export const packageInstalled = z.strictObject({
  probe: z.literal('package'),
  /** Example: `nginx1` */
  container: z.string().min(1),
  /** The Debian package. Example: `net-tools` */
  name: z.string().min(1),
  /** A program it installs. Example: `ifconfig` */
  binary: z.string().min(1),
});
