/**
 * The probes: typed functions over the sandbox's live state, read through the
 * sandbox driver's exec (never Docker's API). Passive probes look things up in
 * a World read once per check run; active probes (can_reach, http_get, shell)
 * run commands inside the sandbox, batched into one exec. Every probe returns
 * {passed, expected, actual, value} and never throws.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ValueKind } from './answers.ts';
import type { SandboxDriver } from '../sandbox/driver.ts';
import { activeLine, judgeActive, planActive, type ActiveCall } from './probes/active.ts';
import { batchScript, parseBatch, type BatchOutput, type Section } from './probes/batch.ts';
import type { Check, CheckOf, ProbeName } from './probes/check-schema.ts';
import { exitedProbe, ranProbe, restartedProbe } from './probes/actions.ts';
import { listeningProbe, packageProbe } from './probes/processes.ts';
import { routeToProbe } from './probes/route-to.ts';
import * as docker from './probes/docker.ts';
import * as links from './probes/links.ts';
import { resolveRefs } from './probes/refs.ts';
import { cannotLook, result, type ProbeResult } from './probes/result.ts';
import * as rules from './probes/rules.ts';
import { t, type Text } from './probes/text.ts';
import { parseWorld, worldScript, type WorldNeeds } from './probes/world-read.ts';
import type { EvidenceCursor } from './evidence.ts';
import type { World } from './probes/world.ts';

export type { ProbeResult } from './probes/result.ts';
export type { World } from './probes/world.ts';
export type { WorldNeeds } from './probes/world-read.ts';

/** What running a command in the sandbox gives back (a subset of the driver's ExecResult). */
export interface ExecOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a command in one sandbox; the only way the grader touches it. */
export type Exec = (cmd: string[]) => Promise<ExecOutput>;

/** Default limits of one grader exec: the check timeout and the output cap. */
export const EXEC_TIMEOUT_MS = 10_000;
export const EXEC_MAX_BYTES = 4 * 1024 * 1024;

/** An Exec over a SandboxDriver for one sandbox, with a timeout and an output cap. */
export function execInSandbox(
  driver: Pick<SandboxDriver, 'exec'>,
  containerId: string,
  limits: { timeoutMs?: number; maxBytes?: number } = {},
): Exec {
  return (cmd) =>
    driver.exec(containerId, cmd, {
      timeoutMs: limits.timeoutMs ?? EXEC_TIMEOUT_MS,
      maxBytes: limits.maxBytes ?? EXEC_MAX_BYTES,
    });
}

type Passive<P extends ProbeName> = (call: CheckOf<P>, world: World) => ProbeResult;
type PassiveName = Exclude<ProbeName, ActiveCall['probe']>;

const PASSIVE: { [P in PassiveName]: Passive<P> } = {
  container: docker.containerProbe,
  container_ip: docker.containerIpProbe,
  container_mac: docker.containerMacProbe,
  network_subnet: docker.networkFieldProbe,
  network_gateway: docker.networkFieldProbe,
  network_ip_range: docker.networkFieldProbe,
  bridge_of: links.bridgeOfProbe,
  bridge_members: links.bridgeMembersProbe,
  veth_peer: links.vethPeerProbe,
  interface_addr: links.interfaceAddrProbe,
  interface_mac: links.interfaceMacProbe,
  addr_owner: links.addrOwnerProbe,
  netns_exists: links.netnsExistsProbe,
  route_exists: rules.routeExistsProbe,
  route_to: routeToProbe,
  iptables_rule: rules.iptablesRuleProbe,
  listening: listeningProbe,
  package: packageProbe,
  ran: ranProbe,
  exited: exitedProbe,
  restarted: restartedProbe,
};

/** True for probes that run a command in the sandbox at check time. */
export function isActive(call: Check): call is ActiveCall {
  return call.probe === 'can_reach' || call.probe === 'http_get' || call.probe === 'shell';
}

/** Judges a passive probe against the World, after resolving its live references. */
export function evaluatePassive(call: Exclude<Check, ActiveCall>, world: World): ProbeResult {
  const resolved = resolveRefs(call, world);
  if (!resolved.ok) return cannotLook(subjectOf(call), resolved.why);
  // TypeScript cannot pair a union key with its function; the table's type guarantees it.
  const probe = PASSIVE[resolved.call.probe] as Passive<PassiveName>;
  return probe(resolved.call, world);
}

