/**
 * The parts of the World batch that only some checks need: the evidence of
 * what the reader did (engine events and shell records since the last read),
 * the engine's images, the listening sockets of namespaces with the pid
 * namespace of every process (to tell which container holds a port), a
 * container's last log lines, and a container's package database and
 * binaries (read through /proc/<pid>/root from the sandbox, with the sandbox's
 * own tools, so nothing runs inside the container and no engine event is made).
 */
import type { EvidenceCursor, RawEvidence } from '../../evidence.ts';
import { parseSsListen, type Listener } from '../../parsers.ts';
import { shq, type Section } from '../batch.ts';
import type { DockerImage, Reading } from '../world.ts';

/** What a check run needs beyond the always-read base. */
export interface WorldNeeds {
  /** Namespaces whose `ip route` is needed. */
  routes: Set<string>;
  /** Namespaces whose `iptables-save` is needed. */
  iptables: Set<string>;
  /** Whether the evidence (events, shell records) is needed. */
  evidence: boolean;
  /** Whether the engine's image list is needed. */
  images: boolean;
  /** Namespaces whose listening sockets are needed. */
  listeners: Set<string>;
  /** Containers whose last log lines are needed. */
  logs: Set<string>;
  /** "container/package/binary" whose installation is needed. */
  packages: Set<string>;
}

/** Needs nothing beyond the base (topology). */
export function noNeeds(): WorldNeeds {
  return {
    routes: new Set(),
    iptables: new Set(),
    evidence: false,
    images: false,
    listeners: new Set(),
    logs: new Set(),
    packages: new Set(),
  };
}

export const COMMAND_LOG = '/var/log/netlab/commands.log';
const SOCKET = '--unix-socket /var/run/docker.sock';
const EVENT_FILTER = encodeURIComponent(JSON.stringify({ type: ['container', 'network'] }));
/** Most of the command log read at once; the rest comes with the next read. */
const LOG_CHUNK = 1024 * 1024;

// A package's state in a container, read from its files: dpkg's status entry, the
// first match on Docker's default PATH (with its md5 and first bytes), and what the
// package's file list and md5sums say about that name.
const PKG = `pkg() {
  r=/proc/$1/root
  [ -d "$r/etc" ] || { echo "cannot read the container's files" >&2; return 3; }
  awk -v p="$2" 'BEGIN { RS = ""; FS = "\\n" } { n = ""; s = ""; v = ""
    for (i = 1; i <= NF; i++) { if ($i ~ /^Package: /) n = substr($i, 10); else if ($i ~ /^Status: /) s = substr($i, 9); else if ($i ~ /^Version: /) v = substr($i, 10) }
    if (n == p) print "status\\t" s "\\t" v }' "$r/var/lib/dpkg/status" 2>/dev/null
  for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
    f="$r$dir/$3"
    [ -f "$f" ] || continue
    printf 'found\\t%s\\n' "$dir/$3"
    [ -L "$f" ] && printf 'link\\t%s\\n' "$(readlink "$f")"
    printf 'md5\\t%s\\n' "$(md5sum <"$f" | cut -d' ' -f1)"
    printf 'head\\t%s\\n' "$(head -c 4 "$f" | od -An -tx1 | tr -d ' \\n')"
    break
  done
  for l in "$r/var/lib/dpkg/info/$2.list" "$r/var/lib/dpkg/info/$2:"*.list; do
    [ -f "$l" ] && grep -F "/$3" "$l" | sed 's/^/list\\t/'
  done
  for m in "$r/var/lib/dpkg/info/$2.md5sums" "$r/var/lib/dpkg/info/$2:"*.md5sums; do
    [ -f "$m" ] && grep -F "/$3" "$m" | sed 's/^/sum\\t/'
  done
  return 0
}`;

/**
 * The first lines of the read, before any state: where the evidence stops for
 * this read. Evidence up to here is reflected in the state read after it;
 * anything later is left for the next read — read at the end instead, an event
 * between the state and the events (a container starting) would be consumed
 * while the state still showed the world before it, and no news would ever
 * bring it back.
 */
export function evidenceMarks(needs: WorldNeeds): string[] {
  return needs.evidence
    ? [`t0=$(date +%s.%N); s0=$(stat -c %s ${COMMAND_LOG} 2>/dev/null || echo 0)`]
    : [];
}

