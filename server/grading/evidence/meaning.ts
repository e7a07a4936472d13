/**
 * What a command means, so that a check names the meaning and not the
 * spelling: `ip a`, `ip addr` and `ip -4 address show dev eth0` all show
 * addresses; `ip -n node1 a`, `ip netns exec node1 ip a` and `nsenter
 * --net=/run/netns/node1 ip a` all do it in node1; `sudo`, `env`, `time` and
 * `sh -c '…'` around a command change nothing. Tools without rules of their own
 * mean their program and arguments.
 */
import {
  createArgs,
  createMeaning,
  normaliseImageRef,
  type CreateMeaning,
} from './meaning/docker-cli.ts';
import { ipMeaning, prefixMatch } from './meaning/iproute2.ts';
import { sameAddress } from '../probes/ipv4.ts';
import { simpleCommands, singleCommand, type ShellWord } from './shell-syntax.ts';

/** Where a command ran: "here" (the shell's own namespace), a named netns, or "pid:N". */
export type Place = string;

export type Meaning =
  | { tool: 'ip'; where: Place; object: string | null; action: string | null }
  | { tool: 'brctl'; where: Place; action: string | null }
  | { tool: 'bridge'; where: Place; object: string | null; action: string | null }
  | { tool: 'docker-create'; where: Place; create: CreateMeaning }
  | { tool: 'program'; where: Place; program: string; args: string[] };

/** A word that only the running shell could expand never equals a literal. */
const UNKNOWN = '\u0000';

function plain(words: ShellWord[]): string[] {
  return words.map((w) => (w.literal ? w.text : `${UNKNOWN}${w.text}`));
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);
const BRIDGE_OBJECTS = ['link', 'fdb', 'mdb', 'vlan', 'vni', 'monitor'];

/**
 * The meanings of one command line's words, wrappers removed. `joined` says
 * the words were split from a string Docker joined with spaces (an exec's
 * command), so `sh -c` takes everything after it as its script.
 */
export function meaningsOf(words: string[], where: Place = 'here', joined = false): Meaning[] {
  const [first = '', ...rest] = words;
  const program = first.slice(first.lastIndexOf('/') + 1);
  if (program === '') return [];
  if (['sudo', 'command', 'exec', 'time', 'builtin'].includes(program))
    return meaningsOf(dropOptions(rest), where, joined);
  if (program === 'env')
    return meaningsOf(
      rest.filter((w, i) => !isEnvArg(rest, i, w)),
      where,
      joined,
    );
  if (program === 'nice' || program === 'timeout')
    return meaningsOf(skipValue(program, rest), where, joined);
  if (program === 'nsenter') return nsenter(rest, where, joined);
  if (SHELLS.has(program) && /^-[a-z]*c[a-z]*$/.test(rest[0] ?? '')) {
    const script = joined ? rest.slice(1).join(' ') : (rest[1] ?? '');
    return simpleCommands(script).flatMap((c) => meaningsOf(plain(c.words), where));
  }
  if (program === 'ip') {
    const ip = ipMeaning(rest);
    const place = ip.netns ?? where;
    if (ip.object === 'netns' && ip.action === 'exec' && ip.rest.length > 1)
      return meaningsOf(ip.rest.slice(1), ip.rest[0] ?? where, joined);
    return [{ tool: 'ip', where: place, object: ip.object, action: ip.action }];
  }
  if (program === 'brctl') return [{ tool: 'brctl', where, action: rest[0] ?? 'show' }];
  if (program === 'bridge') {
    const i = rest.findIndex((w) => !w.startsWith('-'));
    const object = prefixMatch(rest[i] ?? '', BRIDGE_OBJECTS);
    const action = prefixMatch(rest[i + 1] ?? '', ['show', 'list', 'lst'])
      ? 'show'
      : (rest[i + 1] ?? 'show');
    return [{ tool: 'bridge', where, object, action }];
  }
  if (program === 'docker') {
    const create = createArgs(rest);
    if (create) return [{ tool: 'docker-create', where, create: createMeaning(create.rest) }];
  }
  return [{ tool: 'program', where, program, args: rest }];
}

/** The meaning of a command as a lab writes it (`ip address show`), or null if it is not one command. */
export function meaningOfText(text: string): Meaning | null {
  const command = singleCommand(text);
  if (!command) return null;
  return meaningsOf(plain(command.words))[0] ?? null;
}

/** The meanings of a recorded shell command (one simple command, as bash saw it). */
export function meaningsOfRecord(text: string): Meaning[] {
  const command = singleCommand(text);
  return command ? meaningsOf(plain(command.words)) : [];
}

function dropOptions(words: string[]): string[] {
  let i = 0;
  while (i < words.length && (words[i] ?? '').startsWith('-')) i += words[i] === '-u' ? 2 : 1;
  return words.slice(i);
}

