/**
 * The few things about sandboxes that only the host's root can do, done by one
 * small container per engine that runs in the host's namespaces with the
 * host's cgroup tree mounted (the lab server itself reaches the host only
 * through the engine, and may run in a container of its own):
 *
 * - on cgroup v1, a parent cgroup whose device list is restricted, so that a
 *   sandbox cannot widen its own devices.allow;
 * - delegating a sandbox's cgroups to its user namespace's root (the directory,
 *   cgroup.procs and tasks — never a limit file), the model systemd uses, so its
 *   inner engine can make child cgroups while its limits stay out of reach;
 * - handing the sandbox's /etc/hosts, hostname and resolv.conf (files the engine
 *   keeps outside the container's quota) to the host's root, so a reader cannot
 *   grow them;
 * - making its /sys writable and keeping a second view of it at
 *   /run/netlab-sysfs: in a user namespace the kernel mounts a sysfs only as
 *   writable as one already visible, and `ip netns exec` unmounts /sys before it
 *   mounts the namespace's own — so without this it fails. Only the sandbox's
 *   own network devices' files become writable; the rest stay the host root's.
 *
 * Nothing a reader does reaches this container: it has no network and runs only
 * the scripts below, through the engine's API.
 */
import type Docker from 'dockerode';
import { LABEL_ROLE } from '../driver.ts';
import type { EngineFacts } from './engine-facts.ts';
import { execInContainer } from './exec.ts';

const NAME = 'netlab-host-helper';

/** Devices a sandbox (and every container inside it) may use: Docker's default set for containers. */
export const ALLOWED_DEVICES = [
  'c *:* m',
  'b *:* m',
  'c 1:3 rwm',
  'c 1:5 rwm',
  'c 1:7 rwm',
  'c 1:8 rwm',
  'c 1:9 rwm',
  'c 5:0 rwm',
  'c 5:1 rwm',
  'c 5:2 rwm',
  'c 136:* rwm',
  'c 10:200 rwm',
];

const RESTRICT_DEVICES = `
set -eu
dir=/host/cgroup/devices/$1
mkdir -p "$dir"
want=$(printf '%s\\n' "$ALLOWED")
if [ "$(cat "$dir/devices.list")" = "$want" ]; then exit 0; fi
echo a >"$dir/devices.deny"
printf '%s\\n' "$ALLOWED" | while IFS= read -r rule; do echo "$rule" >"$dir/devices.allow"; done
[ "$(cat "$dir/devices.list")" = "$want" ] || { echo "devices.list of $dir is not the expected list" >&2; exit 1; }
`;

// Each line of /proc/<pid>/cgroup is id:controllers:path; v1 hierarchies are
// mounted by controller name, v2 at the root (or unified/ on hybrid hosts).
const DELEGATE = `
set -eu
pid=$1 id=$2
uid=$(awk 'NR == 1 { print $2 }' /proc/"$pid"/uid_map)
gid=$(awk 'NR == 1 { print $2 }' /proc/"$pid"/gid_map)
[ "$uid" != 0 ] || { echo "the sandbox is not in a user namespace" >&2; exit 1; }
while IFS=: read -r _ controllers path; do
  case $controllers in
    '') dir=/host/cgroup/unified$path; [ -d /host/cgroup/unified ] || dir=/host/cgroup$path ;;
    name=*) dir=/host/cgroup/\${controllers#name=}$path ;;
    *) dir=/host/cgroup/$controllers$path ;;
  esac
  [ -d "$dir" ] || continue
  chown "$uid:$gid" "$dir"
  for file in cgroup.procs tasks cgroup.threads cgroup.subtree_control; do
    [ ! -e "$dir/$file" ] || chown "$uid:$gid" "$dir/$file"
  done
done </proc/"$pid"/cgroup
for file in hosts hostname resolv.conf; do
  [ ! -e /host/docker/containers/"$id"/$file ] || { chown 0:0 /host/docker/containers/"$id"/$file; chmod 0644 /host/docker/containers/"$id"/$file; }
done
nsenter -t "$pid" -m -p -- busybox sh -c \
  'busybox mount -o remount,rw /sys && mkdir -p /run/netlab-sysfs && busybox mount --bind /sys /run/netlab-sysfs'
`;

// The container's overlay2 layer (its upper and work directories, which must
// stay on one subvolume for copy-up's renames) becomes a btrfs subvolume, whose
// simple-quota group is then limited. Inode 256 is a subvolume's root.
const BOUND_DISK = `
set -eu
layer=/host/docker/overlay2/$1
[ -d "$layer" ] || { echo "no layer $layer" >&2; exit 1; }
if [ "$(stat -c %i "$layer")" != 256 ]; then
  btrfs -q subvolume create "$layer.netlab"
  chown --reference="$layer" "$layer.netlab"
  chmod --reference="$layer" "$layer.netlab"
  cp -a "$layer/." "$layer.netlab/"
  rm -rf "$layer"
  mv "$layer.netlab" "$layer"
fi
btrfs qgroup limit "$2" "$layer"
`;

