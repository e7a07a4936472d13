/**
 * The lab format: labs/<id>/lab.yaml, validated by this one schema. Each field
 * has a doc comment and an example; `labs.ts` reports a violation with the file,
 * the line and the field.
 */
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes, e.g. "bridge"');

/** Text in both site languages. Example: `{ en: "Bridge network", zh-cn: "bridge 网络" }` */
export const localized = z.strictObject({
  en: z.string().min(1),
  'zh-cn': z.string().min(1),
});

export const taskSchema = z.strictObject({
  /** Unique within the lab. Example: `inspect-veth` */
  id,
  /**
   * `state`: the sandbox must be in some state; `answer`: the reader types an
   * answer computed from the live sandbox; `action`: the reader must have run a
   * command (from the shell's command log). Example: `state`
   */
  kind: z.enum(['state', 'answer', 'action']),
  /** What to do, one sentence. Example: `{ en: "Start busybox1 on the default bridge", … }` */
  title: localized,
  /** A nudge shown on request or after a failed check. Example: `{ en: "Try docker ps", … }` */
  hint: localized,
});

export const labSchema = z.strictObject({
  /** Same as the folder name. Example: `bridge` */
  id,
  /** The chapter this lab belongs to (1–8, DESIGN.md). Example: `2` */
  chapter: z.number().int().min(1).max(99),
  /** Example: `{ en: "The default bridge", zh-cn: "默认 bridge 网络" }` */
  title: localized,
  /** One paragraph shown above the tasks. */
  intro: localized,
  /**
   * Shell commands run in the sandbox (as root, `sh -c`) before the reader gets
   * it, in order; a failing one fails the session. Example: `["docker network create lab"]`
   */
  setup: z.array(z.string().min(1)).default([]),
  /** The tasks, in the order the reader meets them. */
  tasks: z.array(taskSchema).min(1),
});

export type Lab = z.output<typeof labSchema>;
export type LabTask = Lab['tasks'][number];
