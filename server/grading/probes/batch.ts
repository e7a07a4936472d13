/**
 * One exec, many commands: the grader sends the sandbox a single shell script
 * whose commands run in parallel, each into its own files, and come back as
 * sections between marker lines carrying a per-run nonce. One round trip per
 * check run is what keeps checking a whole lab well under 300 ms.
 */

/** What one command of the batch printed and how it exited. */
export interface Section {
  key: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Sections by key, and whether the script ran to its end (not killed or cut). */
export interface BatchOutput {
  sections: Map<string, Section>;
  complete: boolean;
}

/** Bytes kept of one section's stdout and stderr; the exec's own cap bounds the total. */
const SECTION_STDOUT_CAP = 256 * 1024;
const SECTION_STDERR_CAP = 4 * 1024;

/** Quotes a word for sh, so names and URLs from labs and parameters stay one argument. */
export function shq(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The marker that starts each section's lines; the nonce keeps reader output from forging one. */
export function marker(nonce: string): string {
  return `@@netlab-${nonce}`;
}

// Prints every section with one awk: each process costs CPU the sandbox is rationed.
// Files come in threes (KEY.rc, KEY.out, KEY.err); awk skips empty files, so the
// stderr marker is printed only when there is stderr, which parseBatch allows.
const EMIT = `emit() {
  for f in "$d"/*.rc; do [ -e "$f" ] && set -- "$@" "$f" "\${f%.rc}.out" "\${f%.rc}.err"; done
  [ $# -eq 0 ] || awk -v M="$M" -v cap=${SECTION_STDOUT_CAP} -v ecap=${SECTION_STDERR_CAP} '
    FNR == 1 { key = FILENAME; sub(/.*\\//, "", key); kind = key; sub(/\\.[a-z]+$/, "", key)
               sub(/.*\\./, "", kind); used = 0
               if (kind == "err") printf "%s %s stderr\\n", M, key }
    kind == "rc" { printf "%s %s %s\\n", M, key, $0; next }
    { used += length($0) + 1; if (used <= (kind == "out" ? cap : ecap)) print }' "$@"
  printf '%s end\\n' "$M"
}`;

/**
 * Shell helpers every batch starts with: `sec KEY cmd…` runs a command into
 * the section KEY; `in_ns NS cmd…` runs it in the host namespace ("host"), a
 * named netns, a process's network namespace ("pid:1234"), or a running
 * container's (by name, once the `containers` section has been read).
 */
function prelude(nonce: string): string {
  return `M=${shq(marker(nonce))}
d=$(mktemp -d /tmp/netlab-check.XXXXXX) || exit 90
trap 'rm -rf "$d"' EXIT
sec() { k=$1; shift; "$@" >"$d/$k.out" 2>"$d/$k.err"; echo $? >"$d/$k.rc"; }
pid_of() { jq -r --arg n "/$1" '.[] | select(.Name == $n) | .State.Pid' "$d/containers.out" 2>/dev/null | head -n 1; }
in_ns() {
  n=$1; shift
  case $n in
    host) "$@"; return ;;
    pid:*) nsenter -t "\${n#pid:}" -n "$@"; return ;;
  esac
  if [ -e "/run/netns/$n" ]; then nsenter --net="/run/netns/$n" "$@"; return; fi
  p=$(pid_of "$n")
  if [ -z "$p" ]; then echo "no namespace or container named $n" >&2; return 97; fi
  if [ "$p" = 0 ]; then echo "container $n is not running" >&2; return 98; fi
  nsenter -t "$p" -n "$@"
}
${EMIT}
`;
}

/** The whole script: prelude, the body (which starts sections and waits), then the output. */
export function batchScript(nonce: string, body: string): string {
  return `${prelude(nonce)}${body}\nwait\nemit\n`;
}

/** Splits the script's stdout back into sections. */
export function parseBatch(nonce: string, stdout: string): BatchOutput {
  const mark = `${marker(nonce)} `;
  const sections = new Map<string, Section>();
  let current: { section: Section; part: 'stdout' | 'stderr'; lines: string[] } | null = null;
  let complete = false;
  const flush = () => {
    if (current) current.section[current.part] = current.lines.join('\n');
  };
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(mark)) {
      current?.lines.push(line);
      continue;
    }
    flush();
    const [key = '', third = ''] = line.slice(mark.length).split(' ');
    if (key === 'end' && third === '') {
      complete = true;
      current = null;
    } else if (third === 'stderr' && current?.section.key === key) {
      current = { section: current.section, part: 'stderr', lines: [] };
    } else {
      const exitCode = /^\d+$/.test(third) ? Number(third) : -1;
      const section: Section = { key, exitCode, stdout: '', stderr: '' };
      sections.set(key, section);
      current = { section, part: 'stdout', lines: [] };
    }
  }
  flush();
  return { sections, complete };
}

/**
 * Renders sections the way the script prints them; the inverse of
 * parseBatch, used to replay outputs recorded from a real sandbox in tests.
 */
export function renderBatch(nonce: string, sections: Iterable<Section>): string {
  const mark = marker(nonce);
  const parts = [...sections].map(
    (s) => `${mark} ${s.key} ${s.exitCode}\n${s.stdout}\n${mark} ${s.key} stderr\n${s.stderr}\n`,
  );
  return `${parts.join('')}${mark} end\n`;
}

/** The nonce a batch script was built with, read back from it (for recorded-output tests). */
export function nonceOf(script: string): string | null {
  return /^M='@@netlab-([0-9a-z]+)'$/m.exec(script)?.[1] ?? null;
}
