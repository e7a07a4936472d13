import type { ContainerCreateOptions, HostConfig } from 'dockerode';
import { LABEL_INSTANCE, LABEL_ROLE, LABEL_SESSION } from '../driver.ts';
import { seccompProfile } from './seccomp.ts';

export interface SandboxLimits {
  image: string;
  memoryBytes: number;
  diskBytes: number;
  pids: number;
  nanoCpus: number;
  /** The owning server instance's name (label netlab.instance). */
  instance: string;
  /** Parent cgroup with restricted devices (see host-helper.ts), where the engine needs one. */
  cgroupParent?: string | undefined;
  /** Size of the sandbox's own filesystem (Docker's `--storage-opt size`), where the engine can bound it. */
  storageSize?: string | undefined;
  /** The engine remaps user namespaces: root in the sandbox is an unprivileged uid on the host. */
  userns: boolean;
}

/**
 * Capabilities a sandbox keeps: Docker's defaults (which the inner engine
 * gives its own containers, so they must be in the bounding set) plus SYS_ADMIN
 * and NET_ADMIN, which the inner engine needs for namespaces, mounts, bridges
 * and iptables. Everything else — DAC_READ_SEARCH (file handles), SYS_PTRACE,
 * SYS_MODULE, SYS_RAWIO, SYS_TIME, BPF, PERFMON, SYS_RESOURCE (absent from these
 * machines' bounding set anyway) … — is dropped; no lab needs it.
 */
export const SANDBOX_CAPABILITIES = [
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'SETGID',
  'SETUID',
  'SETPCAP',
  'SETFCAP',
  'NET_BIND_SERVICE',
  'NET_RAW',
  'SYS_CHROOT',
  'MKNOD',
  'AUDIT_WRITE',
  'SYS_ADMIN',
  'NET_ADMIN',
];

/**
 * The container of one sandbox (DESIGN.md's recipe, as measured): no network, a
 * private cgroup namespace, the capabilities above, the seccomp profile of
 * seccomp.ts, the inner engine's storage on a sized tmpfs, limits, and a bounded
 * root filesystem.
 *
 * In a user namespace, `systempaths=unconfined`: the kernel lets the inner runc
 * mount a fresh /proc for its containers only when no part of the sandbox's own
 * /proc is hidden by a mount, and the files stay owned by the host's root, so
 * unmasked they are still not writable. Without a user namespace (only with
 * ALLOW_UNISOLATED_SANDBOXES) Docker's masks stay, as the only thing in the way.
 */
export function sandboxCreateOptions(
  sessionId: string,
  limits: SandboxLimits,
): ContainerCreateOptions {
  // @types/dockerode predates CgroupnsMode (API 1.41); the engine accepts it.
  const hostConfig: HostConfig & { CgroupnsMode: 'private' } = {
    Init: true,
    NetworkMode: 'none',
    CgroupnsMode: 'private',
    CapDrop: ['ALL'],
    CapAdd: SANDBOX_CAPABILITIES,
    SecurityOpt: [`seccomp=${seccompProfile()}`],
    // The API's form of `--security-opt systempaths=unconfined`.
    ...(limits.userns ? { MaskedPaths: [], ReadonlyPaths: [] } : {}),
    Memory: limits.memoryBytes,
    MemorySwap: limits.memoryBytes,
    PidsLimit: limits.pids,
    NanoCpus: limits.nanoCpus,
    Tmpfs: { '/var/lib/docker': `rw,exec,dev,suid,size=${Math.floor(limits.diskBytes / 1024)}k` },
    LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '1' } },
    ...(limits.cgroupParent ? { CgroupParent: limits.cgroupParent } : {}),
    ...(limits.storageSize ? { StorageOpt: { size: limits.storageSize } } : {}),
  };
  return {
    name: `netlab-${sessionId}`,
    Image: limits.image,
    Hostname: 'netlab',
    Labels: {
      [LABEL_SESSION]: sessionId,
      [LABEL_ROLE]: 'sandbox',
      [LABEL_INSTANCE]: limits.instance,
    },
    AttachStdout: true,
    AttachStderr: true,
    HostConfig: hostConfig,
  };
}
