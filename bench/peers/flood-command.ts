/**
 * A flood a reader might start (`cat` of a big file, over and over), which
 * notes how many bytes it has written so far in /tmp/flooded every 4 MiB, so
 * that its speed can be read from outside whoever carries its output.
 */
export const FLOOD =
  `[ -s /tmp/big ] || head -c 37500000 /dev/urandom | base64 -w 100 > /tmp/big; ` +
  `perl -e '$|=1; open F, "/tmp/big"; my ($b, $n, $i); while (1) { seek F, 0, 0; ` +
  `while (read F, $b, 65536) { print $b; $n += length $b; ` +
  `if (++$i % 64 == 0) { open G, ">/tmp/flooded"; print G $n; close G } } }'`;

/** Reads the flood's count of bytes written (0 before it has written 4 MiB). */
export function floodedBytes(text: string): number {
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : 0;
}