function isEnvArg(words: string[], i: number, word: string): boolean {
  // env's own options and VAR=value assignments come before the command.
  const command = words.findIndex((w) => !w.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  return command < 0 || i < command || (i === command && word === '');
}

function skipValue(program: string, words: string[]): string[] {
  const out = [...words];
  if (program === 'nice' && out[0] === '-n') out.splice(0, 2);
  else if (program === 'nice' && /^-\d+$/.test(out[0] ?? '')) out.shift();
  if (program === 'timeout') {
    while ((out[0] ?? '').startsWith('-'))
      out.splice(0, ['-s', '-k', '--signal', '--kill-after'].includes(out[0] ?? '') ? 2 : 1);
    out.shift();
  }
  return out;
}

/** `nsenter --net=/run/netns/NS cmd`, `nsenter -t PID -n cmd`: the command runs in that namespace. */
function nsenter(words: string[], where: Place, joined: boolean): Meaning[] {
  let file: string | null = null;
  let target: string | null = null;
  let net = false;
  let i = 0;
  for (; i < words.length && (words[i] ?? '').startsWith('-'); i++) {
    const word = words[i] ?? '';
    const long = /^--net(?:=(.+))?$/.exec(word);
    const attached = /^-n(\/.+)$/.exec(word);
    const pid = /^(?:-t|--target=)(\d+)$/.exec(word);
    if (long) [net, file] = [true, long[1] ?? file];
    else if (attached) [net, file] = [true, attached[1] ?? null];
    else if (word === '-t' || word === '--target') target = words[++i] ?? null;
    else if (pid) target = pid[1] ?? null;
    else if (/^-[a-zA-Z]*n[a-zA-Z]*$/.test(word)) net = true;
  }
  const place = !net
    ? where
    : file !== null
      ? (netnsOfFile(file) ?? `${UNKNOWN}${file}`)
      : target !== null
        ? `pid:${target}`
        : where;
  return meaningsOf(words.slice(i), place, joined);
}

function netnsOfFile(file: string): string | null {
  return /^\/(?:var\/)?run\/netns\/([^/]+)$/.exec(file)?.[1] ?? null;
}

/** True when `actual` does what `expected` describes (see the module comment). */
export function sameMeaning(expected: Meaning, actual: Meaning): boolean {
  if (expected.where !== actual.where) return false;
  switch (expected.tool) {
    case 'ip':
      return (
        actual.tool === 'ip' &&
        actual.object === expected.object &&
        actual.action === expected.action
      );
    case 'brctl':
      return actual.tool === 'brctl' && actual.action === expected.action;
    case 'bridge':
      return (
        actual.tool === 'bridge' &&
        actual.object === expected.object &&
        actual.action === expected.action
      );
    case 'docker-create': {
      if (actual.tool !== 'docker-create') return false;
      const e = expected.create;
      const a = actual.create;
      return (
        e.network === a.network &&
        (e.ip === null || (a.ip !== null && sameAddress(a.ip, e.ip) && !a.ip.includes('/'))) &&
        (e.name === null || e.name === a.name) &&
        (e.image === null ||
          (a.image !== null && normaliseImageRef(a.image) === normaliseImageRef(e.image)))
      );
    }
    case 'program':
      return (
        actual.tool === 'program' &&
        actual.program === expected.program &&
        expected.args.every((arg) => actual.args.includes(arg))
      );
  }
}

/** Why a command of the same tool does not mean what was expected, in words; null if it does. */
export function difference(expected: Meaning, actual: Meaning): { en: string; zh: string } | null {
  if (sameMeaning(expected, actual)) return null;
  if (expected.tool !== actual.tool) return null;
  if (expected.where !== actual.where) {
    const place = (w: string) => (w === 'host' ? 'the machine' : w);
    return {
      en: `ran in ${place(actual.where)}, not in ${place(expected.where)}`,
      zh: `是在 ${actual.where} 中运行的，不是在 ${expected.where} 中`,
    };
  }
  if (expected.tool === 'ip' && actual.tool === 'ip') {
    const words = (m: { object: string | null; action: string | null }) =>
      `ip ${m.object ?? '?'} ${m.action ?? ''}`.trim();
    return {
      en: `is \`${words(actual)}\`, not \`${words(expected)}\``,
      zh: `是 \`${words(actual)}\`，不是 \`${words(expected)}\``,
    };
  }
  if (expected.tool === 'docker-create' && actual.tool === 'docker-create') {
    const [e, a] = [expected.create, actual.create];
    if (e.network !== a.network)
      return {
        en: `targeted the network ${a.network}, not ${e.network}`,
        zh: `针对的是网络 ${a.network}，不是 ${e.network}`,
      };
    if (e.ip !== null && a.ip !== e.ip)
      return {
        en: `asked for --ip ${a.ip ?? '(none)'}, not ${e.ip}`,
        zh: `指定的是 --ip ${a.ip ?? '（无）'}，不是 ${e.ip}`,
      };
    return { en: 'asked for another container', zh: '创建的是另一种容器' };
  }
  if (
    expected.tool === 'program' &&
    actual.tool === 'program' &&
    expected.program === actual.program
  ) {
    const missing = expected.args.filter((arg) => !actual.args.includes(arg));
    return { en: `lacks ${missing.join(' ')}`, zh: `缺少 ${missing.join(' ')}` };
  }
  return null;
}
