import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  asTerminalShows,
  buildScript,
  formatTranscript,
  parseRun,
  parseTranscript,
  splitCommands,
} from '../../../scripts/docs-capture/transcript.ts';

const PROMPT = 'root@netlab:~# ';

describe('splitCommands', () => {
  test('returns one command per line', () => {
    assert.deepEqual(splitCommands('ip addr\nbrctl show\n'), ['ip addr', 'brctl show']);
  });

  test('keeps a line ending in a backslash with the next one', () => {
    assert.deepEqual(splitCommands('docker run -d \\\n  nginx\nip addr'), [
      'docker run -d \\\n  nginx',
      'ip addr',
    ]);
  });

  test('keeps a heredoc with its body up to the delimiter line', () => {
    const text = "cat > f <<'EOF'\na\n$b\nEOF\nwc -l f";
    assert.deepEqual(splitCommands(text), ["cat > f <<'EOF'\na\n$b\nEOF", 'wc -l f']);
  });

  test('throws on a heredoc that never ends', () => {
    assert.throws(() => splitCommands('cat <<EOF\nno end'), /unterminated command/);
  });
});

describe('parseRun', () => {
  test('splits the output at the exit markers written by buildScript', () => {
    const commands = ['echo a', 'false'];
    assert.match(
      buildScript(commands, 'sleep 0'),
      /^exec 2>&1\n\( sleep 0 \) >\/dev\/null 2>&1\necho a\n/,
    );
    const stdout = 'a\n\u001e0\u001e\n\u001e1\u001e\n';
    assert.deepEqual(parseRun(stdout, commands), [
      { command: 'echo a', output: 'a\n', exitCode: 0 },
      { command: 'false', output: '', exitCode: 1 },
    ]);
  });

  test('keeps output that does not end in a newline', () => {
    const runs = parseRun('no newline\u001e0\u001e\n', ['printf "no newline"']);
    assert.equal(runs[0]?.output, 'no newline');
  });

  test('throws when the shell stopped before the last marker', () => {
    assert.throws(
      () => parseRun('a\n\u001e0\u001e\n', ['echo a', 'exit 3']),
      /no exit marker after `exit 3`/,
    );
  });
});

describe('asTerminalShows', () => {
  test('keeps only what follows the last carriage return of a line', () => {
    assert.equal(asTerminalShows('(Reading 5%\r(Reading 100%)\nnext'), '(Reading 100%)\nnext');
  });

  test('drops the carriage return of CRLF line ends', () => {
    assert.equal(
      asTerminalShows('HTTP/1.1 404 Not Found\r\nServer: nginx\r\n'),
      'HTTP/1.1 404 Not Found\nServer: nginx\n',
    );
  });
});

describe('parseTranscript', () => {
  test('reads back what formatTranscript wrote, continuation lines included', () => {
    const runs = [
      { command: 'docker run -d \\\n  nginx', output: 'abc123\n', exitCode: 0 },
      { command: "cat > f <<'EOF'\n> not a prompt\nEOF", output: '', exitCode: 0 },
      { command: 'printf x', output: 'x', exitCode: 0 },
    ];
    const text = formatTranscript(runs, PROMPT);
    assert.equal(text.split('\n')[1], '>   nginx');
    assert.deepEqual(parseTranscript(text, PROMPT), [
      { command: ['docker run -d \\', '  nginx'], output: 'abc123\n' },
      { command: ["cat > f <<'EOF'", '> not a prompt', 'EOF'], output: '' },
      { command: ['printf x'], output: 'x\n' },
    ]);
  });

  test('treats a line starting with "> " after a complete command as output', () => {
    assert.deepEqual(parseTranscript(`${PROMPT}echo '> hi'\n> hi\n`, PROMPT), [
      { command: ["echo '> hi'"], output: '> hi\n' },
    ]);
  });

  test('throws when the text does not start with the prompt', () => {
    assert.throws(
      () => parseTranscript('output first\n', PROMPT),
      /does not start with the prompt/,
    );
  });
});