/** Script lines for the extras; they run after the containers section has been read. */
export function extrasScript(needs: WorldNeeds, cursor: EvidenceCursor): string[] {
  const lines: string[] = [];
  if (needs.evidence) {
    const url = `http://localhost/events?since=${cursor.since}&until=$t0&filters=${EVENT_FILTER}`;
    lines.push(
      `sec events curl -s --max-time 3 ${SOCKET} "${url}" &`,
      // Up to the size marked at the start (s0), at most a chunk. The batch drops a
      // section's last newline; the byte count after the chunk keeps it exact.
      `sec cmdlog sh -c 'f=$(mktemp); n=$(($2 - $1 + 1)); [ "$n" -gt ${LOG_CHUNK} ] && n=${LOG_CHUNK}; [ "$n" -gt 0 ] || n=0; tail -c +$1 ${COMMAND_LOG} 2>/dev/null | head -c "$n" >"$f"; cat "$f"; printf "\\n@@bytes %s\\n" "$(wc -c <"$f")"; rm -f "$f"' sh ${cursor.logOffset + 1} "$s0" &`,
      `sec cmdstat stat -c '%s %i' ${COMMAND_LOG} &`,
    );
  }
  if (needs.images) lines.push(`sec images curl -sf ${SOCKET} http://localhost/images/json &`);
  for (const ns of needs.listeners)
    lines.push(`sec ${shq(`ss.${ns}`)} in_ns ${shq(ns)} ss -Hltnp &`);
  if (needs.listeners.size > 0)
    lines.push(`sec pidns sh -c 'stat -L -c "%i %n" /proc/[0-9]*/ns/pid 2>/dev/null; true' &`);
  for (const name of needs.logs)
    lines.push(`sec ${shq(`logs.${name}`)} docker logs --tail 30 ${shq(name)} &`);
  if (needs.packages.size > 0) lines.push(PKG);
  for (const key of needs.packages) {
    const [container = '', pkg = '', binary = ''] = key.split('/');
    const pid = `"$(pid_of ${shq(container)})"`;
    // Section keys name files: no slashes.
    lines.push(
      `sec ${shq(`pkg.${key.replaceAll('/', '.')}`)} pkg ${pid} ${shq(pkg)} ${shq(binary)} &`,
    );
  }
  return lines;
}

/** The extras of a World, read from the batch's sections. */
export interface Extras {
  evidence: RawEvidence | null;
  images: DockerImage[] | null;
  listeners: Map<string, Reading<Listener[]>>;
  /** Each process's pid namespace (inode), to tell which container a pid belongs to. */
  pidNamespaces: Map<number, string>;
  logs: Map<string, Reading<string>>;
  packages: Map<string, Reading<string>>;
}

export function parseExtras(sections: Map<string, Section>, needs: WorldNeeds): Extras {
  const text = (key: string) => {
    const s = sections.get(key);
    return s && s.exitCode === 0 ? s.stdout : null;
  };
  const reading = (key: string): Reading<string> => {
    const s = sections.get(key);
    if (s && s.exitCode === 0) return { ok: true, value: `${s.stdout}\n${s.stderr}`.trim() };
    return {
      ok: false,
      error: s ? (s.stderr.trim().split('\n')[0] ?? '') || `exit code ${s.exitCode}` : 'not read',
    };
  };
  const listeners = new Map<string, Reading<Listener[]>>();
  for (const ns of needs.listeners) {
    const r = reading(`ss.${ns}`);
    listeners.set(
      ns,
      r.ok ? { ok: true, value: parseSsListen(text(`ss.${ns}`) ?? '').listeners } : r,
    );
  }
  return {
    evidence: needs.evidence
      ? { events: text('events') ?? '', log: logChunk(text('cmdlog')), logStat: text('cmdstat') }
      : null,
    images: needs.images ? images(text('images')) : null,
    listeners,
    pidNamespaces: pidNamespaces(text('pidns') ?? ''),
    logs: new Map([...needs.logs].map((name) => [name, reading(`logs.${name}`)])),
    packages: new Map(
      [...needs.packages].map((key) => [key, reading(`pkg.${key.replaceAll('/', '.')}`)]),
    ),
  };
}

/** The log chunk as read: the text before the "@@bytes" line, less the newline printed before it. */
function logChunk(section: string | null): string {
  if (section === null) return '';
  const at = section.lastIndexOf('\n@@bytes ');
  return at < 0 ? '' : section.slice(0, at);
}

function images(json: string | null): DockerImage[] | null {
  if (json === null) return null;
  try {
    const list = JSON.parse(json) as unknown;
    if (!Array.isArray(list)) return null;
    return list.flatMap((item: unknown) => {
      const i = item as { Id?: unknown; RepoTags?: unknown };
      if (typeof i.Id !== 'string') return [];
      const tags: unknown[] = Array.isArray(i.RepoTags) ? i.RepoTags : [];
      return [{ id: i.Id, tags: tags.filter((t) => typeof t === 'string') }];
    });
  } catch {
    return null;
  }
}

function pidNamespaces(text: string): Map<number, string> {
  const result = new Map<number, string>();
  for (const line of text.split('\n')) {
    const m = /^(\d+) \/proc\/(\d+)\/ns\/pid$/.exec(line.trim());
    if (m) result.set(Number(m[2]), m[1] ?? '');
  }
  return result;
}
