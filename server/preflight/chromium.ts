/** Where the end-to-end tests' Chromium is: CHROMIUM_PATH, or the usual places Debian and others put it. */
import { existsSync } from 'node:fs';

export const CHROMIUM_CANDIDATES = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The executable, or null when there is none. */
export function findChromium(fromEnv = process.env.CHROMIUM_PATH): string | null {
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}
