/**
 * Whether a websocket upgrade may proceed given its Origin header: the server's
 * own origin (same host as the request) and the configured extra origins pass;
 * any other browser origin is refused. Clients that are not browsers send no
 * Origin and are held to the token alone.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host !== undefined && parsed.host === host) return true;
  return allowed.some((a) => a.replace(/\/+$/, '') === parsed.origin);
}
