/**
 * Just enough of the shell's word rules to judge a recorded command line:
 * its words (quotes removed), and the variables it reads and sets. Text in
 * single quotes is the shell's literal text, so `awk '{print $2}'` reads none.
 */

/** A simple command's words, quotes removed (no expansion). */
export function wordsOf(command: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] ?? '';
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < command.length)
        word = (word ?? '') + (command[++i] ?? '');
      else word = (word ?? '') + c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < command.length) {
      word = (word ?? '') + (command[++i] ?? '');
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}

/** The text of a line outside single quotes and escapes: where `$name` is expanded. */
function expandedText(line: string): string {
  let out = '';
  let single = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (single) {
      if (c === "'") single = false;
    } else if (c === "'") single = true;
    else if (c === '\\') i++;
    else out += c;
  }
  return out;
}

/** Names the line reads as `$name` or `${name…}`. */
export function variablesRead(line: string): Set<string> {
  const names = new Set<string>();
  for (const m of expandedText(line).matchAll(/\$(?:\{#?([A-Za-z_]\w*)|([A-Za-z_]\w*))/g))
    names.add(m[1] ?? m[2] ?? '');
  return names;
}

/** Names the line sets: `name=`, `export name=`, `for name in`, `read … name`. */
export function variablesSet(line: string): Set<string> {
  const names = new Set<string>();
  const text = expandedText(line);
  for (const m of text.matchAll(/(?:^|[\s;&|(])([A-Za-z_]\w*)\+?=/g)) names.add(m[1] ?? '');
  for (const m of text.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\b/g)) names.add(m[1] ?? '');
  for (const m of text.matchAll(/\bread\s+((?:-\w+\s+)*)([A-Za-z_][\w\s]*)/g))
    for (const name of (m[2] ?? '').split(/\s+/)) if (name) names.add(name);
  return names;
}
