/**
 * Shell text to simple commands, with a real shell parser (mvdan/sh, bash
 * dialect) rather than regular expressions: quoting, escapes, `$'…'`, here-docs,
 * lists and pipelines are bash's own rules. Each command is its words after
 * quote removal; a word that needs expanding (`$x`, `$(…)`, globs aside) is kept
 * as written and marked not literal, so a check never guesses its value.
 */
import sh, { type ShNode } from 'mvdan-sh';

const { syntax } = sh;
const parser = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));

/** One word of a command. */
export interface ShellWord {
  /** The value after quote removal, or the source text when it is not literal. */
  text: string;
  /** False when the word holds an expansion whose value only the running shell knew. */
  literal: boolean;
}

/** A simple command: its words, assignments and redirections left out. */
export interface SimpleCommand {
  words: ShellWord[];
}

/** The simple commands of a script in source order; [] when it does not parse. */
export function simpleCommands(script: string): SimpleCommand[] {
  let file;
  try {
    file = parser.Parse(script, '');
  } catch {
    return [];
  }
  const found: SimpleCommand[] = [];
  syntax.Walk(file, (node) => {
    if (node === null) return true;
    const type = syntax.NodeType(node);
    // Commands inside $(…) or <(…) ran in a subshell the recorder does not see.
    if (type === 'CmdSubst' || type === 'ProcSubst') return false;
    if (type === 'CallExpr') {
      const args = node.Args as ShNode[];
      if (args.length > 0) found.push({ words: args.map(wordOf) });
      return false;
    }
    return true;
  });
  return found;
}

/** The one simple command a recorded line holds, or null (a `for` header, `[[ … ]]`, a syntax error). */
export function singleCommand(text: string): SimpleCommand | null {
  const commands = simpleCommands(text);
  return commands.length === 1 ? (commands[0] ?? null) : null;
}

function wordOf(word: ShNode): ShellWord {
  const parts = word.Parts as ShNode[];
  let text = '';
  for (const part of parts) {
    const value = literalPart(part);
    if (value === null) return { text: sourceOf(parts), literal: false };
    text += value;
  }
  return { text, literal: true };
}

function literalPart(part: ShNode): string | null {
  switch (syntax.NodeType(part)) {
    case 'Lit':
      return unescapeBare(String(part.Value));
    case 'SglQuoted':
      return part.Dollar ? unescapeAnsiC(String(part.Value)) : String(part.Value);
    case 'DblQuoted': {
      let text = '';
      for (const inner of part.Parts as ShNode[]) {
        if (syntax.NodeType(inner) !== 'Lit') return null;
        text += unescapeDouble(String(inner.Value));
      }
      return text;
    }
    default:
      return null;
  }
}

/** Unquoted: a backslash keeps the next character; backslash-newline joins lines. */
function unescapeBare(text: string): string {
  return text.replace(/\\(\n|.)/gs, (_, c: string) => (c === '\n' ? '' : c));
}

/** Inside double quotes a backslash escapes only $ ` " \ and a newline. */
function unescapeDouble(text: string): string {
  return text.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c));
}

const ANSI_C: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** `$'…'`: the ANSI-C escapes bash knows (octal, hex and the letters). */
function unescapeAnsiC(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (whole, esc: string) =>
    esc.startsWith('x') && esc.length > 1
      ? String.fromCharCode(Number.parseInt(esc.slice(1), 16))
      : /^[0-7]+$/.test(esc)
        ? String.fromCharCode(Number.parseInt(esc, 8))
        : (ANSI_C[esc] ?? whole),
  );
}

function paramName(part: ShNode): string {
  const param = part.Param as ShNode | null;
  return typeof param?.Value === 'string' ? param.Value : '…';
}

function sourceOf(parts: ShNode[]): string {
  return parts
    .map((part) => {
      const type = syntax.NodeType(part);
      if (type === 'Lit') return String(part.Value);
      if (type === 'SglQuoted') return `'${String(part.Value)}'`;
      if (type === 'ParamExp') return `$${paramName(part)}`;
      if (type === 'CmdSubst') return '$(…)';
      if (type === 'DblQuoted') return `"${sourceOf(part.Parts as ShNode[])}"`;
      return '…';
    })
    .join('');
}
