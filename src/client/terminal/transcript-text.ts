/**
 * The words the lab log shows (and a screen reader reads) for one transcript
 * chunk, in the page's language. Pure.
 */
import { t, type UiLocale } from '../i18n.ts';
import type { TranscriptChunk } from './transcript.ts';

export interface ChunkText {
  /** "Command: brctl show", "More output of ping:" or "Output:". */
  heading: string;
  lines: string[];
  /** "Finished.", "Finished, no output.", the cap, the count of lines not read out, a skip. */
  footer: string;
}

export function describeChunk(
  chunk: TranscriptChunk,
  locale: UiLocale,
  maxLines: number,
): ChunkText {
  // A command whose output was all read out already: only that it finished is news.
  if (
    chunk.done &&
    !chunk.first &&
    !chunk.lines.length &&
    !chunk.omitted &&
    !chunk.skipped &&
    chunk.command
  ) {
    return {
      heading: t(locale, 'log.finished', { command: chunk.command }),
      lines: [],
      footer: '',
    };
  }
  const heading =
    chunk.command === null
      ? t(locale, 'log.output')
      : chunk.first
        ? t(locale, 'log.command', { command: chunk.command })
        : t(locale, 'log.more', { command: chunk.command });
  const footer: string[] = [];
  if (chunk.skipped) footer.push(t(locale, 'log.skipped'));
  if (chunk.capped) footer.push(t(locale, 'log.capped', { count: maxLines }));
  if (chunk.omitted > 0) footer.push(t(locale, 'log.omitted', { count: chunk.omitted }));
  if (chunk.done)
    footer.push(
      chunk.first && !chunk.lines.length && !chunk.omitted
        ? t(locale, 'log.noOutput')
        : t(locale, 'log.done'),
    );
  return { heading, lines: chunk.lines, footer: footer.join(' ') };
}
