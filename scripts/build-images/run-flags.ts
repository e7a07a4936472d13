import type { ContainerCreateOptions } from 'dockerode';

/**
 * `docker run` flags equivalent to a sandbox's create options, so that the image
 * bake runs under exactly the recipe the driver uses.
 */
export function runFlags(options: ContainerCreateOptions): string[] {
  const h = (options.HostConfig ?? {}) as NonNullable<ContainerCreateOptions['HostConfig']> & {
    CgroupnsMode?: string;
  };
  const flags: string[] = [];
  if (h.Init) flags.push('--init');
  if (h.NetworkMode) flags.push('--network', h.NetworkMode);
  if (h.CgroupnsMode) flags.push('--cgroupns', h.CgroupnsMode);
  for (const cap of h.CapAdd ?? []) flags.push('--cap-add', String(cap));
  for (const cap of h.CapDrop ?? []) flags.push('--cap-drop', String(cap));
  for (const opt of h.SecurityOpt ?? []) flags.push('--security-opt', String(opt));
  if (h.MaskedPaths?.length === 0 && h.ReadonlyPaths?.length === 0)
    flags.push('--security-opt', 'systempaths=unconfined');
  if (h.Memory)
    flags.push('--memory', `${h.Memory}b`, '--memory-swap', `${h.MemorySwap ?? h.Memory}b`);
  if (h.PidsLimit) flags.push('--pids-limit', String(h.PidsLimit));
  if (h.NanoCpus) flags.push('--cpus', String(h.NanoCpus / 1e9));
  for (const [target, opts] of Object.entries(h.Tmpfs ?? {}))
    flags.push('--tmpfs', `${target}:${opts}`);
  if (options.Hostname) flags.push('--hostname', options.Hostname);
  for (const [key, value] of Object.entries(options.Labels ?? {}))
    flags.push('--label', `${key}=${value}`);
  return flags;
}
