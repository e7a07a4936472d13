/**
 * The seccomp profile of a sandbox. Docker's default profile cannot be used
 * as is: it blocks keyctl, without which the inner runc cannot start a
 * container ("unable to join session keyring"), and with CAP_SYS_ADMIN (which
 * the inner engine needs) it opens bpf, perf_event_open, fanotify and the rest
 * anyway. So this profile allows what a Linux machine with its own Docker engine
 * uses and refuses, with EPERM, the calls below: each is kernel attack surface
 * that no lab, no inner engine and no course tool needs. The user namespace
 * already makes most of them fail; this is the second wall.
 */

interface Denied {
  names: readonly string[];
  /** Why it is refused (kept beside the list, so that a change explains itself). */
  why: string;
}

export const DENIED_SYSCALLS: readonly Denied[] = [
  {
    names: ['bpf'],
    why: 'BPF programs and maps: tracing and a large verifier; the inner engine on cgroup v1 uses none',
  },
  { names: ['perf_event_open'], why: 'performance counters and tracing of the whole machine' },
  {
    names: ['open_by_handle_at', 'name_to_handle_at'],
    why: 'file handles bypass mount boundaries (the "shocker" escape)',
  },
  { names: ['fanotify_init'], why: 'filesystem-wide watches' },
  { names: ['userfaultfd'], why: 'lets an exploit stall the kernel at a chosen page fault' },
  {
    names: ['io_uring_setup', 'io_uring_enter', 'io_uring_register'],
    why: 'a frequent source of kernel privilege escalations; nothing in a lab uses it',
  },
  {
    names: ['init_module', 'finit_module', 'delete_module', 'create_module', 'query_module'],
    why: 'kernel modules',
  },
  { names: ['get_kernel_syms', 'lookup_dcookie', 'syslog'], why: 'kernel internals and its log' },
  { names: ['kexec_load', 'kexec_file_load', 'reboot'], why: 'replacing or stopping the kernel' },
  {
    names: ['settimeofday', 'stime', 'clock_settime', 'clock_adjtime', 'adjtimex'],
    why: 'the clock is the host’s',
  },
  {
    names: ['acct', 'swapon', 'swapoff', 'quotactl', 'quotactl_fd'],
    why: 'host-wide accounting, swap and quotas',
  },
  {
    names: [
      'iopl',
      'ioperm',
      'vm86',
      'vm86old',
      'pciconfig_read',
      'pciconfig_write',
      'pciconfig_iobase',
    ],
    why: 'direct hardware access',
  },
  { names: ['nfsservctl', 'uselib', 'ustat', 'sysfs', '_sysctl'], why: 'obsolete interfaces' },
];

/** The profile as Docker takes it (`--security-opt seccomp=<json>`). */
export function seccompProfile(): string {
  return JSON.stringify({
    defaultAction: 'SCMP_ACT_ALLOW',
    archMap: [
      { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] },
      { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
    ],
    syscalls: [
      {
        names: DENIED_SYSCALLS.flatMap((d) => d.names),
        action: 'SCMP_ACT_ERRNO',
        errnoRet: 1,
      },
    ],
  });
}
