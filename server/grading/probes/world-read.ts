/**
 * Reads the World in one batch: Docker's containers and networks first, then
 * `ip addr` in every namespace (host, each named netns, each running container
 * with a network of its own), plus the routes, rules and log the checks need.
 */
import {
  parseDockerInspect,
  parseDockerNetworkInspect,
  parseIpAddr,
  parseIpRoute,
  parseIptablesSave,
} from '../parsers.ts';
import type { EvidenceCursor } from '../evidence.ts';
import { batchScript, shq, type BatchOutput, type Section } from './batch.ts';
import { evidenceMarks, extrasScript, parseExtras, type WorldNeeds } from './world-read/extras.ts';
import type { ContainerExtra, Namespace, Reading, World } from './world.ts';

export { noNeeds, type WorldNeeds } from './world-read/extras.ts';

const START: EvidenceCursor = { since: '0', logOffset: 0, logInode: null };
// Running containers with a network namespace of their own (not host, not another's).
const OWN_NETNS =
  '.[] | select(.State.Running and (.HostConfig.NetworkMode | test("^(host|container:)") | not))' +
  ' | "\\(.Name | ltrimstr("/")) \\(.State.Pid)"';

// Only what the parsers and probes read: a container's full inspect is ~10 KB, this ~1.5 KB.
const SLIM =
  '[.[] | {Id, Name, Image, Config: {Image: .Config.Image, Hostname: .Config.Hostname},' +
  ' State: {Running: .State.Running, Status: .State.Status, Pid: .State.Pid,' +
  ' StartedAt: .State.StartedAt, ExitCode: .State.ExitCode},' +
  ' HostConfig: {NetworkMode: .HostConfig.NetworkMode},' +
  ' NetworkSettings: {Networks: .NetworkSettings.Networks, Ports: .NetworkSettings.Ports}}]';

/** The batch script that reads the world; sections are keyed as parseWorld expects. */
export function worldScript(nonce: string, needs: WorldNeeds, cursor = START): string {
  const extras = [
    ...[...needs.routes].map((ns) => `sec ${shq(`route.${ns}`)} in_ns ${shq(ns)} ip route &`),
    ...[...needs.iptables].map((ns) => `sec ${shq(`ipt.${ns}`)} in_ns ${shq(ns)} iptables-save &`),
  ];
  const body = [
    ...evidenceMarks(needs),
    // Container ids from the engine's state folder: instant, where `docker ps` costs 30 ms.
    'list_containers() {',
    '  ids=$(ls /var/lib/docker/containers 2>/dev/null || docker ps -aq)',
    `  if [ -n "$ids" ]; then docker inspect $ids | jq -c ${shq(SLIM)}; else echo '[]'; fi`,
    '}',
    // The engine's network list (one request) has every field but the endpoints, which
    // the probes read from the containers; the CLI costs two processes and 40 ms more.
    'list_networks() {',
    '  curl -sf --unix-socket /var/run/docker.sock http://localhost/networks ||',
    '    docker network inspect $(docker network ls -q)',
    '}',
    'sec containers list_containers & cpid=$!',
    'sec networks list_networks &',
    'sec addr.host ip addr &',
    'sec netns ip netns list',
    // Each loop runs in a pipeline's subshell, which must wait for its own jobs.
    `awk '{print $1}' "$d/netns.out" | { while read -r n; do sec "addr.netns.$n" nsenter --net="/run/netns/$n" ip addr & done; wait; } &`,
    'wait "$cpid"',
    ...extrasScript(needs, cursor),
    `jq -r ${shq(OWN_NETNS)} "$d/containers.out" 2>/dev/null >"$d/own"`,
    `while read -r n p; do sec "addr.ctr.$n" nsenter -t "$p" -n ip addr & done <"$d/own"`,
    // Namespace identities: `ip netns attach` can give a container's namespace a name too.
    'list_inodes() {',
    `  stat -L -c '%i %n' /proc/self/ns/net $(awk '{print "/run/netns/" $1}' "$d/netns.out") \\`,
    `    $(awk '{print "/proc/" $2 "/ns/net"}' "$d/own")`,
    '}',
    'sec inodes list_inodes &',
    ...extras,
  ];
  return batchScript(nonce, body.filter((line) => line !== '').join('\n'));
}

/** Builds the World from the batch's sections. */
export function parseWorld(output: BatchOutput, needs: WorldNeeds): World {
  const { sections } = output;
  const problems: string[] = output.complete ? [] : ['the sandbox did not finish answering'];
  const containersSection = sections.get('containers');
  const networksSection = sections.get('networks');
  // A container removed mid-read makes docker inspect fail for it alone: keep any JSON.
  for (const s of [containersSection, networksSection]) {
    if (s && s.exitCode !== 0 && !s.stdout.trim().startsWith('['))
      problems.push(`docker: ${firstLine(s)}`);
  }
  const containers = parseDockerInspect(containersSection?.stdout || '[]').containers;
  const netns = (sections.get('netns')?.stdout ?? '')
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name !== '');
  return {
    containers,
    extras: containerExtras(containersSection?.stdout ?? '[]'),
    networks: parseDockerNetworkInspect(networksSection?.stdout || '[]').networks,
    netns,
    ...namespacesOf(sections, netns, containers),
    routes: readings(sections, 'route', needs.routes, (text) => parseIpRoute(text).routes),
    iptables: readings(sections, 'ipt', needs.iptables, parseIptablesSave),
    ...worldExtras(sections, needs),
    complete: output.complete,
    problems,
  };
}

