/**
 * A lab's reader-facing texts for one session, with its parameters filled in
 * (task titles may say "port {{port}}").
 */
import type { Localized } from '../../protocol.ts';
import type { Lab } from '../../labs.ts';
import { substitute, type Params } from '../../labs/params.ts';

/** A lab's reader-facing texts for one session, `{{param}}` filled in. */
export interface RenderedLab {
  title: Localized;
  intro: Localized;
  tasks: { id: string; kind: Lab['tasks'][number]['kind']; title: Localized; hint: Localized }[];
}

function fill(text: Localized, params: Params): Localized {
  return { en: substitute(text.en, params), 'zh-cn': substitute(text['zh-cn'], params) };
}

/** The lab's title, intro and task texts with the session's parameters substituted. */
export function renderLab(lab: Lab, params: Params): RenderedLab {
  return {
    title: lab.title,
    intro: fill(lab.intro, params),
    tasks: lab.tasks.map((task) => ({
      id: task.id,
      kind: task.kind,
      title: fill(task.title, params),
      hint: fill(task.hint, params),
    })),
  };
}
