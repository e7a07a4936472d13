/**
 * What a `docker run` / `docker create` command line asks the engine for, read
 * the way the Docker CLI reads it: flags that take a value (`--ip X`, `--ip=X`,
 * `-p8080:80`), combined short flags (`-dit`), `--` and the image after the
 * options. Only needed for commands the engine refused before it made anything
 * (a refused `--ip` leaves no event); everything else comes from the engine's
 * own events.
 */

/** The container a run/create asked for. */
export interface CreateMeaning {
  /** The network it targets: `--network`/`--net`, with "default" and none given meaning "bridge". */
  network: string;
  ip: string | null;
  name: string | null;
  /** The image reference as typed, or null when missing. */
  image: string | null;
}

// docker run/create flags that take a value (Docker 26 CLI), long names; and short ones.
const VALUED_LONG = new Set(
  (
    'attach add-host annotation blkio-weight blkio-weight-device cap-add cap-drop cgroup-parent cgroupns ' +
    'cidfile cpu-count cpu-percent cpu-period cpu-quota cpu-rt-period cpu-rt-runtime cpu-shares cpus ' +
    'cpuset-cpus cpuset-mems detach-keys device device-cgroup-rule device-read-bps device-read-iops ' +
    'device-write-bps device-write-iops dns dns-opt dns-option dns-search domainname entrypoint env ' +
    'env-file expose gpus group-add health-cmd health-interval health-retries health-start-interval ' +
    'health-start-period health-timeout hostname io-maxbandwidth io-maxiops ip ip6 ipc isolation ' +
    'kernel-memory label label-file link link-local-ip log-driver log-opt mac-address memory ' +
    'memory-reservation memory-swap memory-swappiness mount name net network net-alias network-alias ' +
    'oom-score-adj pid pids-limit platform publish pull restart runtime security-opt shm-size ' +
    'stop-signal stop-timeout storage-opt sysctl tmpfs ulimit user userns uts volume volume-driver ' +
    'volumes-from workdir'
  ).split(' '),
);
const VALUED_SHORT = new Set(['a', 'c', 'e', 'h', 'l', 'm', 'p', 'u', 'v', 'w']);

/** The subcommand's arguments if argv (without "docker") is a run or create; null otherwise. */
export function createArgs(args: string[]): { verb: 'run' | 'create'; rest: string[] } | null {
  let i = 0;
  // Global options before the subcommand: -H/--host, --context, --config, -l/--log-level take values.
  while (i < args.length && (args[i] ?? '').startsWith('-')) {
    const word = args[i] ?? '';
    i +=
      !word.includes('=') &&
      ['-H', '--host', '--context', '-c', '--config', '-l', '--log-level'].includes(word)
        ? 2
        : 1;
  }
  let verb = args[i];
  if (verb === 'container') verb = args[++i];
  if (verb !== 'run' && verb !== 'create') return null;
  return { verb, rest: args.slice(i + 1) };
}

/** Reads the options of `docker run|create [OPTIONS] IMAGE [COMMAND]`. */
export function createMeaning(rest: string[]): CreateMeaning {
  const values = new Map<string, string>();
  let image: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? '';
    if (word === '--') {
      image = rest[i + 1] ?? null;
      break;
    }
    if (word.startsWith('--')) {
      const [name, inline] = splitOnce(word.slice(2));
      if (inline !== undefined) values.set(name, inline);
      else if (VALUED_LONG.has(name)) values.set(name, rest[++i] ?? '');
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      i += shortFlags(word.slice(1), rest[i + 1], values);
      continue;
    }
    image = word;
    break;
  }
  const network = values.get('network') ?? values.get('net') ?? 'bridge';
  return {
    network: network === 'default' ? 'bridge' : network,
    ip: values.get('ip') ?? null,
    name: values.get('name') ?? null,
    image,
  };
}

/** `-dit`, `-p8080:80`, `-e X`: returns how many following words it used (0 or 1). */
function shortFlags(flags: string, next: string | undefined, values: Map<string, string>): number {
  for (let k = 0; k < flags.length; k++) {
    const flag = flags[k] ?? '';
    if (!VALUED_SHORT.has(flag)) continue;
    const attached = flags.slice(k + 1).replace(/^=/, '');
    if (attached !== '') {
      values.set(flag, attached);
      return 0;
    }
    values.set(flag, next ?? '');
    return 1;
  }
  return 0;
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * An image reference in the engine's full form: `busybox`,
 * `library/busybox:latest` and `docker.io/library/busybox:latest` are all
 * `docker.io/library/busybox:latest`.
 */
export function normaliseImageRef(ref: string): string {
  let name = ref.trim().toLowerCase();
  if (name.startsWith('sha256:')) return name;
  const digest = name.indexOf('@');
  const tagless = digest >= 0 ? name.slice(0, digest) : name;
  const lastSlash = tagless.lastIndexOf('/');
  const hasTag = tagless.slice(lastSlash + 1).includes(':');
  if (digest < 0 && !hasTag) name = `${name}:latest`;
  const first = name.split('/')[0] ?? '';
  // A first part with a dot or a port, or "localhost", names a registry.
  const hasRegistry = name.includes('/') && (/[.:]/.test(first) || first === 'localhost');
  if (!hasRegistry) name = `docker.io/${name}`;
  if (name.startsWith('index.docker.io/'))
    name = `docker.io/${name.slice('index.docker.io/'.length)}`;
  const path = name.slice('docker.io/'.length);
  if (name.startsWith('docker.io/') && !path.includes('/')) name = `docker.io/library/${path}`;
  return name;
}
