/**
 * `ip link` and `ip -o link` text. The one-line form joins each interface's
 * lines with a literal backslash (`…qlen 1000\    link/ether …`); splitting
 * there gives back the multi-line form, which `ip addr` already reads.
 */
import { inputLines, type InputLine } from './input-lines.ts';
import { parseInterfaceBlocks, type IpInterfaces } from './ip-addr.ts';

/** Parses `ip link` or `ip -o link` (iproute2 or busybox); addresses stay empty. */
export function parseIpLink(text: string): IpInterfaces {
  return parseInterfaceBlocks(inputLines(text).flatMap(splitOneLine));
}

function splitOneLine(line: InputLine): InputLine[] {
  return line.text
    .split('\\')
    .filter((part) => part.trim() !== '')
    .map((part) => ({ number: line.number, text: part.trimEnd() }));
}
