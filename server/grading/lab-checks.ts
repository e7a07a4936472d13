/**
 * Grading's vocabulary as the lab format uses it: the probe calls a task's
 * checks are made of, which probes can answer or witness an action, and
 * whether a `ran` command is one simple command. The labs package validates
 * lab.yaml with these; nothing here reaches a sandbox.
 */
export { ACTION_PROBES, ANSWER_PROBES, checkSchema, type Check } from './probes/check-schema.ts';
export { meaningOfText } from './evidence/meaning.ts';
