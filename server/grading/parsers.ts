/**
 * Parsers for the command output the grader reads from a sandbox: pure
 * functions from text to typed data that never throw and list what they could
 * not read in `skipped`. Fixtures captured from real sandboxes live in
 * tests/fixtures/<command>/.
 */
export type { SkippedLine } from './parsers/input-lines.ts';
export {
  parseIpAddr,
  type IpAddress,
  type IpInterface,
  type IpInterfaces,
} from './parsers/ip-addr.ts';
export { parseIpRoute, type IpRoute, type IpRoutes } from './parsers/ip-route.ts';
export {
  parseDockerNetworkInspect,
  type DockerEndpoint,
  type DockerNetwork,
  type DockerNetworks,
  type DockerSubnet,
} from './parsers/docker-network-inspect.ts';
export {
  parseDockerInspect,
  type ContainerNetwork,
  type DockerContainer,
  type DockerContainers,
  type PublishedPort,
} from './parsers/docker-inspect.ts';
export {
  parseIptablesRule,
  type IptablesCounters,
  type IptablesMatch,
  type IptablesOption,
  type IptablesRule,
  type RuleParse,
} from './parsers/iptables-rule.ts';
export type { IptablesChain, IptablesRuleset, IptablesTable } from './parsers/iptables-ruleset.ts';
export { parseIptablesSave } from './parsers/iptables-save.ts';
export { parseSsListen, type Listener, type Listeners } from './parsers/ss-listen.ts';
