/**
 * The checks a lab task is made of: one probe call each, `probe:` naming the
 * probe and the other fields its arguments. Part of the lab format (see
 * server/labs/schema.ts); every field has a doc comment and an example. Any string may
 * hold `{{param}}` (a session parameter) or a live reference read from the
 * sandbox at check time: `{{ip:httpd1}}`, `{{ip:httpd1:bridge}}` (a container's
 * address), `{{bridge:my_bridge2}}` (a network's Linux bridge). The probes are
 * defined in check-schema/: state, traffic, and evidence of the reader's actions.
 */
import { z } from 'zod';
import { exited, ran, restarted } from './check-schema/evidence.ts';
import * as state from './check-schema/state.ts';
import * as traffic from './check-schema/traffic.ts';

/** One probe call. */
export const checkSchema = z.discriminatedUnion('probe', [
  state.container,
  state.containerIp,
  state.containerMac,
  state.networkField('network_subnet'),
  state.networkField('network_gateway'),
  state.networkField('network_ip_range'),
  state.bridgeOf,
  state.bridgeMembers,
  state.vethPeer,
  state.interfaceAddr,
  state.interfaceMac,
  state.addrOwner,
  state.netnsExists,
  state.listening,
  state.packageInstalled,
  traffic.routeExists,
  traffic.routeTo,
  traffic.canReach,
  traffic.iptablesRule,
  traffic.httpGet,
  traffic.shell,
  ran,
  exited,
  restarted,
]);

export type Check = z.output<typeof checkSchema>;
export type ProbeName = Check['probe'];
export type CheckOf<P extends ProbeName> = Extract<Check, { probe: P }>;
export type RuleMatch = z.output<typeof traffic.ruleMatch>;

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

/** Probes whose evidence is the reader's actions: an `action` task needs one. */
export const ACTION_PROBES: readonly ProbeName[] = ['ran'];
