/**
 * Where Netlab's own engine keeps everything, and how it is started: pure
 * functions of its folder, so that the server, `npm run images` and
 * `netlab engine` agree without talking to each other.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

export interface EngineLayout {
  dir: string;
  /** The btrfs disk image, allocated in full when made. */
  disk: string;
  /** Where the disk image is mounted. */
  mount: string;
  /** dockerd's --data-root, on the disk image. */
  dataRoot: string;
  socket: string;
  pidfile: string;
  log: string;
  config: string;
  /** dockerd's --exec-root: under /run (gone at reboot, as the engine's processes are), unique per folder. */
  execRoot: string;
}

export function engineLayout(dir: string): EngineLayout {
  const id = createHash('sha256').update(dir).digest('hex').slice(0, 8);
  return {
    dir,
    disk: path.join(dir, 'disk.img'),
    mount: path.join(dir, 'root'),
    dataRoot: path.join(dir, 'root', 'docker'),
    socket: path.join(dir, 'docker.sock'),
    pidfile: path.join(dir, 'dockerd.pid'),
    log: path.join(dir, 'dockerd.log'),
    config: path.join(dir, 'daemon.json'),
    execRoot: `/run/netlab-engine-${id}`,
  };
}

/**
 * The engine's settings. Sandboxes have no network, so the engine needs no
 * bridge, NAT or iptables of its own, and leaves the host's (and the host's own
 * Docker's) networking alone. `userns-remap: default` makes Docker create the
 * `dockremap` user with a subordinate uid range: root in a sandbox is one of
 * those uids on the host. overlay2 on a btrfs disk: overlay2 shares the
 * image's files (and their page cache) between sandboxes, and btrfs quotas (XFS
 * and ext4 quotas are not built into every kernel; btrfs's always are) bound
 * each sandbox's layer — see engine-facts.ts.
 */
export const ENGINE_DAEMON_CONFIG = {
  'userns-remap': 'default',
  bridge: 'none',
  iptables: false,
  'ip-masq': false,
  ipv6: false,
  'userland-proxy': false,
  'storage-driver': 'overlay2',
  'log-driver': 'json-file',
  'log-opts': { 'max-size': '1m', 'max-file': '1' },
  features: { buildkit: false },
} as const;

export function dockerdArgs(layout: EngineLayout): string[] {
  return [
    '--config-file',
    layout.config,
    '--host',
    `unix://${layout.socket}`,
    '--data-root',
    layout.dataRoot,
    '--exec-root',
    layout.execRoot,
    '--pidfile',
    layout.pidfile,
  ];
}

/** Whether `target` is a mount point, from the text of /proc/self/mountinfo. */
export function isMountPoint(mountinfo: string, target: string): boolean {
  return mountinfo.split('\n').some((line) => {
    const field = line.split(' ')[4];
    // Mount points are octal-escaped (a space is \040).
    const point = field?.replace(/\\([0-7]{3})/g, (_m, o: string) =>
      String.fromCharCode(parseInt(o, 8)),
    );
    return point === target;
  });
}
