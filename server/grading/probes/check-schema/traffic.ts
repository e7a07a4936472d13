/**
 * Probes over how packets go: routes, iptables rules, reachability and HTTP
 * answers, and the grader's own command for what nothing else covers.
 */
import { z } from 'zod';
import { ns, port } from './common.ts';

/** A route in a namespace's main table (ip route). */
export const routeExists = z.strictObject({
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

/**
 * The route a namespace's main table uses for a destination: the longest
 * prefix that covers all of it, as the kernel picks, so a wider route (such as
 * 10.244.0.0/16) serves a subnet inside it.
 */
export const routeTo = z.strictObject({
  probe: z.literal('route_to'),
  /** Example: `node1` */
  ns: ns.default('host'),
  /** An address or a subnet. Example: `10.244.2.0/24` */
  dest: z.string().min(1),
  /** Example: `192.168.56.12` */
  via: z.string().min(1).optional(),
  /** Example: `eth0` */
  dev: z.string().min(1).optional(),
});

/** Whether `from` can reach `to`: ping, or a TCP connect when a port is given. */
export const canReach = z.strictObject({
  probe: z.literal('can_reach'),
  /** Namespace the packets start in. Example: `busybox1` */
  from: ns,
  /**
   * An address, or a name the container's embedded DNS resolves; a name that is
   * a container's must resolve to that container's own address. Example: `{{ip:httpd1}}`
   */
  to: z.string().min(1),
  /** TCP port, or a parameter holding one. Example: `80` or `'{{port}}'` */
  port: port.optional(),
  /** `false` when the task is to block it. Example: `false` */
  reachable: z.boolean().default(true),
});

/** What one iptables rule must look like; strings may use `*` (e.g. `KUBE-SEP-*`). */
export const ruleMatch = z.strictObject({
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
  /**
   * DNAT's `--to-destination`, address and port. A rule without a port keeps the
   * packets' own port, which counts when every path into its chain matches only
   * that port (`--dport`). Example: `10.244.2.2:80`
   */
  to_destination: z.string().optional(),
  /** `-m statistic --probability`. Example: `0.5` */
  probability: z.number().min(0).max(1).optional(),
  /** `-m comment`. Example: `default/web*` */
  comment: z.string().optional(),
  /** Text the rule as printed must contain. Example: `--dst-type LOCAL` */
  has: z.string().optional(),
});

/** A rule in a chain (iptables-save); its value is the name of the chain that holds it. */
export const iptablesRule = z.strictObject({
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

/** An HTTP GET made from a namespace with curl; its value is the status code. */
export const httpGet = z.strictObject({
  probe: z.literal('http_get'),
  /** Example: `pod-a` */
  from: ns,
  /** Example: `http://10.96.0.10/` */
  url: z.string().regex(/^http:\/\//, 'must start with http://'),
  /** Host header. Example: `web.lab.test` */
  host: z.string().min(1).optional(),
  /** Example: `200` */
  status: z.number().int().min(100).max(599).default(200),
  /** The whole body every response must have (spaces around it aside), or a list of allowed bodies. Example: `[hello from pod-b, hello from pod-c]` */
  body: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /** Whole bodies that must each come back at least once (load spreading). Example: `[hello from pod-b, hello from pod-c]` */
  seen: z.array(z.string().min(1)).optional(),
  /** How many requests to send. Example: `16` */
  repeat: z.number().int().min(1).max(50).default(1),
});

/**
 * A command the grader runs (sh -c) for the rare case no probe covers; its
 * value is stdout. In a namespace other than the host it runs under `nsenter
 * --net`, so tools that read /sys (brctl) still see the host's devices. It must
 * not run docker: the engine would record it as the reader's action.
 */
export const shell = z.strictObject({
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
