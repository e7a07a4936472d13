/**
 * The checks a lab task is made of: one probe call each, `probe:` naming the
 * probe and the other fields its arguments. Part of the lab format (see
 * lab-schema.ts); every field has a doc comment and an example. Any string may
 * hold `{{param}}` (a session parameter) or a live reference read from the
 * sandbox at check time: `{{ip:httpd1}}`, `{{ip:httpd1:bridge}}` (a container's
 * address), `{{bridge:my_bridge2}}` (a network's Linux bridge).
 */
import { z } from 'zod';

/** "host", a container name or a named netns (`ip netns`). Example: `busybox1` */
const ns = z.string().min(1);
/** A value the probe's reading must equal, normalised (prefix optional, case). Example: `docker0` */
const equals = z.string().min(1).optional();

/** The sandbox must have a container in this state. */
const container = z.strictObject({
  probe: z.literal('container'),
  /** Container name. Example: `web1` */
  name: z.string().min(1),
  /** Running (default) or stopped. Example: `false` */
  running: z.boolean().default(true),
  /** `docker inspect`'s HostConfig.NetworkMode. Example: `host` */
  network_mode: z.string().min(1).optional(),
  /** The image it was started from. Example: `busybox` */
  image: z.string().min(1).optional(),
  /** How a stopped container must have exited: a code or `nonzero`. Example: `nonzero` */
  exit_code: z.union([z.number().int(), z.literal('nonzero')]).optional(),
});

