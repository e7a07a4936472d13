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
 * `--storage-opt size` for a sandbox, or null where the engine cannot bound a
 * container's filesystem: btrfs (Netlab's own engine uses simple quotas, which
 * count what the container writes, not the image it shares) and overlay2 on XFS
 * with project quotas bound the container's own writes; zfs its dataset.
 */
export function storageSize(facts: EngineFacts, rootfsBytes: number): string | null {
  const bounded =
    facts.storageDriver === 'btrfs' ||
    facts.storageDriver === 'zfs' ||
    (facts.storageDriver === 'overlay2' && facts.backingFs === 'xfs');
  return bounded ? String(rootfsBytes) : null;
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
      `Unset DOCKER_SOCKET to let Netlab run its own engine (btrfs, with quotas), or give the engine a data root on btrfs or on XFS mounted with pquota. ${unsafe}`
    );
  return null;
}
