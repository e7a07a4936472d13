/**
 * The browser's terminal connection (src/client/terminal-connection.ts) on a
 * real sandbox, rendered by xterm.js's headless build: a terminal whose size
 * changes as it opens, or whose width changes later, keeps every line the
 * window holds. tmux reflows a narrower window by moving its top lines into
 * its history, which the browser never gets from a resize; the connection
 * draws the screen afresh instead (screen-size.ts). Here the window holds a
 * rebuild's transcript, typed at tmux's default 80 columns as restore.ts does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import headless from '@xterm/headless';
import { closeReplay, openReplay, typeLine } from '../../server/sessions/rebuild/replay.ts';
import { TerminalConnection } from '../../src/client/terminal-connection.ts';
import { createSession, waitReady } from './helpers/api.ts';
import { testDriver } from './helpers/driver.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { nodeSockets } from './helpers/terminal-client.ts';

const TRANSCRIPT = [
  '# Netlab: replaying your 3 command lines on a new machine',
  'docker network create -d bridge my_bridge',
  'brctl show',
  '# Netlab: your machine is back (1.1 s)',
];

// A CommonJS package: its classes come off the default export.
const { Terminal } = headless;
type Terminal = InstanceType<typeof Terminal>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The terminal's text, scrollback included, wrapped rows joined. */
function logicalText(term: Terminal): string {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const row = buffer.getLine(i);
    const text = row?.translateToString(true) ?? '';
    if (row?.isWrapped && lines.length) lines.push((lines.pop() ?? '') + text);
    else lines.push(text);
  }
  return lines.join('\n');
}

describe('TerminalConnection', { timeout: 300_000 }, () => {
  let server: RunningServer;
  const driver = testDriver();

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    await server.stop();
  });

  /** Opens a terminal at `from` on a fresh transcript and resizes it to `to` after `delayMs`. */
  async function openAndResize(
    from: [number, number],
    to: [number, number],
    delayMs: number,
  ): Promise<string> {
    const session = await createSession(server.url, 'user-defined');
    await waitReady(server.url, session);
    const exec = driver.exec.bind(driver, `netlab-${session.id}`);
    await openReplay(exec);
    for (const line of TRANSCRIPT) assert.equal(await typeLine(exec, line, 30_000), 0);
    await closeReplay(exec);

    const term = new Terminal({ cols: from[0], rows: from[1], allowProposedApi: true });
    let hadOutput = false;
    let stale = false;
    const connection = new TerminalConnection({
      baseUrl: server.url,
      sessionId: session.id,
      token: session.token,
      cols: from[0],
      rows: from[1],
      socketFactory: nodeSockets,
      listeners: {
        // What <netlab-terminal> does: a new attach's first output starts from a clean screen.
        data: (bytes, rendered) => {
          if (stale) term.write('\x1bc');
          hadOutput = true;
          stale = false;
          term.write(bytes, rendered);
        },
        state: (change) => {
          if (change.state === 'live') stale = hadOutput;
        },
      },
    });
    try {
      connection.connect();
      await sleep(delayMs);
      term.resize(...to);
      connection.resize(...to);
      await sleep(3000);
      return logicalText(term);
    } finally {
      connection.close();
      term.dispose();
      await fetch(`${server.url}/api/sessions/${session.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${session.token}` },
      });
    }
  }

  const cases: [string, [number, number], [number, number], number][] = [
    ['narrower as it opens', [83, 23], [64, 21], 0],
    ['narrower just after its screen arrived', [83, 23], [64, 21], 300],
    ['narrower a while later', [83, 23], [64, 23], 1500],
    ['taller as it opens', [64, 23], [64, 30], 0],
    ['shorter than the transcript as it opens', [64, 23], [64, 8], 100],
  ];
  for (const [what, from, to, delayMs] of cases) {
    test(`keeps every line of the window, once, for a terminal ${what}`, async () => {
      // Row breaks aside: a line tmux redrew on the screen is not marked wrapped.
      const text = await openAndResize(from, to, delayMs);
      for (const line of TRANSCRIPT) {
        const shown = text.replaceAll('\n', '').split(line).length - 1;
        assert.equal(shown, 1, `"${line}" shown ${shown} times in:\n${text}`);
      }
    });
  }
});