/** A container's IPv4 address on a network (docker inspect); its value is the address with prefix. */
const containerIp = z.strictObject({
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
const containerMac = z.strictObject({
  probe: z.literal('container_mac'),
  /** Example: `busybox2` */
  container: z.string().min(1),
  /** Example: `my_bridge2` */
  network: z.string().min(1),
  equals,
});

/** A network's subnet, gateway or `--ip-range` (docker network inspect). */
const networkField = <N extends 'network_subnet' | 'network_gateway' | 'network_ip_range'>(
  name: N,
) =>
  z.strictObject({
    probe: z.literal(name),
    /** Docker network name. Example: `my_bridge2` */
    network: z.string().min(1),
    equals,
  });

/** The bridge an interface is enslaved to, following a veth to its peer when needed. */
const bridgeOf = z.strictObject({
  probe: z.literal('bridge_of'),
  /** Where the interface is. Example: `busybox1` */
  ns: ns.default('host'),
  /** Example: `eth0` */
  interface: z.string().min(1),
  equals,
});

/** A bridge's ports (`master <bridge>` in ip link). */
const bridgeMembers = z.strictObject({
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
const vethPeer = z.strictObject({
  probe: z.literal('veth_peer'),
  /** Example: `busybox1` */
  ns,
  /** Example: `eth0` */
  interface: z.string().min(1).default('eth0'),
  equals,
});

/** An interface's IPv4 address (ip addr); its value is the first one, with prefix. */
const interfaceAddr = z.strictObject({
  probe: z.literal('interface_addr'),
  /** Example: `pod-a` */
  ns: ns.default('host'),
  /** Example: `eth0` */
  interface: z.string().min(1),
  equals,
  /** A subnet the address must lie in. Example: `10.244.1.0/24` */
  in: z.string().min(1).optional(),
});

/** An interface's MAC address (ip addr). */
const interfaceMac = z.strictObject({
  probe: z.literal('interface_mac'),
  /** Example: `busybox2` */
  ns: ns.default('host'),
  /** Example: `eth0` */
  interface: z.string().min(1),
  equals,
});

/** Which interface of a namespace holds an address; its value is the interface's name. */
const addrOwner = z.strictObject({
  probe: z.literal('addr_owner'),
  /** Example: `host` */
  ns: ns.default('host'),
  /** An IPv4 address, with or without its prefix length. Example: `192.168.31.1` */
  address: z.string().min(1),
  equals,
});

/** A route in a namespace's main table (ip route). */
const routeExists = z.strictObject({
  probe: z.literal('route_exists'),
  /** Example: `node1` */
  ns: ns.default('host'),
  /** Destination as ip route prints it: `default`, a subnet or an address. Example: `10.244.2.0/24` */
  dest: z.string().min(1),
  /** Example: `192.168.56.12` */
  via: z.string().min(1).optional(),
  /** Example: `eth0` */
  dev: z.string().min(1).optional(),
});

/** Whether `from` can reach `to`: ping, or a TCP connect when a port is given. */
const canReach = z.strictObject({
  probe: z.literal('can_reach'),
  /** Namespace the packets start in. Example: `busybox1` */
  from: ns,
  /** An address, or a name the container's embedded DNS resolves. Example: `{{ip:httpd1}}` */
  to: z.string().min(1),
  /** TCP port, or a parameter holding one. Example: `80` or `'{{port}}'` */
  port: z
    .union([z.number().int().min(1).max(65535), z.string().regex(/^\{\{[a-z][a-z0-9_]*\}\}$/)])
    .optional(),
  /** `false` when the task is to block it. Example: `false` */
  reachable: z.boolean().default(true),
});

/** What one iptables rule must look like; strings may use `*` (e.g. `KUBE-SEP-*`). */
const ruleMatch = z.strictObject({
  /** Example: `tcp` */
  protocol: z.string().optional(),
  /** Example: `10.244.0.0/16` */
  source: z.string().optional(),
  /** `/32` may be left out. Example: `10.96.0.10` */
  destination: z.string().optional(),
  /** Example: `docker0` */
  in_iface: z.string().optional(),
  /** Example: `br-*` */
  out_iface: z.string().optional(),
  /** Example: `80` */
  dport: z.string().optional(),
  /** Example: `1024` */
  sport: z.string().optional(),
  /** `-j` target. Example: `KUBE-SVC-*` */
  target: z.string().optional(),
  /** DNAT's `--to-destination`. Example: `10.244.2.2:80` */
  to_destination: z.string().optional(),
  /** `-m statistic --probability`. Example: `0.5` */
  probability: z.number().min(0).max(1).optional(),
  /** `-m comment`. Example: `default/web*` */
  comment: z.string().optional(),
  /** Text the rule as printed must contain. Example: `--dst-type LOCAL` */
  has: z.string().optional(),
});

/** A rule in a chain (iptables-save); its value is the name of the chain that holds it. */
const iptablesRule = z.strictObject({
  probe: z.literal('iptables_rule'),
  /** Example: `node1` */
  ns: ns.default('host'),
  /** Example: `nat` */
  table: z.string().min(1).default('filter'),
  /** Chain name; `*` matches any run of characters. Example: `KUBE-SEP-*` */
  chain: z.string().min(1),
  /** Example: `{ target: DROP, out_iface: docker0 }` */
  match: ruleMatch,
  /** `false` when the rule must be gone. Example: `false` */
  present: z.boolean().default(true),
});

/** A named network namespace (`ip netns list`). */
const netnsExists = z.strictObject({
  probe: z.literal('netns_exists'),
  /** Example: `pod-a` */
  name: z.string().min(1),
});

/** An HTTP GET made from a namespace with curl; its value is the status code. */
const httpGet = z.strictObject({
  probe: z.literal('http_get'),
  /** Example: `pod-a` */
  from: ns,
  /** Example: `http://10.96.0.10/` */
  url: z.string().regex(/^http:\/\//, 'must start with http://'),
  /** Host header. Example: `web.lab.test` */
  host: z.string().min(1).optional(),
  /** Example: `200` */
  status: z.number().int().min(100).max(599).default(200),
  /** Text every response body must contain. Example: `hello from pod` */
  body: z.string().min(1).optional(),
  /** Texts that must each appear in some response (load spreading). Example: `[pod-b, pod-c]` */
  seen: z.array(z.string().min(1)).optional(),
  /** How many requests to send. Example: `16` */
  repeat: z.number().int().min(1).max(50).default(1),
});

/** A command the reader ran in the terminal (/var/log/netlab/commands.log). */
const commandRan = z.strictObject({
  probe: z.literal('command_ran'),
  /** Regular expression over the command line. Example: `^brctl show` */
  pattern: z.string().min(1),
  /** Required exit status: a number, `nonzero` or `any`. Example: `nonzero` */
  exit_code: z.union([z.number().int(), z.enum(['nonzero', 'any'])]).default(0),
  /** Counts only if run after this container started. Example: `busybox1` */
  after_started: z.string().min(1).optional(),
  /** The command in words, shown as "expected" instead of the pattern. Example: `brctl show` */
  says: z.string().min(1).optional(),
});

/**
 * A command the grader runs (sh -c) for the rare case no probe covers; its
 * value is stdout. In a namespace other than the host it runs under `nsenter
 * --net`, so tools that read /sys (brctl) still see the host's devices.
 */
const shell = z.strictObject({
  probe: z.literal('shell'),
  /** Example: `host` */
  ns: ns.default('host'),
  /** Example: `docker exec nginx1 ifconfig eth0` */
  command: z.string().min(1),
  /** Example: `0` */
  exit_code: z.number().int().default(0),
  /** Regular expression stdout must match. Example: `inet 192\.168\.` */
  stdout: z.string().min(1).optional(),
  /** What the command proves, shown as "expected". Example: `{ en: "ifconfig works in nginx1", … }` */
  says: z.strictObject({ en: z.string().min(1), 'zh-cn': z.string().min(1) }).optional(),
});

/** One probe call. */
export const checkSchema = z.discriminatedUnion('probe', [
  container,
  containerIp,
  containerMac,
  networkField('network_subnet'),
  networkField('network_gateway'),
  networkField('network_ip_range'),
  bridgeOf,
  bridgeMembers,
  vethPeer,
  interfaceAddr,
  interfaceMac,
  addrOwner,
  routeExists,
  canReach,
  iptablesRule,
  netnsExists,
  httpGet,
  commandRan,
  shell,
]);

export type Check = z.output<typeof checkSchema>;
export type ProbeName = Check['probe'];
export type CheckOf<P extends ProbeName> = Extract<Check, { probe: P }>;
export type RuleMatch = z.output<typeof ruleMatch>;

/** Probes whose reading can be the right value of an `answer` task. */
export const ANSWER_PROBES: readonly ProbeName[] = [
  'container_ip',
  'container_mac',
  'network_subnet',
  'network_gateway',
  'network_ip_range',
  'bridge_of',
  'veth_peer',
  'interface_addr',
  'interface_mac',
  'addr_owner',
  'iptables_rule',
  'shell',
];
