/**
 * Words a probe says about what it expected and saw, in both site languages, so
 * the grader can answer in the reader's language without a second pass.
 */
import type { Locale, Localized } from '../../protocol.ts';

/** A sentence in English and Simplified Chinese. */
export type Text = Localized;

/** Builds a Text; the English comes first because lab authors write it first. */
export function t(en: string, zh: string): Text {
  return { en, 'zh-cn': zh };
}

/** The same words in both languages: names, addresses, commands. */
export function same(text: string): Text {
  return { en: text, 'zh-cn': text };
}

/** Joins texts with a separator per language (", " and "，"). */
export function joinTexts(texts: Text[], en = '; ', zh = '；'): Text {
  return t(texts.map((x) => x.en).join(en), texts.map((x) => x['zh-cn']).join(zh));
}

/** The text in one language. */
export function inLocale(text: Text, locale: Locale): string {
  return text[locale];
}

/** Cuts reader-controlled output so a detail stays one readable line. */
export function clip(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
