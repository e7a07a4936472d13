/**
 * What the lab card and pane say about rebuilding an ended lab machine: the
 * offer (why the machine ended), the progress while the old work is replayed,
 * and what the rebuild did. Pure, in both languages. The server's reasons are
 * English sentences; the two it gives for its own clocks, and the one for a
 * lost lab server, are translated, any other is shown as written.
 */
import type { RebuildFallback, RebuildReport, SessionView } from '../../server/protocol.ts';
import { t, type UiKey, type UiLocale } from './i18n.ts';

/** server/sessions/live.ts, expiryReason(). */
const TIME_LIMIT = 'the session reached its time limit';
const IDLE = /^no terminal was attached for (\d+) minutes?$/;
/** server/sessions/ending.ts, LOST_SERVER_REASON. */
const SERVER_LOST = 'the lab server running this machine stopped';

/** Why the machine ended, in the reader's language; null when the server did not say. */
export function endedReason(reason: string | null, locale: UiLocale): string | null {
  if (reason === null || reason.trim() === '') return null;
  if (reason === TIME_LIMIT) return t(locale, 'rebuild.reason.timeLimit');
  if (reason === SERVER_LOST) return t(locale, 'rebuild.reason.serverLost');
  const idle = IDLE.exec(reason);
  if (idle) return t(locale, 'rebuild.reason.idle', { minutes: idle[1] ?? '' });
  return reason;
}

/** The sentence beside "Rebuild my machine". */
export function rebuildOffer(reason: string | null, locale: UiLocale): string {
  const said = endedReason(reason, locale);
  return said === null
    ? t(locale, 'rebuild.offerNoReason')
    : t(locale, 'rebuild.offer', { reason: said });
}

/** The card's line while a rebuilt machine starts. */
export function rebuildProgress(view: Pick<SessionView, 'rebuild'>, locale: UiLocale): string {
  const report = view.rebuild;
  if (!report || report.lines.length === 0) return t(locale, 'rebuild.starting');
  const counts = {
    done: Math.min(report.replayed, report.lines.length),
    total: report.lines.length,
  };
  return t(locale, report.mode === 'journal' ? 'rebuild.replaying' : 'rebuild.solving', counts);
}

const WHY: Record<RebuildFallback, UiKey> = {
  interactive: 'notice.why.interactive',
  'long-running': 'notice.why.long-running',
  'unset-variable': 'notice.why.unset-variable',
  'no-record': 'notice.why.no-record',
};

/** What the rebuild did, for the pane's notice and its log: how, what failed, what carried over. */
export function rebuildNotice(report: RebuildReport, locale: UiLocale): string {
  const parts = [howRebuilt(report, locale)];
  if (report.failed) {
    parts.push(
      t(locale, 'notice.failed', { line: report.failed.line, status: report.failed.status }),
    );
  }
  const carried = report.carried.length;
  if (carried === 1) parts.push(t(locale, 'notice.carriedOne'));
  else if (carried > 1) parts.push(t(locale, 'notice.carried', { count: carried }));
  return parts.join(locale === 'zh-cn' ? '' : ' ');
}

function howRebuilt(report: RebuildReport, locale: UiLocale): string {
  if (report.mode === 'solution') {
    const why = t(locale, WHY[report.fallback?.why ?? 'no-record']);
    const line = report.fallback?.line ?? null;
    return line === null
      ? t(locale, 'notice.solutionNoLine', { why })
      : t(locale, 'notice.solution', { why, line });
  }
  if (report.lines.length === 0) return t(locale, 'notice.journalNone');
  if (report.replayed === 1) return t(locale, 'notice.journalOne');
  return t(locale, 'notice.journal', { count: report.replayed });
}
