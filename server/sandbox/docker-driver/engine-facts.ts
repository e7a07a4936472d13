/**
 * What the lab server needs to know about an engine before it puts a reader on
 * it, read from `docker info`, and the verdict: may sandboxes run there?
 */

export interface EngineFacts {
  version: string;
  /** The engine remaps user namespaces (`--userns-remap`). */
  userns: boolean;
  storageDriver: string;
  /** The filesystem under the storage driver, where the engine reports one. */
  backingFs: string | null;
  cgroupVersion: string;
  cgroupDriver: string;
  /** The engine's data root on its host (with userns-remap, the remapped subfolder). */
  rootDir: string;
}

interface DockerInfo {
  ServerVersion?: string;
  SecurityOptions?: string[];
  Driver?: string;
  DriverStatus?: [string, string][];
  CgroupVersion?: string;
  CgroupDriver?: string;
  DockerRootDir?: string;
}

export function engineFacts(info: DockerInfo): EngineFacts {
  const backing = (info.DriverStatus ?? []).find(([key]) => key === 'Backing Filesystem');
  return {
    version: info.ServerVersion ?? 'unknown',
    userns: (info.SecurityOptions ?? []).some((o) => o.split(',').includes('name=userns')),
    storageDriver: info.Driver ?? 'unknown',
    backingFs: backing?.[1] ?? null,
    cgroupVersion: info.CgroupVersion ?? '1',
    cgroupDriver: info.CgroupDriver ?? 'cgroupfs',
    rootDir: info.DockerRootDir ?? '/var/lib/docker',
  };
}

/**
 * How a sandbox's own writes are bounded on this engine, or null where they
 * cannot be:
 * - `storage-opt`: Docker's `--storage-opt size` (btrfs or zfs drivers, or
 *   overlay2 on XFS with project quotas);
 * - `subvolume`: overlay2 on btrfs (Netlab's own engine), where the host helper
 *   makes the container's layer a btrfs subvolume with a simple-quota limit.
 *   overlay2 rather than the btrfs driver, because files of the image then stay
 *   one inode for every sandbox and so one copy in the page cache (a btrfs
 *   snapshot per sandbox costs each its own ~30 MiB of binaries' pages).
 */
export type DiskBound = 'storage-opt' | 'subvolume';

export function diskBound(facts: EngineFacts): DiskBound | null {
  if (facts.storageDriver === 'btrfs' || facts.storageDriver === 'zfs') return 'storage-opt';
  if (facts.storageDriver === 'overlay2' && facts.backingFs === 'xfs') return 'storage-opt';
  if (facts.storageDriver === 'overlay2' && facts.backingFs === 'btrfs') return 'subvolume';
  return null;
}

/** Why sandboxes may not run on this engine, or null when they may. */
export function isolationProblem(
  facts: EngineFacts,
  where: string,
  canBoundDisk: boolean,
): string | null {
  const unsafe =
    'ALLOW_UNISOLATED_SANDBOXES=1 runs them anyway, for a single-user laptop only: a reader is then root on the host.';
  if (!facts.userns)
    return (
      `The Docker engine at ${where} does not remap user namespaces, so a reader who is root in a sandbox would be root on this machine. ` +
      `Unset DOCKER_SOCKET to let Netlab run its own isolated engine, or start that engine with --userns-remap=default. ${unsafe}`
    );
  if (!canBoundDisk)
    return (
      `The Docker engine at ${where} keeps containers on ${facts.storageDriver}${facts.backingFs ? ` over ${facts.backingFs}` : ''}, which cannot limit what a sandbox writes, so one reader could fill its disk. ` +
      `Unset DOCKER_SOCKET to let Netlab run its own engine (btrfs, with quotas), or give the engine a data root on btrfs with simple quotas or on XFS mounted with pquota. ${unsafe}`
    );
  return null;
}
