/**
 * Where a lab card's session comes from: this browser's (LabClient: resumed,
 * started, started afresh or rebuilt) or the page's (a workshop's learner
 * page hands over the learner's own), and what the card offers after a failed
 * attempt (pure: `afterFailure`).
 */
import type { Generation } from '../../../server/generations.ts';
import type { SessionView } from '../../../server/protocol.ts';
import { t, type UiLocale } from '../i18n.ts';
import {
  describeLabError,
  LabApiError,
  RebuildableError,
  type LabClient,
  type StartedLab,
} from '../lab-api.ts';

/** How the lab is opened: resume or start, resume only (a reload), afresh, or rebuilt. */
export type OpenMode = 'start' | 'resume' | 'fresh' | 'rebuild';

export interface SourceOptions {
  /** Rebuild the lab's ended session rather than start afresh. */
  rebuild: boolean;
  /** Each status while the machine starts (a rebuild's carries its progress). */
  onStatus: (view: SessionView) => void;
}

/** Gives a lab with `data-session-source="external"` its (ready) session. */
export type SessionSource = (lab: string, options: SourceOptions) => Promise<StartedLab>;

export interface SessionParts {
  lab: string;
  client: LabClient;
  /** The page's source, for a card with `data-session-source="external"`; else null. */
  source: SessionSource | null;
  external: boolean;
  /** The generation the reader picked for a new machine. */
  generation: Generation | undefined;
}

export function acquire(
  parts: SessionParts,
  mode: OpenMode,
  onStatus: (view: SessionView) => void,
): Promise<StartedLab> {
  const { lab, client } = parts;
  if (parts.external) {
    if (!parts.source) return Promise.reject(new Error('this lab has no session yet'));
    return parts.source(lab, { rebuild: mode === 'rebuild', onStatus });
  }
  // Another tab may have rebuilt it already: then the stored session is simply resumed.
  const ended = mode === 'rebuild' ? client.ended(lab) : null;
  if (ended) return client.rebuild(ended, { onStatus });
  return client.start(lab, {
    resumeOnly: mode === 'resume',
    fresh: mode === 'fresh',
    generation: parts.generation,
    onStatus,
  });
}

export interface FailureOutcome {
  /** `offer`: (again) offer the rebuild; `retry`: keep it, marked failed; `close`: plain start. */
  offer: 'offer' | 'retry' | 'close';
  /** The ended session's reason, for `offer`. */
  reason: string | null;
  text: string;
  kind: 'info' | 'error';
}

/**
 * What the card shows after opening the lab failed. `rebuildable`: whether an
 * ended session is still there to rebuild (a rebuild the server refused
 * forgets it: only a fresh start is left).
 */
export function afterFailure(
  error: unknown,
  mode: OpenMode,
  rebuildable: boolean,
  locale: UiLocale,
): FailureOutcome {
  if (error instanceof RebuildableError) {
    const text = t(locale, 'error.rebuildable');
    return { offer: 'offer', reason: error.ended.reason, text, kind: 'info' };
  }
  if (mode !== 'rebuild') {
    return { offer: 'close', reason: null, text: describeLabError(error, locale), kind: 'error' };
  }
  if (rebuildable) {
    return { offer: 'retry', reason: null, text: describeLabError(error, locale), kind: 'error' };
  }
  const refused =
    error instanceof LabApiError && ['ended', 'not-found', 'forbidden'].includes(error.kind);
  const text = refused ? t(locale, 'rebuild.gone') : describeLabError(error, locale);
  return { offer: 'close', reason: null, text, kind: 'error' };
}
