import type Docker from 'dockerode';

/**
 * Devices a sandbox (and every container inside it) may use: Docker's default
 * set for containers. On cgroup v1 a sandbox holds CAP_SYS_ADMIN over its own
 * devices cgroup, so it could widen devices.allow up to whatever its parent
 * allows; with this list on the parent, it cannot reach a host block device.
 */
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

/** The cgroup parent sandboxes are created under, on engines that need one. */
export interface CgroupParent {
  /** Value for HostConfig.CgroupParent. */
  name: string;
}

const SCRIPT = `
set -eu
dir=/host-devices/$1
mkdir -p "$dir"
want=$(printf '%s\\n' "$ALLOWED")
if [ "$(cat "$dir/devices.list")" = "$want" ]; then exit 0; fi
echo a >"$dir/devices.deny"
printf '%s\\n' "$ALLOWED" | while IFS= read -r rule; do echo "$rule" >"$dir/devices.allow"; done
[ "$(cat "$dir/devices.list")" = "$want" ] || { echo "devices.list of $dir is not the expected list" >&2; exit 1; }
`;

/**
 * Makes sure sandboxes get a parent cgroup whose devices are restricted. Only
 * cgroup v1 engines need it (v2 has no writable devices files); the lab server
 * reaches the host only through the engine, so a short-lived container with the
 * host's devices hierarchy mounted writes the rules.
 */
export async function ensureDeviceParent(
  docker: Docker,
  image: string,
): Promise<CgroupParent | undefined> {
  const info = (await docker.info()) as { CgroupVersion?: string; CgroupDriver?: string };
  if (info.CgroupVersion !== '1') return undefined;
  const name = info.CgroupDriver === 'systemd' ? 'netlab.slice' : '/netlab';
  const container = await docker.createContainer({
    Image: image,
    Entrypoint: ['sh', '-c', SCRIPT, 'sh', name.replace(/^\//, '')],
    Env: [`ALLOWED=${ALLOWED_DEVICES.join('\n')}`],
    Labels: { 'netlab.role': 'setup' },
    HostConfig: {
      NetworkMode: 'none',
      CapAdd: ['SYS_ADMIN'],
      Binds: ['/sys/fs/cgroup/devices:/host-devices'],
      AutoRemove: false,
    },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    if (StatusCode !== 0) {
      const logs = (await container.logs({ stdout: true, stderr: true })).toString('utf8');
      throw new Error(
        `could not restrict the devices of the sandboxes' parent cgroup: ${logs.trim()}`,
      );
    }
  } finally {
    await container.remove({ force: true });
  }
  return { name };
}
