/**
 * Which pages may show the site in a frame (an LMS embedding a chapter with
 * `?embed`): the Content-Security-Policy `frame-ancestors` directive of its
 * pages, by the terminal's own origin rules (terminal/origin.ts): the server's
 * own origin ('self') and the origins in ALLOWED_ORIGINS. An entry the terminal
 * would never match (a path, a typo, another scheme) is left out here too, so
 * a page can be framed exactly where its terminal can open.
 */
export function frameAncestorsPolicy(allowed: readonly string[]): string {
  const origins = new Set<string>();
  for (const entry of allowed) {
    const trimmed = entry.replace(/\/+$/, '');
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      continue;
    }
    const web = url.protocol === 'https:' || url.protocol === 'http:';
    if (web && url.origin === trimmed) origins.add(url.origin);
  }
  return ["frame-ancestors 'self'", ...origins].join(' ');
}
