/**
 * The labs package: the lab format (schema), the one loader every consumer
 * uses (the lab server, the `netlab` CLI and the site's content collection),
 * session parameters, and a lab's setup. A lab the site shows is therefore a
 * lab the server accepts: both call loadLab(), with the same references,
 * duplicates and setup-file checks.
 */
export { LabError, labIds, loadLab, loadLabs, parseLab, summarize } from './labs/loader.ts';
export type { ReadSetupFile } from './labs/loader.ts';
export {
  chooseParams,
  checkReferences,
  placeholders,
  seededRandom,
  substitute,
  substituteDeep,
  type Params,
} from './labs/params.ts';
export { labSchema, localized, paramSchema, taskSchema } from './labs/schema.ts';
export type { Lab, LabFile, LabTask, ParamSpec } from './labs/schema.ts';
export { runSetup, type SetupExec } from './labs/setup.ts';
export { SCRIPT_PRELUDE, readSolution, stagesOf } from './labs/scripts.ts';
