/**
 * The facts a chapter quotes from its captures, and which of them no capture
 * backs: IPv4 addresses (with the prefix when one is written), MAC addresses,
 * interface names with their peer's index (`eth0@if4`), interface indexes
 * (`` `4:` ``) and measured counts (`ttl=62`, `3 references`, `0% packet
 * loss`). Pure functions over text; tests/unit/docs/captures.test.ts runs them
 * on every chapter and diagram against the captures they show.
 *
 * A page may quote a value that no capture holds on purpose (a question about an
 * imagined container); it says so next to it, and the check skips that value:
 *
 *   {/* not captured: 172.17.0.5, 02:42:ac:11:00:05 — question 4 imagines a container *\/}
 *
 * The captures exist for every Docker generation, and a value the prose quotes
 * must be in each generation's captures — unless the page says the value is
 * one generation's (a MAC that Docker 26 derives, an index Docker 28 gives):
 *
 *   {/* docker-26 only: 02:42:ac:11:00:02, eth0@if4 — the article's generation *\/}
 */

export type FactKind = 'address' | 'mac' | 'interface' | 'ifindex' | 'count';

export interface Fact {
  kind: FactKind;
  /** As the page writes it. Example: `eth0@if4` */
  text: string;
  /** 1-based line of the page (1 for text that is not a page). */
  line: number;
}

const MAC = /\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/gi;
/** Four dotted numbers, an optional prefix; a `:port` after it is not part of the fact. */
const ADDRESS = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?![\w.]*\d)/g;
/** `eth0@if4`, `veth-pod-a@eth0` is not one (its peer is named, not numbered). */
const PEER = /\b[A-Za-z][\w.-]*@if\d+\b/g;
/** Counts a capture prints: `ttl=62`, `3 references`, `0% packet loss`, `2 received`. */
const COUNTS = [
  /\b(?:ttl|icmp_seq|seq)=\d+\b/g,
  /\b\d+ references?\b/g,
  /\b\d+(?:\.\d+)?% packet loss\b/g,
  /\b\d+ (?:packets transmitted|received)\b/g,
];
/** An interface index quoted on its own in a code span: `` `4:` ``. */
const IFINDEX = /`(\d+):`/g;
const DECLARATION = /\{\/\*\s*not captured:([\s\S]*?)\*\/\}/g;
const GENERATION_DECLARATION = /\{\/\*\s*(docker-\d+) only:([\s\S]*?)\*\/\}/g;

/** Replaces a match by spaces and keeps its newlines, so that line numbers stay right. */
function blank(text: string, re: RegExp): string {
  return text.replace(re, (m) => m.replace(/[^\n]/g, ' '));
}

/** The page without what is not prose: frontmatter, imports, code blocks, tags, comments, URLs. */
export function proseOf(mdx: string): string {
  let text = blank(mdx, /^---\n[\s\S]*?\n---\n/);
  text = blank(text, /^```[\s\S]*?^```/gm);
  text = blank(text, /^import .*$/gm);
  text = blank(text, /\{\/\*[\s\S]*?\*\/\}/g);
  text = blank(text, /<\/?[A-Za-z][^>]*>/g);
  text = blank(text, /\]\([^)]*\)/g);
  return text;
}

/** The values of a declaration: a list up to the dash that starts the reason. */
function declaredValues(body: string): string[] {
  const [values = ''] = body.split(/\s+[—–]\s+|\s+--\s+/);
  return values
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Values the page declares it quotes without a capture (`{/* not captured: … *\/}`). */
export function declaredUncaptured(mdx: string): string[] {
  return [...mdx.matchAll(DECLARATION)].flatMap((m) => declaredValues(m[1] ?? ''));
}

/** Values the page declares as one generation's (`{/* docker-26 only: … *\/}`), with it. */
export function declaredGenerations(mdx: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of mdx.matchAll(GENERATION_DECLARATION)) {
    for (const value of declaredValues(m[2] ?? '')) found.set(value, m[1] ?? '');
  }
  return found;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** Every fact in plain text (a diagram's labels, or a page's prose). */
export function factsIn(text: string): Fact[] {
  const found: Fact[] = [];
  const add = (kind: FactKind, re: RegExp, group = 0): void => {
    for (const m of text.matchAll(re)) {
      found.push({ kind, text: m[group] ?? m[0], line: lineAt(text, m.index) });
    }
  };
  add('mac', MAC);
  add('address', ADDRESS);
  add('interface', PEER);
  for (const re of COUNTS) add('count', re);
  add('ifindex', IFINDEX, 1);
  return found.sort((a, b) => a.line - b.line || a.text.localeCompare(b.text));
}

/**
 * The facts a page's prose quotes, less those it declares as not captured;
 * with a generation, also less those it declares as another generation's.
 */
export function pageFacts(mdx: string, generation?: string): Fact[] {
  const declared = new Set(declaredUncaptured(mdx));
  const owners = declaredGenerations(mdx);
  return factsIn(proseOf(mdx)).filter((f) => {
    const owner = owners.get(f.text);
    return (
      !declared.has(f.text) &&
      (generation === undefined || owner === undefined || owner === generation)
    );
  });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The pattern a capture must match for the fact to be backed by it. */
export function patternOf(fact: Fact): RegExp {
  switch (fact.kind) {
    case 'mac':
      return new RegExp(`\\b${escape(fact.text)}\\b`, 'i');
    case 'address': {
      // `172.17.0.2` is in "inet 172.17.0.2/16" but not in "172.17.0.25".
      return new RegExp(`(?<![\\d.])${escape(fact.text)}(?!\\d)`);
    }
    case 'interface': {
      // A name written as a placeholder (`vethXXXXXXX@if3`) still promises its peer index.
      const [name = '', peer = ''] = fact.text.split('@');
      const generic = /X{3,}|Y{3,}|</.test(name);
      return new RegExp(generic ? `@${escape(peer)}\\b` : `\\b${escape(fact.text)}\\b`);
    }
    case 'ifindex':
      return new RegExp(`(?:^|\\n)${escape(fact.text)}: `);
    case 'count':
      return new RegExp(`(?<![\\w.])${escape(fact.text)}\\b`);
  }
}

/** `192.168.31.25/24` → `192.168.31.0/24`; undefined when the fact has no prefix. */
export function networkOf(address: string): string | undefined {
  const [ip = '', bits] = address.split('/');
  if (bits === undefined) return undefined;
  const prefix = Number(bits);
  const value = ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const network = prefix === 0 ? 0 : value - (value % 2 ** (32 - prefix));
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

/**
 * Whether the captures back a fact: one of them contains it as written. An
 * interface address with its prefix (`192.168.31.25/24`) is also backed when
 * the captures show the address and its network (`192.168.31.0/24`), as when
 * a command creates the network and another prints the bare address.
 */
export function isBacked(fact: Fact, captures: readonly string[]): boolean {
  const found = (pattern: RegExp): boolean => captures.some((text) => pattern.test(text));
  if (found(patternOf(fact))) return true;
  const network = fact.kind === 'address' ? networkOf(fact.text) : undefined;
  if (network === undefined || network === fact.text) return false;
  const bare = fact.text.split('/')[0] ?? '';
  return found(patternOf({ ...fact, text: bare })) && found(patternOf({ ...fact, text: network }));
}

/** The facts that the given capture texts do not back. */
export function unbacked(facts: readonly Fact[], captures: readonly string[]): Fact[] {
  return facts.filter((fact) => !isBacked(fact, captures));
}
