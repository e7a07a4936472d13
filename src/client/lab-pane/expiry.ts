/**
 * When the pane warns that the lab machine is about to end, and what it says.
 * A session ends at its hard end (`expiresAt`, which "Extend" pushes back up to
 * `extendableUntil`) or, with no terminal attached, at `idleEndsAt`, whichever
 * comes first. Pure, in both languages.
 */
import type { SessionView } from '../../../server/protocol.ts';
import { t, type UiLocale } from '../i18n.ts';

/** How long before the end the warning shows: time to finish a step or press Extend. */
export const EXPIRY_WARNING_LEAD_MS = 5 * 60_000;

/** A session's ends, in ms since the epoch (NaN where the server sent no valid time). */
export interface SessionLimits {
  expiresAt: number;
  idleEndsAt: number | null;
  extendableUntil: number;
}

export interface ExpiryWarning {
  /** What ends the machine first. */
  cause: 'time-limit' | 'idle';
  endsAt: number;
  /** Until `endsAt`, never below 0. */
  remainingMs: number;
  /** Whether "Extend" can push the end back (false at the server's longest session). */
  canExtend: boolean;
}

export function limitsOf(
  view: Pick<SessionView, 'expiresAt' | 'idleEndsAt' | 'extendableUntil'>,
): SessionLimits {
  return {
    expiresAt: Date.parse(view.expiresAt),
    idleEndsAt: view.idleEndsAt ? Date.parse(view.idleEndsAt) : null,
    extendableUntil: Date.parse(view.extendableUntil),
  };
}

/** The warning to show at `now`, or null while the end is further than the lead away. */
export function expiryWarning(now: number, limits: SessionLimits): ExpiryWarning | null {
  const { expiresAt, idleEndsAt, extendableUntil } = limits;
  const idleFirst =
    idleEndsAt !== null && Number.isFinite(idleEndsAt) && !(expiresAt <= idleEndsAt);
  const endsAt = idleFirst ? idleEndsAt : expiresAt;
  if (!Number.isFinite(endsAt) || endsAt - now > EXPIRY_WARNING_LEAD_MS) return null;
  return {
    cause: idleFirst ? 'idle' : 'time-limit',
    endsAt,
    remainingMs: Math.max(0, endsAt - now),
    canExtend: extendableUntil > expiresAt,
  };
}

/** `m:ss`, rounded up so that the warning never reads 0:00 while the machine still runs. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** The announced sentence: why the machine ends and whether Extend helps. */
export function expiryMessage(warning: ExpiryWarning, locale: UiLocale): string {
  const what = t(locale, warning.cause === 'idle' ? 'expiry.idle' : 'expiry.timeLimit');
  const next = t(locale, warning.canExtend ? 'expiry.canExtend' : 'expiry.atLimit');
  return what + (locale === 'zh-cn' ? '' : ' ') + next;
}

export function expiryCountdown(warning: ExpiryWarning, locale: UiLocale): string {
  return t(locale, 'expiry.countdown', { time: formatCountdown(warning.remainingMs) });
}

/** "Extended: … now ends at 15:42", in the reader's time zone. */
export function extendedMessage(expiresAt: number, locale: UiLocale): string {
  const time = new Intl.DateTimeFormat(locale === 'zh-cn' ? 'zh-CN' : 'en', {
    hour: '2-digit',
    minute: '2-digit',
  }).format(expiresAt);
  return t(locale, 'expiry.extended', { time });
}
