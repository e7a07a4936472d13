/**
 * Probes over what the reader did, from evidence the lab server keeps per
 * session: the sandbox engine's events (containers followed by id through
 * renames and restarts; docker exec with its command and exit code) and the
 * shell's record of each command it ran on the machine. They check causes, not
 * only outcomes: how a container ended, what a failed command targeted, and in
 * which order things happened.
 */
import { z } from 'zod';
import { containerRef, exitStatus, ns } from './common.ts';

/**
 * The reader ran a command. In a container: with `docker exec` (the engine's
 * events). On the machine or in a named netns: typed in the terminal (the
 * shell's records; `ip -n NS`, `ip netns exec NS` and `nsenter --net` count as
 * running in NS). Commands are compared by meaning, not spelling.
 */
export const ran = z.strictObject({
  probe: z.literal('ran'),
  /** `host`, a named netns, or a container. Example: `web1` */
  ns: ns.default('host'),
  /**
   * The command, in any spelling with the meaning wanted; a list accepts any of
   * them. Example: `ip address show` (also matches `ip a`, `ip -4 addr`)
   */
  command: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /** Its exit status. Example: `nonzero` */
  exit_code: exitStatus.default(0),
  /** Counts only when run after this container's latest start. Example: `busybox1` */
  after_started: containerRef.optional(),
  /** Containers that must have been running when it ran. Example: `[old2]` */
  while_running: z.array(containerRef).optional(),
  /** For a container: the only Docker networks it may have been on when it ran. Example: `[bridge]` */
  networks: z.array(z.string().min(1)).optional(),
});

/** How and why a container stopped: its last run's end, from the engine's events and its log. */
export const exited = z.strictObject({
  probe: z.literal('exited'),
  /** Example: `web2` */
  container: containerRef,
  /** Example: `nonzero` */
  exit_code: exitStatus.default('any'),
  /**
   * `itself`: its process ended with no kill, stop or restart from outside;
   * `signal`: something killed it. Example: `itself`
   */
  by: z.enum(['itself', 'signal', 'any']).default('any'),
  /** A regular expression its last output lines (docker logs) must match. Example: `Address (already )?in use` */
  log: z.string().min(1).optional(),
  /** Containers that were running when it stopped. Example: `[web1]` */
  while_running: z.array(containerRef).optional(),
});

/**
 * The container (this one, by id) stopped and started again after it was set up
 * (created, or last connected to a network by hand): `docker restart`, or stop
 * and start, both count.
 */
export const restarted = z.strictObject({
  probe: z.literal('restarted'),
  /** Example: `busybox2` */
  container: containerRef,
});