export class HostHelper {
  private readonly docker: Docker;
  private readonly image: string;
  private readonly facts: EngineFacts;
  private id: Promise<string> | undefined;

  constructor(docker: Docker, image: string, facts: EngineFacts) {
    this.docker = docker;
    this.image = image;
    this.facts = facts;
  }

  /** On cgroup v1, the parent cgroup sandboxes are created under, with its devices restricted. */
  async deviceParent(): Promise<string | undefined> {
    if (this.facts.cgroupVersion !== '1') return undefined;
    const name = this.facts.cgroupDriver === 'systemd' ? 'netlab.slice' : '/netlab';
    await this.run(
      ['sh', '-c', RESTRICT_DEVICES, 'sh', name.replace(/^\//, '')],
      [`ALLOWED=${ALLOWED_DEVICES.join('\n')}`],
    );
    return name;
  }

  /** Limits what a created (not yet started) sandbox may write to its own layer, on overlay2 over btrfs. */
  async boundDisk(containerId: string, bytes: number): Promise<void> {
    const { GraphDriver } = await this.docker.getContainer(containerId).inspect();
    // @types/dockerode types GraphDriver.Data for devicemapper only.
    const upper = (GraphDriver.Data as { UpperDir?: string }).UpperDir ?? '';
    const match = /\/overlay2\/([0-9a-f]{64})\/diff$/.exec(upper);
    if (!match?.[1]) throw new Error(`unexpected overlay2 layer ${upper}`);
    await this.run(['sh', '-c', BOUND_DISK, 'sh', match[1], String(bytes)]);
  }

  /** Delegates a started sandbox's cgroups to its root, and seals the files the engine keeps for it. */
  async delegate(containerId: string): Promise<void> {
    const { State } = await this.docker.getContainer(containerId).inspect();
    await this.run(['sh', '-c', DELEGATE, 'sh', String(State.Pid), containerId]);
  }

  private async run(cmd: string[], env: string[] = []): Promise<void> {
    const id = await this.container();
    const withEnv = env.length ? ['env', ...env, ...cmd] : cmd;
    const r = await execInContainer(this.docker, id, withEnv, {
      timeoutMs: 10_000,
      maxBytes: 4096,
    });
    if (r.exitCode !== 0)
      throw new Error(`the host helper failed (${r.exitCode}): ${(r.stderr || r.stdout).trim()}`);
  }

  /** The helper's container id, made and started once per driver (and shared with other servers on the engine). */
  private container(): Promise<string> {
    this.id ??= this.start().catch((error: unknown) => {
      this.id = undefined;
      throw error;
    });
    return this.id;
  }

  private async start(): Promise<string> {
    // Any image with a shell, chown, nsenter and busybox serves: an existing helper is kept.
    const existing = this.docker.getContainer(NAME);
    const found = await existing.inspect().catch(() => null);
    if (found) {
      if (!found.State.Running) await existing.start().catch(alreadyStarted);
      return found.Id;
    }
    const created = await this.docker
      .createContainer({
        name: NAME,
        Image: this.image,
        Entrypoint: ['sleep', 'infinity'],
        Labels: { [LABEL_ROLE]: 'host-helper' },
        HostConfig: {
          // Under userns-remap a container is remapped unless it asks not to be.
          ...(this.facts.userns ? { UsernsMode: 'host' } : {}),
          PidMode: 'host',
          CgroupnsMode: 'host',
          NetworkMode: 'none',
          Init: true,
          ReadonlyRootfs: true,
          CapDrop: ['ALL'],
          CapAdd: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SYS_ADMIN', 'SYS_CHROOT', 'SYS_PTRACE'],
          Binds: ['/sys/fs/cgroup:/host/cgroup', `${this.facts.rootDir}:/host/docker`],
          RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
        },
      } as Docker.ContainerCreateOptions)
      .catch((error: unknown) => {
        // Another lab server on the same engine made it first.
        if ((error as { statusCode?: number }).statusCode === 409)
          return this.docker.getContainer(NAME);
        throw error;
      });
    await created.start().catch(alreadyStarted);
    return created.id;
  }
}

/** A start that another lab server got to first (304) is no failure. */
function alreadyStarted(error: unknown): void {
  if ((error as { statusCode?: number }).statusCode !== 304) throw error;
}
