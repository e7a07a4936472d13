/**
 * One iptables rule as `iptables -S` and `iptables-save` print it:
 * `-A KUBE-SVC-X -m comment --comment "default/web -> 10.244.1.2:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-Y`.
 * Both print options in a canonical form, so reading them token by token is exact.
 */

/** A match that iptables allows to negate: `! -o docker0` is {value: "docker0", negated: true}. */
export interface IptablesMatch {
  value: string;
  negated: boolean;
}

/** Packet and byte counters (`[2:168]`, `-c 2 168`). */
export interface IptablesCounters {
  packets: number;
  bytes: number;
}

/** Any `--option` not lifted into its own field, e.g. {name: "--ctstate", args: ["RELATED,ESTABLISHED"]}. */
export interface IptablesOption {
  name: string;
  args: string[];
  negated: boolean;
}

/** One rule, with its raw text and the fields graders ask about. */
export interface IptablesRule {
  /** The rule as printed, without a leading `[packets:bytes]` counter. */
  raw: string;
  chain: string;
  counters: IptablesCounters | null;
  protocol: IptablesMatch | null;
  source: IptablesMatch | null;
  destination: IptablesMatch | null;
  inIface: IptablesMatch | null;
  outIface: IptablesMatch | null;
  /** `--dport 80`, or `--dports 80,443` of multiport. */
  dport: IptablesMatch | null;
  sport: IptablesMatch | null;
  /** Match modules in order: `-m comment -m tcp` → ["comment", "tcp"]. */
  matches: string[];
  /** `-j` or `-g` target: "ACCEPT", "DNAT", "KUBE-SVC-…"; null when the rule only counts. */
  target: string | null;
  /** True for `-g` (goto), false for `-j` (jump). */
  goto: boolean;
  /** DNAT's `--to-destination 10.244.1.2:80`. */
  toDestination: string | null;
  /** SNAT's `--to-source`. */
  toSource: string | null;
  comment: string | null;
  /** `-m statistic --mode random --probability 0.5` → 0.5. */
  probability: number | null;
  /** Every other option, in order. */
  options: IptablesOption[];
}

/** The rule, or why the line is not one. */
export type RuleParse = { ok: true; rule: IptablesRule } | { ok: false; reason: string };

interface Token {
  text: string;
  quoted: boolean;
}

type MatchField =
  'protocol' | 'source' | 'destination' | 'inIface' | 'outIface' | 'dport' | 'sport';

const MATCH_FIELDS = new Map<string, MatchField>([
  ['-p', 'protocol'],
  ['--protocol', 'protocol'],
  ['-s', 'source'],
  ['--source', 'source'],
  ['-d', 'destination'],
  ['--destination', 'destination'],
  ['-i', 'inIface'],
  ['--in-interface', 'inIface'],
  ['-o', 'outIface'],
  ['--out-interface', 'outIface'],
  ['--dport', 'dport'],
  ['--destination-port', 'dport'],
  ['--dports', 'dport'],
  ['--sport', 'sport'],
  ['--source-port', 'sport'],
  ['--sports', 'sport'],
]);
const DECIMAL = /^\d+$/;
const SINGLE_VALUE = new Set([
  '-m',
  '--match',
  '-j',
  '--jump',
  '-g',
  '--goto',
  ...MATCH_FIELDS.keys(),
]);

/** Splits a rule into words, honouring double quotes and `\"` escapes; null on an open quote. */
export function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let current: Token | null = null;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (!inQuotes && /\s/.test(char)) {
      if (current) tokens.push(current);
      current = null;
      continue;
    }
    current ??= { text: '', quoted: false };
    if (char === '"') {
      inQuotes = !inQuotes;
      current.quoted = true;
    } else if (char === '\\' && inQuotes && i + 1 < text.length) {
      current.text += text.charAt(++i);
    } else {
      current.text += char;
    }
  }
  if (inQuotes) return null;
  if (current) tokens.push(current);
  return tokens;
}

