/**
 * `ss -Hltnp` (iproute2 6.x): the listening TCP sockets of one network
 * namespace and the processes holding them:
 *
 *   LISTEN 0      10           0.0.0.0:8081      0.0.0.0:*    users:(("httpd",pid=1234,fd=3))
 */
import { inputLines, skipLine, type SkippedLine } from './input-lines.ts';

/** One listening socket. */
export interface Listener {
  /** "0.0.0.0", "*", "::", "127.0.0.1" (brackets removed). */
  address: string;
  port: number;
  /** Who holds it: a socket shared by processes (after fork) lists each. */
  processes: { name: string; pid: number }[];
}

export interface Listeners {
  listeners: Listener[];
  skipped: SkippedLine[];
}

export function parseSsListen(text: string): Listeners {
  const listeners: Listener[] = [];
  const skipped: SkippedLine[] = [];
  for (const input of inputLines(text)) {
    const line = input.text;
    const fields = line.trim().split(/\s+/);
    const local = fields[3] ?? '';
    const at = local.lastIndexOf(':');
    const port = Number(local.slice(at + 1));
    if (fields[0] !== 'LISTEN' || at < 0 || !Number.isInteger(port)) {
      skipped.push(skipLine(input, 'not a LISTEN line with address:port'));
      continue;
    }
    const address = local
      .slice(0, at)
      .replace(/^\[|\]$/g, '')
      .replace(/%.*$/, '');
    const processes = [...line.matchAll(/\("([^"]*)",pid=(\d+)/g)].map((m) => ({
      name: m[1] ?? '',
      pid: Number(m[2]),
    }));
    listeners.push({ address, port, processes });
  }
  return { listeners, skipped };
}
