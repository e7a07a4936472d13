import type { ContainerCreateOptions, HostConfig } from 'dockerode';
import { LABEL_INSTANCE, LABEL_ROLE, LABEL_SESSION } from '../driver.ts';

export interface SandboxLimits {
  image: string;
  memoryBytes: number;
  diskBytes: number;
  pids: number;
  nanoCpus: number;
  /** The owning server instance's name (label netlab.instance). */
  instance: string;
  /** Parent cgroup with restricted devices (see device-parent.ts), where the engine needs one. */
  cgroupParent?: string | undefined;
}

/**
 * Capabilities dropped from a sandbox. SYS_RESOURCE is absent from these
 * machines' bounding set (so --privileged fails); the rest are not needed by an
 * inner Docker engine and give nothing a lab needs (clock, modules, raw I/O, MAC
 * policy, audit configuration, reboot).
 */
export const DROPPED_CAPABILITIES = [
  'SYS_RESOURCE',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'SYS_TIME',
  'SYS_PACCT',
  'SYSLOG',
  'WAKE_ALARM',
  'BLOCK_SUSPEND',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'AUDIT_CONTROL',
];

/**
 * The container of one sandbox, following DESIGN.md's recipe: no network, a
 * private cgroup namespace, all capabilities but the dropped ones, seccomp off
 * (the default profile blocks keyctl, which inner runc needs), Docker's masked
 * /proc paths kept, the inner engine's storage on a sized tmpfs, and limits.
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
    CapAdd: ['ALL'],
    CapDrop: DROPPED_CAPABILITIES,
    SecurityOpt: ['seccomp=unconfined'],
    Memory: limits.memoryBytes,
    MemorySwap: limits.memoryBytes,
    PidsLimit: limits.pids,
    NanoCpus: limits.nanoCpus,
    Tmpfs: { '/var/lib/docker': `rw,exec,dev,suid,size=${Math.floor(limits.diskBytes / 1024)}k` },
    LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '1' } },
    ...(limits.cgroupParent ? { CgroupParent: limits.cgroupParent } : {}),
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
