/**
 * Which shell commands a code block holds, for its "Run this" button. Lines
 * with a prompt (`$ `, or the lab's `root@netlab:~# `) are the commands and the
 * rest is output; a command continues on the next line when it ends with `\`
 * or when that line starts with the `> ` continuation prompt. A block without
 * prompts is all commands (comment lines dropped).
 */
const PROMPT = /^\s*(?:\$|root@[\w.-]+:[^\s#$]*[#$])\s+/;
const CONTINUATION = /^> /;

export function commandsFrom(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''));
  return (lines.some((line) => PROMPT.test(line)) ? prompted(lines) : plain(lines))
    .join('\n')
    .trim();
}

function prompted(lines: string[]): string[] {
  const out: string[] = [];
  let inCommand = false;
  let continued = false;
  for (const line of lines) {
    if (PROMPT.test(line)) {
      out.push(line.replace(PROMPT, ''));
      inCommand = true;
    } else if (inCommand && CONTINUATION.test(line)) {
      out.push(line.replace(CONTINUATION, ''));
    } else if (inCommand && continued) {
      out.push(line);
    } else {
      inCommand = false;
    }
    continued = inCommand && line.endsWith('\\');
  }
  return out;
}

function plain(lines: string[]): string[] {
  const out: string[] = [];
  let continued = false;
  for (const line of lines) {
    if (continued || (line.trim() && !/^\s*#/.test(line))) out.push(line);
    continued = line.endsWith('\\');
  }
  return out;
}

/** The text of a rendered code block: Expressive Code's lines, or the `<pre>`'s text. */
export function codeText(block: Element): string {
  const lines = block.querySelectorAll('.ec-line');
  if (lines.length) return Array.from(lines, (line) => line.textContent).join('\n');
  return block.textContent;
}
