/**
 * The lab format: labs/<id>/lab.yaml, validated by this one schema. Each field
 * has a doc comment and an example; `loader.ts` reports a violation with the file,
 * the line and the field. Checks (the probe calls) are grading's (grading/lab-checks.ts).
 */
import { z } from 'zod';
import {
  ACTION_PROBES,
  ANSWER_PROBES,
  checkSchema,
  meaningOfText,
  type Check,
} from '../grading/lab-checks.ts';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes, e.g. "bridge"');

/** Text in both site languages. Example: `{ en: "Bridge network", zh-cn: "bridge 网络" }` */
export const localized = z.strictObject({
  en: z.string().min(1),
  'zh-cn': z.string().min(1),
});

/**
 * How one session parameter is chosen, by a seedable RNG, in the order the
 * parameters are declared. Example: `{ choose: [8080, 8088, 9090] }`
 */
export const paramSchema = z.union([
  /** One of these values. Example: `{ choose: [31, 40, 77] }` */
  z.strictObject({ choose: z.array(z.union([z.string(), z.number()])).min(1) }),
  /** An integer from min to max, both included. Example: `{ int: [20, 250] }` */
  z.strictObject({
    int: z
      .tuple([z.number().int(), z.number().int()])
      .refine(([min, max]) => min <= max, 'min must not be above max'),
  }),
  /** Built from parameters declared before it. Example: `{ value: "192.168.31.{{host}}" }` */
  z.strictObject({ value: z.string().min(1) }),
]);

export const taskSchema = z
  .strictObject({
    /** Unique within the lab. Example: `inspect-veth` */
    id,
    /**
     * `state`: the sandbox must be in some state; `answer`: the reader types an
     * answer computed from the live sandbox; `action`: the reader must have done
     * something that leaves no state (from the engine's events and the shell's
     * records of commands). Example: `state`
     */
    kind: z.enum(['state', 'answer', 'action']),
    /**
     * Re-checked every time: without it, a task once passed stays passed even if
     * the reader later changes the sandbox. Example: `true`
     */
    live: z.boolean().default(false),
    /** What to do, one sentence; may use `{{param}}`. Example: `{ en: "Start busybox1 on the default bridge", … }` */
    title: localized,
    /** A nudge shown on request or after a failed check. Example: `{ en: "Try docker ps", … }` */
    hint: localized,
    /**
     * Probe calls that must all pass, in order (the first failing one is
     * reported). Example: `[{ probe: container, name: busybox1 }]`
     */
    checks: z.array(checkSchema).default([]),
    /**
     * For `answer` tasks: the probe whose live reading is the right answer; the
     * lab never stores the value. Example: `{ probe: veth_peer, ns: busybox1, interface: eth0 }`
     */
    answer: checkSchema.optional(),
  })
  .superRefine((task, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (task.kind === 'answer') {
      if (!task.answer) issue('answer', 'an answer task needs `answer:` (a probe call)');
      else if (!ANSWER_PROBES.includes(task.answer.probe))
        issue('answer', `probe ${task.answer.probe} has no value to answer with`);
      if (task.checks.length > 0)
        issue('checks', 'an answer task is graded by its `answer:` alone; it takes no checks');
    } else {
      if (task.answer) issue('answer', `only answer tasks have \`answer:\` (this is ${task.kind})`);
      if (task.checks.length === 0) issue('checks', `a ${task.kind} task needs at least one check`);
    }
    if (task.kind === 'action' && !task.checks.some((c) => ACTION_PROBES.includes(c.probe)))
      issue('checks', 'an action task needs a `ran` check');
    task.checks.forEach((check, i) => {
      for (const message of checkProblems(check))
        ctx.addIssue({ code: 'custom', path: ['checks', i], message });
    });
  });

/** What the schema alone cannot say about a check. */
function checkProblems(check: Check): string[] {
  if (check.probe === 'shell' && /(^|[\s;|&(`$])docker(\s|$)/.test(check.command))
    return ['a shell check must not run docker: the engine records it as if the reader had'];
  if (check.probe !== 'ran') return [];
  const commands = Array.isArray(check.command) ? check.command : [check.command];
  // {{param}} placeholders are filled in per session; any value parses the same way.
  return commands
    .filter((c) => meaningOfText(c.replace(/\{\{[^{}]*\}\}/g, 'x')) === null)
    .map((c) => `\`${c}\` is not one simple command`);
}

/** A setup step: a shell command, or a script file relative to lab.yaml. Example: `{ file: setup.sh }` */
const setupStep = z.union([
  z.string().min(1),
  z.strictObject({
    /** Read at load time; may name another lab's script. Example: `../k8s-pods/solution.sh` */
    file: z.string().regex(/^[\w./-]+\.sh$/, 'must be a relative path to a .sh file'),
  }),
]);

export const labSchema = z.strictObject({
  /** Same as the folder name. Example: `bridge` */
  id,
  /** The chapter this lab belongs to (1–9: DESIGN.md's eight, with Kubernetes networking split into pods and Services). Example: `2` */
  chapter: z.number().int().min(1).max(99),
  /** Example: `{ en: "The default bridge", zh-cn: "默认 bridge 网络" }` */
  title: localized,
  /** One paragraph shown above the tasks; may use `{{param}}`. */
  intro: localized,
  /**
   * Shell commands run in the sandbox (as root, `sh -c`) before the reader gets
   * it, in order; a failing one fails the session. Example: `["docker network create lab"]`
   */
  setup: z.array(setupStep).default([]),
  /**
   * Values chosen per session, so two readers get different right answers;
   * names are usable as `{{name}}` in texts and checks. Example: `{ port: { choose: [8080, 9090] } }`
   */
  params: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a lowercase identifier'), paramSchema)
    .default({}),
  /** The tasks, in the order the reader meets them. */
  tasks: z.array(taskSchema).min(1),
});

/** A lab as written in lab.yaml. */
export type LabFile = z.output<typeof labSchema>;
/** A loaded lab: setup files are read into commands. */
export type Lab = Omit<LabFile, 'setup'> & { setup: string[] };
export type LabTask = Lab['tasks'][number];
export type ParamSpec = z.output<typeof paramSchema>;