/** Parses `[p:b] -A CHAIN …` (iptables-save) or `-A CHAIN … [-c p b]` (iptables -S). */
export function parseIptablesRule(line: string): RuleParse {
  const counterMatch = /^\[(\d+):(\d+)\]\s+/.exec(line.trim());
  const raw = line.trim().slice(counterMatch?.[0].length ?? 0);
  const tokens = tokenize(raw);
  if (!tokens) return { ok: false, reason: 'unterminated quote' };
  const [append, chain] = tokens;
  if (append?.text !== '-A' || chain === undefined) return { ok: false, reason: 'not an -A rule' };
  const rule = emptyRule(
    raw,
    chain.text,
    counterMatch ? counters(counterMatch[1], counterMatch[2]) : null,
  );
  const reason = readOptions(rule, tokens.slice(2));
  return reason === null ? { ok: true, rule } : { ok: false, reason };
}

function emptyRule(
  raw: string,
  chain: string,
  ruleCounters: IptablesCounters | null,
): IptablesRule {
  return {
    raw,
    chain,
    counters: ruleCounters,
    protocol: null,
    source: null,
    destination: null,
    inIface: null,
    outIface: null,
    dport: null,
    sport: null,
    matches: [],
    target: null,
    goto: false,
    toDestination: null,
    toSource: null,
    comment: null,
    probability: null,
    options: [],
  };
}

/** Reads the tokens after `-A CHAIN` into the rule; returns why it failed, or null. */
function readOptions(rule: IptablesRule, tokens: Token[]): string | null {
  let negated = false;
  for (let i = 0; i < tokens.length; i++) {
    const name = tokens[i]?.text ?? '';
    if (name === '!' && tokens[i]?.quoted === false) {
      negated = true;
      continue;
    }
    if (!isOptionName(tokens[i])) return `expected an option, found "${name}"`;
    const args: string[] = [];
    while (i + 1 < tokens.length && !isOptionName(tokens[i + 1]) && tokens[i + 1]?.text !== '!') {
      args.push(tokens[++i]?.text ?? '');
    }
    const reason = applyOption(rule, { name, args, negated });
    if (reason !== null) return reason;
    negated = false;
  }
  return negated ? 'a "!" with no option after it' : null;
}

function isOptionName(token: Token | undefined): boolean {
  return token !== undefined && !token.quoted && /^--?[a-zA-Z]/.test(token.text);
}

function applyOption(rule: IptablesRule, option: IptablesOption): string | null {
  const { name, args, negated } = option;
  const [value] = args;
  if (name === '-c' || name === '--set-counters') {
    rule.counters = counters(args[0], args[1]);
    return rule.counters ? null : 'unreadable -c counters';
  }
  if (!SINGLE_VALUE.has(name)) {
    applyOtherOption(rule, option);
    return null;
  }
  if (value === undefined || args.length > 1) return `${name} takes exactly one value`;
  const field = MATCH_FIELDS.get(name);
  if (field) rule[field] = { value, negated };
  else if (name === '-m' || name === '--match') rule.matches.push(value);
  else {
    rule.target = value;
    rule.goto = name === '-g' || name === '--goto';
  }
  return null;
}

function applyOtherOption(rule: IptablesRule, option: IptablesOption): void {
  const value = option.args[0] ?? null;
  switch (option.name) {
    case '--comment':
      rule.comment = value;
      break;
    case '--to-destination':
      rule.toDestination = value;
      break;
    case '--to-source':
      rule.toSource = value;
      break;
    case '--probability':
      rule.probability = value === null ? null : toProbability(value);
      break;
    default:
      rule.options.push(option);
  }
}

function toProbability(text: string): number | null {
  const number = Number(text);
  return Number.isFinite(number) && number >= 0 && number <= 1 ? number : null;
}

/** Reads a packets/bytes pair; null unless both are decimal integers. */
export function counters(
  packets: string | undefined,
  bytes: string | undefined,
): IptablesCounters | null {
  if (packets === undefined || bytes === undefined) return null;
  if (!DECIMAL.test(packets) || !DECIMAL.test(bytes)) return null;
  return { packets: Number(packets), bytes: Number(bytes) };
}
