/**
 * The preflight's verdicts: pure functions from what was found on the machine
 * to one line each — what is wrong, in one sentence, and the one command that
 * fixes it. Gathering the facts is preflight/facts.ts's job.
 */

export type Purpose = 'start' | 'test' | 'doctor';

export interface Verdict {
  check: string;
  ok: boolean;
  /** One sentence: what was found. */
  message: string;
  /** The command that fixes it, when not ok. */
  fix?: string;
}

/** How an engine answered a ping on its socket. */
export type Reach = 'ok' | 'missing' | 'refused' | 'denied' | 'error';

export interface Facts {
  /** Programs found on PATH, by name. */
  tools: ReadonlySet<string>;
  isRoot: boolean;
  /** Kernel version, e.g. [6, 18]. */
  kernel: [number, number];
  build: { host: string; reach: Reach };
  sandbox: {
    managed: boolean;
    socket: string;
    reach: Reach;
    /** Why the running engine does not isolate sandboxes (engine-facts.ts), or null. */
    isolationProblem: string | null;
    allowUnisolated: boolean;
  };
  /** The sandbox image must be (re)built, and its Debian base is on no engine yet. */
  needsBase: boolean;
  /** Free bytes where they will be needed, and how many. */
  disk: { where: string; free: number; needed: number; what: string }[];
  port: { host: string; port: number; free: boolean } | null;
  chromium: string | null;
}

const GiB = 1024 ** 3;

function dockerInstalled(f: Facts): Verdict {
  const missing = ['docker', 'dockerd'].filter((t) => !f.tools.has(t));
  return missing.length
    ? {
        check: 'docker',
        ok: false,
        message: `Docker is not installed (no ${missing.join(' or ')} on PATH).`,
        fix: 'sudo apt-get install docker.io',
      }
    : { check: 'docker', ok: true, message: 'Docker is installed.' };
}

function reachText(host: string, reach: Reach): { message: string; fix: string } {
  if (reach === 'denied')
    return {
      message: `This user may not use the Docker engine at ${host}.`,
      fix: 'sudo usermod -aG docker "$USER" (then log in again)',
    };
  return {
    message: `No Docker engine answers at ${host}.`,
    fix: 'sudo systemctl start docker (or: sudo dockerd &)',
  };
}

function buildEngine(f: Facts): Verdict {
  if (f.build.reach === 'ok')
    return { check: 'build-engine', ok: true, message: `Docker answers at ${f.build.host}.` };
  return { check: 'build-engine', ok: false, ...reachText(f.build.host, f.build.reach) };
}

function sandboxEngine(f: Facts): Verdict {
  const s = f.sandbox;
  const check = 'sandbox-engine';
  if (s.reach === 'ok') {
    if (s.isolationProblem && !s.allowUnisolated)
      return {
        check,
        ok: false,
        message: s.isolationProblem,
        fix: 'unset DOCKER_SOCKET (Netlab then runs its own isolated engine)',
      };
    return { check, ok: true, message: `The sandbox engine answers at ${s.socket} and isolates.` };
  }
  if (!s.managed) return { check, ok: false, ...reachText(`DOCKER_SOCKET=${s.socket}`, s.reach) };
  if (f.kernel[0] < 6 || (f.kernel[0] === 6 && f.kernel[1] < 7))
    return {
      check,
      ok: false,
      message: `Netlab's isolated engine needs Linux 6.7 or newer (btrfs simple quotas); this is ${f.kernel.join('.')}.`,
      fix: 'upgrade the kernel, or set DOCKER_SOCKET to an engine with user namespaces and disk quotas',
    };
  const missing = (
    [
      ['mkfs.btrfs', 'btrfs-progs'],
      ['unshare', 'util-linux'],
      ['blkid', 'util-linux'],
      ['perl', 'perl-base'],
    ] as const
  ).filter(([tool]) => !f.tools.has(tool));
  if (missing.length)
    return {
      check,
      ok: false,
      message: `Netlab's isolated engine needs ${missing.map(([t]) => t).join(', ')}.`,
      fix: `sudo apt-get install ${[...new Set(missing.map(([, p]) => p))].join(' ')}`,
    };
  if (!f.isRoot)
    return {
      check,
      ok: false,
      message: "Netlab's isolated engine is not running, and starting it needs root.",
      fix: 'sudo npx netlab engine start',
    };
  return { check, ok: true, message: "Netlab's isolated engine will be started." };
}

function baseTools(f: Facts): Verdict {
  if (!f.needsBase || f.tools.has('debootstrap'))
    return { check: 'build-tools', ok: true, message: 'The image build has what it needs.' };
  return {
    check: 'build-tools',
    ok: false,
    message:
      'The sandbox image is built on Debian trixie, made with debootstrap, which is missing.',
    fix: 'sudo apt-get install debootstrap',
  };
}

function diskSpace(f: Facts): Verdict {
  const short = f.disk.find((d) => d.free < d.needed);
  if (!short) return { check: 'disk', ok: true, message: 'There is disk space for the images.' };
  return {
    check: 'disk',
    ok: false,
    message: `${short.what} needs ${(short.needed / GiB).toFixed(0)} GiB on ${short.where}, which has ${(short.free / GiB).toFixed(1)} GiB free.`,
    fix: `free space on ${short.where} (or set ENGINE_DIR / ENGINE_DISK_GB)`,
  };
}

function portFree(f: Facts): Verdict | null {
  if (!f.port) return null;
  const { host, port, free } = f.port;
  return free
    ? { check: 'port', ok: true, message: `Port ${port} on ${host} is free.` }
    : {
        check: 'port',
        ok: false,
        message: `Port ${port} on ${host} is already in use by another program.`,
        fix: `PORT=${port + 1} npm start (or see who holds it: sudo ss -ltnp 'sport = :${port}')`,
      };
}

function chromiumPresent(f: Facts, purpose: Purpose): Verdict | null {
  if (purpose === 'start') return null;
  return f.chromium
    ? { check: 'chromium', ok: true, message: `Chromium for the end-to-end tests: ${f.chromium}.` }
    : {
        check: 'chromium',
        ok: false,
        message: 'The end-to-end tests need Chromium, which is missing.',
        fix: 'sudo apt-get install chromium',
      };
}

/** Every verdict, in the order a newcomer should fix them. */
export function verdicts(f: Facts, purpose: Purpose): Verdict[] {
  return [
    dockerInstalled(f),
    buildEngine(f),
    sandboxEngine(f),
    baseTools(f),
    diskSpace(f),
    portFree(f),
    chromiumPresent(f, purpose),
  ].filter((v): v is Verdict => v !== null);
}