function namespacesOf(
  sections: Map<string, Section>,
  netns: string[],
  containers: World['containers'],
): Pick<World, 'namespaces' | 'aliases'> {
  const read = (name: string, kind: Namespace['kind'], handle: string, key: string) => {
    const s = sections.get(key);
    const ok = s !== undefined && s.exitCode === 0;
    return {
      name,
      kind,
      handle,
      interfaces: ok ? parseIpAddr(s.stdout).interfaces : null,
      error: ok ? null : s ? firstLine(s) : 'not read',
    };
  };
  const own = containers.filter(
    (c) => c.running && c.pid !== null && !/^(host|container:)/.test(c.networkMode ?? ''),
  );
  const all = [
    read('host', 'host', 'host', 'addr.host'),
    ...own.map((c) => read(c.name, 'container', `pid:${c.pid ?? 0}`, `addr.ctr.${c.name}`)),
    ...netns.map((n) => read(n, 'netns', n, `addr.netns.${n}`)),
  ];
  const { list, aliases } = dedupe(all, inodes(sections.get('inodes'), containers));
  return { namespaces: list, aliases };
}

/** Each namespace once: a second name for one already listed becomes an alias of it. */
function dedupe(all: Namespace[], inode: Map<string, string>) {
  const list: Namespace[] = [];
  const aliases = new Map<string, string>();
  const byInode = new Map<string, Namespace>();
  for (const ns of all) {
    const id = inode.get(ns.name);
    const first = id === undefined ? undefined : byInode.get(id);
    if (first) {
      aliases.set(ns.name, first.name);
      continue;
    }
    if (id !== undefined) byInode.set(id, ns);
    list.push(ns);
  }
  return { list, aliases };
}

/** Namespace inodes by name, from `stat` lines: "<inode> /run/netns/pod-a", "<inode> /proc/<pid>/ns/net". */
function inodes(
  section: Section | undefined,
  containers: World['containers'],
): Map<string, string> {
  const result = new Map<string, string>();
  for (const line of (section?.stdout ?? '').split('\n')) {
    const [inode = '', file = ''] = line.trim().split(/\s+/);
    const pid = /^\/proc\/(\d+)\/ns\/net$/.exec(file)?.[1];
    const name =
      file === '/proc/self/ns/net'
        ? 'host'
        : file.startsWith('/run/netns/')
          ? file.slice('/run/netns/'.length)
          : containers.find((c) => pid !== undefined && c.pid === Number(pid))?.name;
    if (name && /^\d+$/.test(inode) && !result.has(name)) result.set(name, inode);
  }
  return result;
}

function readings<T>(
  sections: Map<string, Section>,
  prefix: string,
  names: Set<string>,
  parse: (text: string) => T,
): Map<string, Reading<T>> {
  const result = new Map<string, Reading<T>>();
  for (const name of names) {
    const s = sections.get(`${prefix}.${name}`);
    result.set(
      name,
      s && s.exitCode === 0
        ? { ok: true, value: parse(s.stdout) }
        : { ok: false, error: s ? firstLine(s) : 'not read' },
    );
  }
  return result;
}

function worldExtras(sections: Map<string, Section>, needs: WorldNeeds) {
  const { evidence, ...rest } = parseExtras(sections, needs);
  return { ...rest, evidenceRead: evidence, evidence: null };
}

function containerExtras(json: string): Map<string, ContainerExtra> {
  const result = new Map<string, ContainerExtra>();
  let items: unknown;
  try {
    items = JSON.parse(json);
  } catch {
    return result;
  }
  for (const item of Array.isArray(items) ? (items as unknown[]) : []) {
    const c = item as { Name?: unknown; State?: { StartedAt?: unknown; ExitCode?: unknown } };
    if (typeof c.Name !== 'string') continue;
    const started = typeof c.State?.StartedAt === 'string' ? Date.parse(c.State.StartedAt) : NaN;
    result.set(c.Name.replace(/^\//, ''), {
      // Docker writes 0001-01-01 for a container that never started.
      startedAt: Number.isNaN(started) || started <= 0 ? null : Math.floor(started / 1000),
      exitCode: typeof c.State?.ExitCode === 'number' ? c.State.ExitCode : null,
    });
  }
  return result;
}

function firstLine(section: Section): string {
  const text = (section.stderr.trim() || section.stdout.trim()).split('\n')[0] ?? '';
  return text === '' ? `exit code ${section.exitCode}` : text;
}
