import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TERMINAL_HIGH_WATERMARK } from '../../../server/protocol.ts';
import {
  TerminalConnection,
  type SocketLike,
  type StateChange,
  type TerminalConnectionOptions,
} from '../../../src/client/terminal-connection.ts';
import { FakeTimers } from './terminal/fake-timers.ts';

/** A scripted stand-in for the browser's WebSocket. */
class FakeSocket implements SocketLike {
  binaryType = 'blob';
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: (string | Uint8Array)[] = [];
  closedWith: [number | undefined, string | undefined] | null = null;
  readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  send(data: string | ArrayBufferView | ArrayBuffer): void {
    this.sent.push(typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer));
  }

  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
    this.readyState = 3;
  }

  // ---- the server's side
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  text(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  bytes(data: Uint8Array): void {
    this.onmessage?.({
      data: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
    });
  }
  live(readOnly = false): void {
    this.open();
    this.text({ type: 'status', state: 'live', window: 'main', readOnly });
  }
  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  messages(): unknown[] {
    return this.sent
      .filter((m): m is string => typeof m === 'string')
      .map((m) => JSON.parse(m) as unknown);
  }
  input(): string {
    return this.sent
      .filter((m): m is Uint8Array => typeof m !== 'string')
      .map((m) => new TextDecoder().decode(m))
      .join('');
  }
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function setup(extra: Partial<TerminalConnectionOptions> = {}) {
  const sockets: FakeSocket[] = [];
  const states: StateChange[] = [];
  const data: [Uint8Array, () => void][] = [];
  const timers = new FakeTimers();
  const connection = new TerminalConnection({
    baseUrl: 'https://lab.example/',
    sessionId: 'abc123',
    token: 'secret-token',
    cols: 100,
    rows: 30,
    timers,
    random: () => 0.5,
    socketFactory: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    ...extra,
    listeners: {
      state: (change) => states.push(change),
      data: (bytes, rendered) => data.push([bytes, rendered]),
      ...extra.listeners,
    },
  });
  const last = (): FakeSocket => {
    const socket = sockets.at(-1);
    assert.ok(socket, 'a socket was opened');
    return socket;
  };
  return { connection, sockets, states, data, timers, last };
}

describe('TerminalConnection', () => {
  test('opens a wss URL without the token and authenticates with the first message', () => {
    const { connection, last } = setup();
    connection.connect();
    const url = new URL(last().url);
    assert.equal(url.protocol, 'wss:');
    assert.equal(url.pathname, '/api/sessions/abc123/terminal');
    assert.equal(url.searchParams.get('window'), 'main');
    assert.equal(url.searchParams.get('cols'), '100');
    assert.equal(url.searchParams.get('rows'), '30');
    assert.equal(url.searchParams.get('token'), null);
    assert.equal(url.searchParams.get('lang'), null);
    assert.equal(last().binaryType, 'arraybuffer');
    last().open();
    assert.deepEqual(last().messages(), [{ type: 'auth', token: 'secret-token' }]);
  });

  test("names the reader's language in the URL, so that live task feedback comes in it", () => {
    const { connection, last } = setup({ lang: 'zh-cn' });
    connection.connect();
    assert.equal(new URL(last().url).searchParams.get('lang'), 'zh-cn');
  });

  test('goes connecting → live on the server status and reports read-only windows', () => {
    const { connection, states, last } = setup({ readOnly: true });
    connection.connect();
    assert.equal(new URL(last().url).searchParams.get('readonly'), '1');
    last().live(true);
    assert.deepEqual(
      states.map((s) => s.state),
      ['live'],
    );
    assert.equal(states[0]?.readOnly, true);
    assert.equal(connection.state, 'live');
  });

  test('holds input typed before the shell attaches, then sends it in order', () => {
    const { connection, timers, last } = setup();
    connection.connect();
    connection.send('echo early\r');
    last().open();
    assert.equal(last().input(), '');
    last().text({ type: 'status', state: 'live', window: 'main', readOnly: false });
    connection.send('ls\r');
    // The window's set-up script prints the saved scrollback (colours included) first.
    last().bytes(encode('\x1b[32mroot@netlab\x1b[0m:~# old\r\n\r\n\r\n'));
    assert.equal(last().input(), '', 'nothing is typed into the set-up script');
    last().bytes(encode('\x1b[?1h\x1b=\x1b[H\x1b[2Jroot@netlab:~# '));
    assert.equal(last().input(), '', 'tmux gets a moment to finish attaching');
    timers.tick(50);
    assert.equal(last().input(), 'echo early\rls\r');
    connection.send(new TextEncoder().encode('pwd\r'));
    assert.equal(last().input(), 'echo early\rls\rpwd\r');
  });

  test('sees the attach sequence even when split across frames', () => {
    const { connection, timers, last } = setup();
    connection.connect();
    last().live();
    connection.send('x');
    last().bytes(encode('\r\n\x1b'));
    last().bytes(encode('['));
    assert.equal(last().input(), '');
    last().bytes(encode('?25h'));
    timers.tick(50);
    assert.equal(last().input(), 'x');
  });

  test('sends held input anyway once the attach wait runs out', () => {
    const { connection, timers, last } = setup({ attachTimeoutMs: 1000 });
    connection.connect();
    last().live();
    connection.send('x');
    timers.tick(999);
    assert.equal(last().input(), '');
    timers.tick(1);
    assert.equal(last().input(), 'x');
    connection.send('y');
    assert.equal(last().input(), 'xy');
  });

  test('a reconnect waits for the new attach before sending', () => {
    const { connection, timers, last } = setup();
    connection.connect();
    last().live();
    last().bytes(encode('\x1b[?1h'));
    last().serverClose(1006);
    connection.send('during the blip\r');
    timers.tick(10_000);
    last().live();
    assert.equal(last().input(), '');
    last().bytes(encode('\x1b[?1h'));
    timers.tick(50);
    assert.equal(last().input(), 'during the blip\r');
  });

  const resizes = (socket: FakeSocket): unknown[] =>
    socket.messages().filter((m) => (m as { type: string }).type === 'resize');
  /** The size a socket's URL asks the server to draw at. */
  const sizeOf = (socket: FakeSocket): [string | null, string | null] => {
    const url = new URL(socket.url);
    return [url.searchParams.get('cols'), url.searchParams.get('rows')];
  };
  /** Lets a pending redraw happen: its delay, then the longest wait for the old socket's close. */
  const redrawDue = (timers: FakeTimers): void => {
    timers.tick(250);
    timers.tick(1000);
  };
  const attached = (socket: FakeSocket, timers: FakeTimers): void => {
    socket.bytes(encode('\x1b[?1h'));
    timers.tick(50);
  };

  test('sends a change of height once the screen is shown, and only a change', () => {
    const { connection, timers, last } = setup();
    connection.connect();
    last().live();
    attached(last(), timers);
    connection.resize(100, 30); // the URL's size
    connection.resize(100, 25);
    connection.resize(100, 25);
    connection.resize(100, 40);
    assert.deepEqual(resizes(last()), [
      { type: 'resize', cols: 100, rows: 25 },
      { type: 'resize', cols: 100, rows: 40 },
    ]);
  });

  test('draws the screen afresh at a new width once it holds, live all along, typing held, stale answers dropped', () => {
    const { connection, sockets, states, timers, last } = setup();
    connection.connect();
    last().live();
    attached(last(), timers);
    const old = last();
    connection.resize(90, 30);
    timers.tick(100);
    connection.resize(80, 28); // a dragged pane: one redraw, at the last size
    timers.tick(249);
    assert.equal(old.closedWith, null);
    timers.tick(1);
    assert.deepEqual(old.closedWith, [1000, 'redrawn at a new size']);
    assert.equal(sockets.length, 1, 'waits for the close that frees its place on the server');
    connection.send('ls\r');
    connection.send('\x1b[?1;2c'); // xterm.js answering the old tmux client's query
    old.serverClose(1000);
    assert.equal(sockets.length, 2);
    assert.deepEqual(sizeOf(last()), ['80', '28']);
    last().live();
    attached(last(), timers);
    assert.equal(last().input(), 'ls\r');
    assert.deepEqual(resizes(old), []);
    assert.deepEqual(
      states.map((s) => s.state),
      ['live', 'live'],
    );
  });

  test('redraws a size changed before the screen arrived, without waiting long for the close', () => {
    const { connection, sockets, timers, last } = setup();
    connection.connect();
    connection.resize(90, 25); // the pane settled after the URL was made
    last().live();
    assert.deepEqual(resizes(last()), []);
    redrawDue(timers);
    assert.equal(sockets.length, 2);
    assert.deepEqual(sizeOf(last()), ['90', '25']);
  });

  test('drops, and acknowledges, output drawn for the old size while its redraw is pending', () => {
    const { connection, data, timers, last } = setup({ ackBatchBytes: 1000, ackDelayMs: 100 });
    connection.connect();
    connection.resize(100, 28); // a notice above the pane took two rows
    last().live();
    const screen = encode('history\r\n\x1b[?1h\x1b[1;30r');
    last().bytes(screen);
    assert.deepEqual(data, [], 'a 30-row screen would scroll a 28-row terminal');
    timers.tick(100);
    const acks = last()
      .messages()
      .filter((m) => (m as { type: string }).type === 'ack');
    assert.deepEqual(
      acks,
      [{ type: 'ack', bytes: screen.byteLength }],
      'the server is not left waiting',
    );
    redrawDue(timers);
    last().live();
    last().bytes(encode('history'));
    assert.equal(data.length, 1, "the new attach's output is shown");
  });

  /** A screen shown at 100×30, then the pane narrowed: a redraw is pending. */
  const narrowed = () => {
    const parts = setup();
    parts.connection.connect();
    parts.last().live();
    attached(parts.last(), parts.timers);
    const shown = parts.data.length;
    parts.connection.resize(90, 30);
    return { ...parts, shown };
  };

  test('redraws once output was dropped, even when the size comes back to the drawn one', () => {
    const { connection, sockets, data, timers, last, shown } = narrowed();
    last().bytes(encode('drawn at 100 columns'));
    connection.resize(100, 30);
    assert.equal(data.length, shown);
    redrawDue(timers);
    assert.equal(sockets.length, 2);
    assert.deepEqual(sizeOf(last()), ['100', '30']);
  });

  test('shows output as before when a pending redraw is called off before any arrived', () => {
    const { connection, sockets, data, timers, last, shown } = narrowed();
    connection.resize(100, 30);
    last().bytes(encode('prompt'));
    timers.tick(2000);
    assert.equal(sockets.length, 1);
    assert.equal(data.length, shown + 1);
  });

  test('attaches again at the same size for a reader scrolling back past lines tmux never drew', () => {
    let printed = 0;
    const { connection, sockets, states, timers, last } = setup({
      listeners: { historyPrinted: () => printed++ },
    });
    connection.connect();
    last().live();
    attached(last(), timers);
    assert.equal(connection.refreshScrollback(), false, 'the scrollback is whole');
    last().bytes(encode('1\r\n2\r\n\x1b[1;30r\x1b[28S\x1b[3;1H121'));
    const old = last();
    assert.equal(connection.refreshScrollback(), true);
    assert.deepEqual(old.closedWith, [1000, 'redrawn for the scrollback']);
    old.serverClose(1000);
    assert.equal(sockets.length, 2);
    assert.deepEqual(sizeOf(last()), ['100', '30']);
    last().live();
    assert.equal(connection.refreshScrollback(), false, 'the new attach printed the history');
    assert.equal(printed, 0, 'not before the shell has attached');
    attached(last(), timers);
    assert.equal(printed, 1);
    assert.deepEqual(
      states.map((s) => s.state),
      ['live', 'live'],
    );
  });

  test('does not attach again for the scrollback unless live', () => {
    const { connection, sockets, timers, last } = setup();
    connection.connect();
    last().live();
    last().bytes(encode('\x1b[5S'));
    last().serverClose(1006);
    assert.equal(connection.refreshScrollback(), false);
    timers.tick(100);
    assert.equal(sockets.length, 1, 'the retry waits its turn');
  });

  test('a reconnect opens with the current size in the URL', () => {
    const { connection, timers, last } = setup();
    connection.connect();
    last().live();
    connection.resize(132, 43);
    last().serverClose(1006);
    timers.tick(10_000);
    const url = new URL(last().url);
    assert.equal(url.searchParams.get('cols'), '132');
    assert.equal(url.searchParams.get('rows'), '43');
    last().live();
    assert.deepEqual(
      last()
        .messages()
        .filter((m) => (m as { type: string }).type === 'resize'),
      [],
    );
  });

  test('acknowledges rendered bytes in batches, never more than were rendered', () => {
    const { connection, data, timers, last } = setup({ ackBatchBytes: 1000, ackDelayMs: 100 });
    connection.connect();
    last().live();
    const acks = (): number[] =>
      last()
        .messages()
        .filter((m): m is { type: 'ack'; bytes: number } => (m as { type: string }).type === 'ack')
        .map((m) => m.bytes);
    last().bytes(new Uint8Array(600));
    last().bytes(new Uint8Array(600));
    assert.deepEqual(acks(), [], 'nothing acked before it is rendered');
    data[0]?.[1]();
    data[0]?.[1](); // a second call for the same chunk counts once
    assert.deepEqual(acks(), []);
    data[1]?.[1]();
    assert.deepEqual(acks(), [1200], 'the batch threshold sends at once');
    last().bytes(new Uint8Array(10));
    data[2]?.[1]();
    assert.deepEqual(acks(), [1200]);
    timers.tick(100);
    assert.deepEqual(acks(), [1200, 10], 'a small remainder is acked after the delay');
  });

  test('keeps the server flowing: a burst beyond the high watermark is fully acked once rendered', () => {
    const { connection, data, last } = setup();
    connection.connect();
    last().live();
    const chunk = 8 * 1024;
    const chunks = Math.ceil((TERMINAL_HIGH_WATERMARK * 2) / chunk);
    for (let i = 0; i < chunks; i++) last().bytes(new Uint8Array(chunk));
    for (const [, rendered] of data) rendered();
    const acked = last()
      .messages()
      .filter((m): m is { type: 'ack'; bytes: number } => (m as { type: string }).type === 'ack')
      .reduce((sum, m) => sum + m.bytes, 0);
    assert.equal(acked, chunks * chunk);
  });

  test('reconnects after a network drop with growing, jittered, capped delays', () => {
    const randoms = [0, 1 - Number.EPSILON, 0.5];
    let i = 0;
    const { connection, states, sockets, timers, last } = setup({
      random: () => randoms[i++ % randoms.length] ?? 0,
    });
    connection.connect();
    last().live();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      last().serverClose(1006);
      const change = states.at(-1);
      assert.equal(change?.state, 'reconnecting');
      assert.equal(change.attempt, attempt);
      delays.push(change.retryInMs ?? -1);
      timers.tick(change.retryInMs ?? 0);
    }
    assert.equal(sockets.length, 9);
    // window = 500·2^(n-1) capped at 10 s; the delay lies in [window/2, window].
    delays.forEach((delay, n) => {
      const window = Math.min(10_000, 500 * 2 ** n);
      assert.ok(
        delay >= window / 2 && delay <= window,
        `attempt ${n + 1}: ${delay} within [${window / 2}, ${window}]`,
      );
    });
    assert.ok(Math.max(...delays) <= 10_000);
  });

  test('treats a restarting server, a session still starting and full capacity as transient', () => {
    for (const code of [1001, 1006, 1011, 1012, 4409, 4503]) {
      const { connection, states, timers, sockets, last } = setup();
      connection.connect();
      last().live();
      last().serverClose(code, 'later');
      assert.equal(states.at(-1)?.state, 'reconnecting', `close ${code}`);
      timers.tick(10_000);
      assert.equal(sockets.length, 2, `close ${code} reconnects`);
    }
  });

  test('decides from the server’s retry class when one close code means both (4409)', () => {
    for (const [code, retry, expected] of [
      ['NETLAB_ERR_SESSION_NOT_READY', 'retry', 'reconnecting'],
      ['NETLAB_ERR_WORKSHOP_FULL', 'final', 'ended'],
      ['NETLAB_ERR_CAPACITY', 'later', 'reconnecting'],
    ] as const) {
      const { connection, states, last } = setup();
      connection.connect();
      last().open();
      last().text({ type: 'status', state: 'ended', code, retry, reason: code });
      last().serverClose(4409, code);
      assert.equal(states.at(-1)?.state, expected, code);
    }
  });

  test('resets the backoff once a reconnect goes live', () => {
    const { connection, states, timers, last } = setup();
    connection.connect();
    last().live();
    last().serverClose(1006);
    timers.tick(states.at(-1)?.retryInMs ?? 0);
    last().serverClose(1006);
    assert.equal(states.at(-1)?.attempt, 2);
    timers.tick(states.at(-1)?.retryInMs ?? 0);
    last().live();
    last().serverClose(1006);
    assert.equal(states.at(-1)?.attempt, 1);
  });

  test('ends for good with the server reason after a final close, and does not retry', () => {
    for (const code of [4401, 4403, 4404, 4410]) {
      const { connection, states, timers, sockets, last } = setup();
      connection.connect();
      last().open();
      last().text({
        type: 'status',
        state: 'ended',
        code: 'NETLAB_ERR_SESSION_ENDED',
        reason: 'the full reason from the server',
      });
      last().serverClose(code, 'truncated…');
      const change = states.at(-1);
      assert.equal(change?.state, 'ended', `close ${code}`);
      assert.equal(change.closeCode, code);
      assert.equal(change.code, 'NETLAB_ERR_SESSION_ENDED');
      assert.equal(change.reason, 'the full reason from the server');
      assert.equal(timers.count, 0);
      timers.tick(60_000);
      assert.equal(sockets.length, 1);
      assert.equal(connection.endReason?.closeCode, code);
    }
  });

  test('retries a close that came without a status message, whatever its code', () => {
    const { connection, states, last } = setup();
    connection.connect();
    last().serverClose(4404, 'No such session');
    assert.equal(states.at(-1)?.state, 'reconnecting');
    assert.equal(states.at(-1)?.reason, 'No such session');
  });

  test('a shell that exited ends the connection; reconnect() opens a new one', () => {
    const { connection, states, sockets, last } = setup();
    connection.connect();
    last().live();
    last().serverClose(1000, 'the shell exited');
    assert.equal(states.at(-1)?.state, 'ended');
    connection.send('dropped');
    connection.reconnect();
    assert.equal(sockets.length, 2);
    assert.equal(states.at(-1)?.state, 'connecting');
    last().live();
    assert.equal(connection.state, 'live');
    assert.equal(last().input(), '');
  });

  test('reconnect() during a wait retries at once and cancels the timer', () => {
    const { connection, timers, sockets, last } = setup();
    connection.connect();
    last().live();
    last().serverClose(1006);
    assert.equal(timers.count, 1);
    connection.reconnect();
    assert.equal(timers.count, 0);
    assert.equal(sockets.length, 2);
  });

  test('ignores late events and renders of a replaced socket', () => {
    const { connection, states, data, timers, sockets, last } = setup();
    connection.connect();
    const first = last();
    first.live();
    first.bytes(new Uint8Array(50));
    first.serverClose(1006);
    timers.tick(10_000);
    const second = last();
    assert.notEqual(first, second);
    second.live();
    data[0]?.[1](); // the old chunk renders late
    timers.tick(1000);
    assert.deepEqual(
      second.messages().filter((m) => (m as { type: string }).type === 'ack'),
      [],
    );
    const count = states.length;
    first.serverClose(1006); // stale
    assert.equal(states.length, count);
    assert.equal(sockets.length, 2);
  });

  test('close() closes the socket, stops retries and reports ended', () => {
    const { connection, states, timers, sockets, last } = setup();
    connection.connect();
    last().live();
    const socket = last();
    connection.close();
    assert.equal(socket.closedWith?.[0], 1000);
    assert.equal(states.at(-1)?.state, 'ended');
    timers.tick(60_000);
    assert.equal(sockets.length, 1);
  });

  test('passes pushed task results to the listener', () => {
    const tasks: unknown[] = [];
    const { connection, last } = setup({ listeners: { tasks: (t) => tasks.push(t) } });
    connection.connect();
    last().live();
    last().text({ type: 'tasks', tasks: [{ id: 'run-busybox1', passed: true, detail: null }] });
    last().onmessage?.({ data: 'not json' });
    assert.deepEqual(tasks, [[{ id: 'run-busybox1', passed: true, detail: null }]]);
  });

  test('a socket that cannot even be created counts as a transient failure', () => {
    let calls = 0;
    const { connection, states } = setup({
      socketFactory: () => {
        calls++;
        throw new Error('blocked');
      },
    });
    connection.connect();
    assert.equal(calls, 1);
    assert.equal(states.at(-1)?.state, 'reconnecting');
  });
});
