import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { commandsFrom } from '../../../src/client/run-commands.ts';

describe('commandsFrom', () => {
  test('a block without prompts is all commands, without comment or blank lines', () => {
    assert.equal(commandsFrom('# look at the bridge\nbrctl show\n\nip a\n'), 'brctl show\nip a');
  });

  test('with prompts, only prompted lines run and output is left out', () => {
    const block =
      '$ docker network ls\nNETWORK ID   NAME\n1234         bridge\n$ brctl show\nbridge name ...';
    assert.equal(commandsFrom(block), 'docker network ls\nbrctl show');
  });

  test("the lab's own prompt counts as a prompt", () => {
    assert.equal(
      commandsFrom('root@netlab:~# ip -br link\nlo UNKNOWN\nroot@netlab:/tmp# ls'),
      'ip -br link\nls',
    );
  });

  test('a command continued with a backslash keeps its next lines', () => {
    const block =
      '$ docker network create -d bridge \\\n    --subnet 192.168.31.0/24 \\\n    my_bridge2\n3f1c…';
    assert.equal(
      commandsFrom(block),
      'docker network create -d bridge \\\n    --subnet 192.168.31.0/24 \\\n    my_bridge2',
    );
  });

  test("a captured transcript's `> ` continuation lines belong to their command", () => {
    const block = [
      "root@netlab:~# cat <<'EOF' > /tmp/x",
      '> hello',
      '> EOF',
      'root@netlab:~# cat /tmp/x',
      'hello',
      '> not a continuation: output after output',
    ].join('\n');
    assert.equal(commandsFrom(block), "cat <<'EOF' > /tmp/x\nhello\nEOF\ncat /tmp/x");
  });

  test('an empty or comment-only block has no command', () => {
    assert.equal(commandsFrom('\n# nothing to run\n'), '');
  });
});
