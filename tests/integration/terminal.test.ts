/**
 * The terminal websocket on a real sandbox: a shell that feels local, survives
 * reconnects and server restarts, keeps memory bounded, and opens for nobody
 * but its session's token holder.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { TERMINAL_HIGH_WATERMARK, type CreateSessionResponse } from '../../server/protocol.ts';
import { createSession, waitReady } from './helpers/api.ts';
import { inSandbox, until } from './helpers/docker.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import {
  connectTerminal,
  plain,
  terminalTicket,
  terminalUrl,
  upgradeStatus,
  type TerminalClient,
} from './helpers/terminal-client.ts';

let server: RunningServer;
let session: CreateSessionResponse;
const PROMPT = /root@netlab:~# /;

function rssKiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

/** tmux clients attached in the sandbox: each open terminal has exactly one. */
function attachedClients(): number {
  return Number(inSandbox(session.id, 'tmux list-clients 2>/dev/null | wc -l'));
}

describe('the terminal websocket', () => {
  before(async () => {
    server = await startServer({ TERMINALS_PER_SESSION: '3', PENDING_AUTH_PER_CLIENT: '2' });
    session = await createSession(server.url);
    await waitReady(server.url, session);
  });
  after(async () => {
    await server.stop();
  });

  test('echoes what is typed and reports the window as live', async () => {
    const t = await connectTerminal(server.url, session.id, { token: session.token });
    await t.waitFor(PROMPT);
    t.type('echo hel""lo\r');
    await t.waitFor(/^hello\r$/m);
    assert.deepEqual(t.messages[0], {
      type: 'status',
      state: 'live',
      window: 'main',
      readOnly: false,
    });
    await t.close();
  });

  test('changes stty size on resize', async () => {
    const t = await connectTerminal(server.url, session.id, { token: session.token });
    await t.waitFor(PROMPT);
    t.control({ type: 'resize', cols: 132, rows: 41 });
    // The resize and the keystrokes travel apart (an engine call, the shell's input):
    // ask again until the shell has seen the new size, each answer an event.
    let size = '';
    for (let i = 1; size !== '41 132' && i <= 50; i++) {
      t.type(`echo "size-${i} $(stty size)"\r`);
      size = (await t.waitFor(new RegExp(`^size-${i} (\\d+ \\d+)\\r$`, 'm')))[1] ?? '';
    }
    assert.equal(size, '41 132');
    await t.close();
  });

  test('gives a reconnecting client the same shell and its earlier output', async () => {
    const first = await connectTerminal(server.url, session.id, { token: session.token });
    await first.waitFor(PROMPT);
    first.type('echo "pid=$$"; echo marker-$((6*7))\r');
    const pid = (await first.waitFor(/^pid=(\d+)\r$/m))[1];
    await first.waitFor(/^marker-42\r$/m);
    await first.close();
    const second = await connectTerminal(server.url, session.id, { token: session.token });
    await second.waitFor(/marker-42/);
    second.type('echo "again=$$"\r');
    assert.equal((await second.waitFor(/^again=(\d+)\r$/m))[1], pid);
    await second.close();
  });

  test('leaves no tmux client or exec process behind when sockets close', async () => {
    const sockets = await Promise.all(
      [1, 2].map(() => connectTerminal(server.url, session.id, { token: session.token })),
    );
    await Promise.all(sockets.map((s) => s.waitFor(PROMPT)));
    assert.equal(attachedClients(), 2);
    await Promise.all(sockets.map((s) => s.close()));
    const deadline = Date.now() + 5000;
    while (attachedClients() > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal(attachedClients(), 0);
    assert.equal(inSandbox(session.id, "ps -eo args | grep -c '^tmux attach' || true"), '0');
    assert.match(inSandbox(session.id, 'tmux list-sessions -F "#{session_name}"'), /^netlab$/);
  });

  test('refuses a fourth terminal beyond TERMINALS_PER_SESSION with 4429', async () => {
    const open = await Promise.all(
      [1, 2, 3].map(() => connectTerminal(server.url, session.id, { token: session.token })),
    );
    await Promise.all(open.map((s) => s.waitFor(PROMPT)));
    const extra = await connectTerminal(server.url, session.id, { token: session.token });
    assert.equal((await extra.closed).code, 4429);
    await Promise.all(open.map((s) => s.close()));
  });

  test('lets a read-only client watch but not type', async () => {
    const writer = await connectTerminal(server.url, session.id, { token: session.token });
    const reader = await connectTerminal(server.url, session.id, {
      token: session.token,
      query: { readonly: '1' },
    });
    await Promise.all([writer.waitFor(PROMPT), reader.waitFor(PROMPT)]);
    reader.type('echo from-reader\r');
    writer.type('echo from-writer\r');
    await reader.waitFor(/^from-writer\r$/m);
    assert.doesNotMatch(writer.output(), /from-reader/);
    await Promise.all([writer.close(), reader.close()]);
  });

  test("refuses another session's token, a cross-origin upgrade, a rebound host name, and a missing first-message token", async () => {
    const other = await createSession(server.url);
    assert.equal((await terminalTicket(server.url, session.id, other.token)).status, 403);
    const { ticket } = await terminalTicket(server.url, session.id, session.token);
    const own = terminalUrl(server.url, session.id, { ticket });
    // Refused before the ticket is looked at, so it still opens the terminal after.
    assert.equal(await upgradeStatus(own, { origin: 'https://evil.example' }), 403);
    assert.equal(await upgradeStatus(own, { host: `evil.example:${server.port}` }), 403);
    assert.equal(await upgradeStatus(own, { origin: server.url }), 101);
    const t = await connectTerminal(server.url, session.id);
    t.control({ type: 'auth', token: other.token });
    assert.equal((await t.closed).code, 4403);
    const good = await connectTerminal(server.url, session.id);
    good.control({ type: 'auth', token: session.token });
    await good.waitFor(PROMPT);
    await good.close();
  });

  test('opens with a ticket once, only for its own session, and refuses a token in the URL', async () => {
    const other = await createSession(server.url);
    const { ticket } = await terminalTicket(server.url, session.id, session.token);
    assert.equal(await upgradeStatus(terminalUrl(server.url, other.id, { ticket })), 401);
    const spent = await terminalTicket(server.url, session.id, session.token);
    const url = terminalUrl(server.url, session.id, { ticket: spent.ticket });
    assert.equal(await upgradeStatus(url), 101);
    assert.equal(await upgradeStatus(url), 401);
    const leaked = terminalUrl(server.url, session.id, { token: session.token });
    assert.equal(await upgradeStatus(leaked), 400);
    assert.doesNotMatch(server.output(), new RegExp(`${ticket}|${spent.ticket}|${session.token}`));
  });

  test('refuses more sockets waiting for their first message than PENDING_AUTH_PER_CLIENT, with 429', async () => {
    const waiting = await Promise.all([1, 2].map(() => connectTerminal(server.url, session.id)));
    const bare = terminalUrl(server.url, session.id);
    assert.equal(await upgradeStatus(bare), 429);
    // A ticket authenticates before the upgrade, so it never waits and is not counted.
    const t = await connectTerminal(server.url, session.id, { token: session.token });
    await t.waitFor(PROMPT);
    await t.close();
    await waiting[0]?.close();
    // The server frees the slot when it sees the close, a moment after the client does.
    let next: TerminalClient | undefined;
    for (let i = 0; !next && i < 50; i++) {
      next = await connectTerminal(server.url, session.id).catch(async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return undefined;
      });
    }
    assert.ok(next, 'a slot frees when a waiting socket closes');
    next.control({ type: 'auth', token: session.token });
    await next.waitFor(PROMPT);
    await Promise.all([next.close(), waiting[1]?.close()]);
  });

  test('closes with 1009 on a frame over 64 KiB', async () => {
    const t = await connectTerminal(server.url, session.id, { token: session.token });
    await t.waitFor(PROMPT);
    t.socket.send(Buffer.alloc(65 * 1024, 0x61), { binary: true });
    assert.equal((await t.closed).code, 1009);
  });

  test('pauses output for a client that never acks, keeping server memory bounded, and Ctrl-C still works', async () => {
    const t = await connectTerminal(server.url, session.id, { token: session.token, ack: false });
    await t.waitFor(PROMPT);
    const pid = server.child.pid ?? 0;
    t.type('yes\r');
    // Output flows until the client holds the high watermark unacknowledged…
    for (let i = 0; t.received() < TERMINAL_HIGH_WATERMARK; i++) {
      assert.ok(i < 100_000, 'yes produced output');
      await t.roundTrip();
    }
    // …then stops: after each of many round trips (each pong follows whatever the
    // server sent before it) it is still near the watermark, however long they took,
    // and the server's memory does not grow while the shell goes on writing.
    const rssPaused = rssKiB(pid);
    for (let i = 0; i < 100; i++) {
      await t.roundTrip();
      assert.ok(t.received() < 512 * 1024, `output stopped near the watermark (${t.received()})`);
    }
    const grownMiB = (rssKiB(pid) - rssPaused) / 1024;
    assert.ok(grownMiB < 10, `server RSS grew ${grownMiB.toFixed(1)} MiB while paused`);
    // Ctrl-C while paused; from now on the client acks what it gets, as the
    // browser does once it has rendered, so output resumes and the prompt returns.
    const mark = t.received();
    let acked = 0;
    const acking = setInterval(() => {
      const bytes = t.received() - acked;
      if (bytes > 0) t.control({ type: 'ack', bytes });
      acked += bytes;
    }, 20);
    try {
      t.type('\x03');
      await until(
        () => PROMPT.test(plain(t.output().slice(-200))),
        15_000,
        'the prompt after Ctrl-C',
      );
      t.type('echo stopped-$((1+1))\r');
      await until(() => /stopped-2\r/.test(plain(t.output().slice(mark))), 15_000, 'the echo');
    } finally {
      clearInterval(acking);
      await t.close();
    }
  });

  test('keeps server memory bounded for a client that acknowledges everything and reads nothing', async (context) => {
    // A wide terminal and long lines: tmux passes on ~5 MB/s of `yes`, far more than socket buffers hold.
    const t = await connectTerminal(server.url, session.id, {
      token: session.token,
      ack: false,
      query: { cols: '1000', rows: '300' },
    });
    await t.waitFor(PROMPT);
    const pid = server.child.pid ?? 0;
    const rssBefore = rssKiB(pid);
    // From here the client reads nothing (its TCP window closes) yet claims to have rendered a lot.
    t.socket.pause();
    const forging = setInterval(() => t.control({ type: 'ack', bytes: 1024 * 1024 }), 10);
    let peak = rssBefore;
    try {
      t.type('yes "$(printf %0990d 0)"\r');
      for (let i = 0; i < 50; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        peak = Math.max(peak, rssKiB(pid));
      }
    } finally {
      clearInterval(forging);
    }
    const grownMiB = (peak - rssBefore) / 1024;
    context.diagnostic(
      `server RSS ${(rssBefore / 1024).toFixed(1)} MiB, peak +${grownMiB.toFixed(1)} MiB`,
    );
    assert.ok(grownMiB < 24, `server RSS grew ${grownMiB.toFixed(1)} MiB under forged acks`);
    // Read again, acknowledging honestly, and stop `yes` so that the shell is usable after.
    let acked = t.received();
    const acking = setInterval(() => {
      const bytes = t.received() - acked;
      if (bytes > 0) t.control({ type: 'ack', bytes });
      acked += bytes;
    }, 20);
    try {
      t.socket.resume();
      t.type('\x03');
      await until(
        () => PROMPT.test(plain(t.output().slice(-200))),
        30_000,
        'the prompt after Ctrl-C',
      );
    } finally {
      clearInterval(acking);
      await t.close();
    }
  });

  test('gives the same shell after the server is killed with SIGKILL and started again', async () => {
    const before = await connectTerminal(server.url, session.id, { token: session.token });
    await before.waitFor(PROMPT);
    before.type('echo "shell=$$"\r');
    const pid = (await before.waitFor(/^shell=(\d+)\r$/m))[1];
    await server.kill();
    assert.equal((await before.closed).code, 1006);
    server = await startServer(
      { TERMINALS_PER_SESSION: '3', PENDING_AUTH_PER_CLIENT: '2' },
      server.dataDir,
    );
    const after = await connectTerminal(server.url, session.id, { token: session.token });
    after.type('echo "shell=$$"\r');
    await after.waitFor(new RegExp(`shell=${pid}\\r\\n[\\s\\S]*shell=${pid}\\r`));
    await after.close();
  });
});
