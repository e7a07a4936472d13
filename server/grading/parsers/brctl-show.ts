/**
 * `brctl show` (bridge-utils). Columns are tab-separated; a bridge with several
 * ports prints the first on its own line and each further one on a
 * continuation line of only tabs and the port name; a bridge with no ports
 * ends after the STP column.
 */
import { inputLines, skipLine, words, type InputLine, type SkippedLine } from './input-lines.ts';

/** One bridge and its ports. */
export interface BrctlBridge {
  name: string;
  /** "8000.02426aaf65ff": priority, a dot, then the bridge MAC without colons. */
  id: string;
  stp: boolean;
  /** Port names in printed order (brctl sorts them). */
  interfaces: string[];
}

/** Bridges in printed order, and the lines that were not understood. */
export interface BrctlShow {
  bridges: BrctlBridge[];
  skipped: SkippedLine[];
}

const HEADER = /^bridge name\s/;
const BRIDGE_ID = /^[0-9a-f]{4}\.[0-9a-f]{12}$/i;

/** Parses `brctl show`, including bridges with no ports and multi-line port lists. */
export function parseBrctlShow(text: string): BrctlShow {
  const bridges: BrctlBridge[] = [];
  const skipped: SkippedLine[] = [];
  for (const line of inputLines(text)) {
    if (HEADER.test(line.text)) continue;
    const reason = /^\s/.test(line.text)
      ? addContinuation(bridges, line)
      : addBridge(bridges, line);
    if (reason !== null) skipped.push(skipLine(line, reason));
  }
  return { bridges, skipped };
}

function addContinuation(bridges: BrctlBridge[], line: InputLine): string | null {
  const current = bridges.at(-1);
  const tokens = words(line.text);
  if (!current) return 'port line with no bridge before it';
  const [port] = tokens;
  if (tokens.length !== 1 || port === undefined)
    return 'continuation line is not a single port name';
  current.interfaces.push(port);
  return null;
}

function addBridge(bridges: BrctlBridge[], line: InputLine): string | null {
  const [name, id, stp, ...ports] = words(line.text);
  const known = name !== undefined && id !== undefined && BRIDGE_ID.test(id);
  if (!known || (stp !== 'yes' && stp !== 'no')) return 'not a bridge line';
  // The seed article shows brctl's lines with tabs collapsed; any words after STP are ports.
  bridges.push({ name, id, stp: stp === 'yes', interfaces: ports });
  return null;
}