/** Adds what a probe call needs read into the World. */
export function addNeeds(call: Check, needs: WorldNeeds): void {
  switch (call.probe) {
    case 'route_exists':
    case 'route_to':
      needs.routes.add(call.ns);
      break;
    case 'iptables_rule':
      needs.iptables.add(call.ns);
      break;
    case 'container':
      if (call.image !== undefined) needs.images = true;
      break;
    case 'listening':
      needs.listeners.add(call.ns);
      break;
    case 'package':
      needs.packages.add(`${call.container}/${call.name}/${call.binary}`);
      break;
    case 'exited':
      needs.evidence = true;
      if (call.log !== undefined) needs.logs.add(call.container);
      break;
    case 'ran':
    case 'restarted':
      needs.evidence = true;
      break;
  }
}

/**
 * Reads the World in one exec; a failed or timed-out exec gives an empty World
 * that says why. `cursor` is where the evidence read starts.
 */
export async function readWorld(
  exec: Exec,
  needs: WorldNeeds,
  timeoutMs: number,
  cursor?: EvidenceCursor,
): Promise<World> {
  const nonce = newNonce();
  const output = await runBatch(exec, worldScript(nonce, needs, cursor), nonce, timeoutMs);
  return parseWorld(output, needs);
}

/** Runs active probes (already resolved) in one exec and judges each. */
export async function runActiveProbes(
  exec: Exec,
  calls: ActiveCall[],
  world: World,
  timeoutMs: number,
): Promise<ProbeResult[]> {
  const nonce = newNonce();
  const plans = calls.map((call) => {
    const resolved = resolveRefs(call, world);
    return resolved.ok
      ? { call: resolved.call, plan: planActive(resolved.call, world, nonce) }
      : { call, plan: { ok: false as const, result: cannotLook(subjectOf(call), resolved.why) } };
  });
  // Keyed by what the probe does, not by position: the same probe twice runs once, and
  // outputs recorded from a real sandbox replay whatever subset of tasks is checked.
  const keyOf = (call: ActiveCall) =>
    `act.${createHash('sha1').update(JSON.stringify(call)).digest('hex').slice(0, 12)}`;
  const lines = new Map<string, string>();
  for (const { call, plan } of plans)
    if (plan.ok) lines.set(keyOf(call), activeLine(keyOf(call), plan));
  const output =
    lines.size > 0
      ? await runBatch(exec, batchScript(nonce, [...lines.values()].join('\n')), nonce, timeoutMs)
      : { sections: new Map<string, Section>(), complete: true };
  return plans.map(({ call, plan }) =>
    plan.ok ? judgeActive(call, output.sections.get(keyOf(call)), nonce, world) : plan.result,
  );
}

/** Runs a batch script, giving up (with no sections) when the exec fails or takes too long. */
export async function runBatch(
  exec: Exec,
  script: string,
  nonce: string,
  timeoutMs: number,
): Promise<BatchOutput> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const run = exec(['timeout', '-s', 'KILL', String(seconds), 'sh', '-c', script]).catch(
      () => null,
    );
    const done = await Promise.race([run, timeout]);
    return done ? parseBatch(nonce, done.stdout) : { sections: new Map(), complete: false };
  } finally {
    clearTimeout(timer);
  }
}

function newNonce(): string {
  return randomBytes(6).toString('hex');
}

/** Names what a probe reads, for answer details ("the peer of eth0 in busybox1"). */
export function subjectOf(call: Check): Text {
  switch (call.probe) {
    case 'container_ip':
      return docker.containerIpSubject(call);
    case 'container_mac':
      return docker.containerMacSubject(call);
    case 'network_subnet':
    case 'network_gateway':
    case 'network_ip_range':
      return docker.networkFieldSubject(call);
    case 'bridge_of':
      return links.bridgeOfSubject(call);
    case 'veth_peer':
      return links.vethPeerSubject(call);
    case 'interface_addr':
      return links.interfaceAddrSubject(call);
    case 'interface_mac':
      return links.interfaceMacSubject(call);
    case 'addr_owner':
      return links.addrOwnerSubject(call);
    case 'iptables_rule':
      return rules.iptablesRuleSubject(call);
    case 'shell':
      return call.says ?? t(`the output of \`${call.command}\``, `\`${call.command}\` 的输出`);
    default:
      return t(`the ${call.probe} check`, `${call.probe} 检查`);
  }
}

/** How an answer to this probe's value is compared. */
export function valueKindOf(call: Check): ValueKind {
  switch (call.probe) {
    case 'container_ip':
    case 'network_gateway':
    case 'interface_addr':
      return 'address';
    case 'network_subnet':
    case 'network_ip_range':
      return 'subnet';
    case 'container_mac':
    case 'interface_mac':
      return 'mac';
    case 'bridge_of':
    case 'veth_peer':
    case 'addr_owner':
      return 'interface';
    case 'iptables_rule':
      return 'name';
    default:
      return 'text';
  }
}

/** A failing result for a reason outside any probe (the sandbox did not answer). */
export function unavailable(why: Text): ProbeResult {
  return result(false, t('the lab machine answers', '实验机器有响应'), why);
}
