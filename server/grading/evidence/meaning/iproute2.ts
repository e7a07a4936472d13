/**
 * What an `ip` (iproute2) command line means, the way iproute2 itself reads
 * it: options and objects may be abbreviated to any prefix, and the first match
 * in iproute2's own table order wins (`ip a` is `ip address`, `ip l` is `ip
 * link`, `ip r` is `ip route`, `ip n` is `ip neighbor`); `-n NS`/`-netns NS`
 * runs it in a named namespace; an address, link or route object without an
 * action shows. Mirrors ip/ip.c and the objects' own argument parsers.
 */

/** The meaning of one `ip` command. */
export interface IpMeaning {
  /** The named netns from `-n`, or null for the namespace it runs in. */
  netns: string | null;
  /** "address", "link", "route", "neighbor", "netns", … or null when missing or unknown. */
  object: string | null;
  /** "show", "add", "delete", "flush", "set", "exec", … */
  action: string | null;
  /** The words after the action (filters like `dev eth0`, or a netns exec's command). */
  rest: string[];
}

// ip/ip.c's command table, in its order: the first entry a prefix matches wins.
const OBJECTS = [
  'address',
  'addrlabel',
  'maddress',
  'route',
  'rule',
  'neighbor',
  'neighbour',
  'ntable',
  'ntbl',
  'link',
  'l2tp',
  'fou',
  'ila',
  'macsec',
  'tunnel',
  'tunl',
  'tuntap',
  'tap',
  'token',
  'tcpmetrics',
  'tcp_metrics',
  'monitor',
  'xfrm',
  'mroute',
  'mrule',
  'netns',
  'netconf',
  'vrf',
  'sr',
  'nexthop',
  'mptcp',
  'ioam',
  'stats',
  'help',
];
const SAME_OBJECT: Record<string, string> = {
  neighbour: 'neighbor',
  ntbl: 'ntable',
  tunl: 'tunnel',
  tap: 'tuntap',
  tcp_metrics: 'tcpmetrics',
};

// Global options that take a value (ip/ip.c), by their full names.
const VALUED = ['-family', '-loops', '-rcvbuf', '-netns', '-batch'];
// Every global option, in ip.c's order (prefix matching, first wins).
const OPTIONS = [
  '-loops',
  '-family',
  '-4',
  '-6',
  '-0',
  '-M',
  '-B',
  '-human',
  '-iec',
  '-stats',
  '-statistics',
  '-details',
  '-resolve',
  '-oneline',
  '-timestamp',
  '-tshort',
  '-Version',
  '-force',
  '-batch',
  '-brief',
  '-json',
  '-pretty',
  '-rcvbuf',
  '-color',
  '-help',
  '-netns',
  '-Numeric',
  '-all',
];

// Actions an object's parser accepts, by their full names, for the objects labs ask about.
const ACTIONS: Record<string, string[]> = {
  address: [
    'add',
    'change',
    'chg',
    'replace',
    'delete',
    'flush',
    'list',
    'show',
    'lst',
    'showdump',
    'save',
    'restore',
  ],
  link: ['add', 'change', 'set', 'delete', 'show', 'list', 'lst', 'xstats', 'afstats', 'property'],
  route: [
    'add',
    'change',
    'chg',
    'replace',
    'prepend',
    'append',
    'test',
    'delete',
    'list',
    'show',
    'lst',
    'get',
    'flush',
    'showdump',
    'save',
    'restore',
  ],
  neighbor: ['add', 'change', 'replace', 'delete', 'list', 'show', 'lst', 'flush', 'get'],
  netns: [
    'list',
    'show',
    'lst',
    'list-id',
    'add',
    'attach',
    'set',
    'delete',
    'identify',
    'pids',
    'exec',
    'monitor',
  ],
};
const SHOW = new Set(['list', 'show', 'lst']);

/** The first entry of `table` that `word` is a prefix of (iproute2's `matches()`). */
export function prefixMatch(word: string, table: readonly string[]): string | null {
  if (word === '') return null;
  return table.find((entry) => entry.startsWith(word)) ?? null;
}

/** Reads `ip [options] object [action] …` (argv without the program name). */
export function ipMeaning(args: string[]): IpMeaning {
  let netns: string | null = null;
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i] ?? '';
    if (!word.startsWith('-') || word === '-') break;
    // `--netns` works as `-netns`: iproute2 drops one leading dash of a long option.
    const option = prefixMatch(word.startsWith('--') ? word.slice(1) : word, OPTIONS);
    if (option === '-netns') netns = args[i + 1] ?? null;
    if (option !== null && VALUED.includes(option)) i++;
    // "-f inet" and "-4" filter the family; neither changes what the command is.
  }
  const found = prefixMatch(args[i] ?? '', OBJECTS);
  const object = found === null ? null : (SAME_OBJECT[found] ?? found);
  const after = args.slice(i + 1);
  const actions = object === null ? undefined : ACTIONS[object];
  if (actions === undefined)
    return { netns, object, action: after[0] ?? null, rest: after.slice(1) };
  const named = prefixMatch(after[0] ?? '', actions);
  // No action (or a filter such as `dev eth0`) means show, except for netns, whose default is list.
  if (named === null) return { netns, object, action: 'show', rest: after };
  return {
    netns,
    object,
    action: SHOW.has(named) ? 'show' : normaliseAction(named),
    rest: after.slice(1),
  };
}

function normaliseAction(action: string): string {
  return action === 'chg' ? 'change' : action;
}
