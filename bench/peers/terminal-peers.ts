/**
 * Terminals side by side: Netlab, WeTTY and the raw exec floor, into the same
 * sandboxes, in interleaved rounds — keystroke echo at 1, 10 and 50 terminals
 * (each typing 5 keys a second, live re-checks on), Ctrl-C during `yes`, and
 * `cat` of 50 MB.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createSession, waitReady } from '../../tests/integration/helpers/api.ts';
import { sandboxSocket } from '../../tests/integration/helpers/docker.ts';
import { testDriver } from '../../tests/integration/helpers/driver.ts';
import type { RunningServer } from '../../tests/integration/helpers/server.ts';
import { sleep } from '../stats.ts';
import { ECHO_KEYS, EchoWatch } from './echo.ts';
import {
  floorTerminal,
  netlabTerminal,
  waitForOutput,
  wettyTerminal,
  type PeerTerminal,
} from './term-clients.ts';

export type PeerName = 'netlab' | 'wetty' | 'floor';
export const PEERS: PeerName[] = ['netlab', 'wetty', 'floor'];
const PER_SANDBOX = 5;
const root = path.resolve(import.meta.dirname, '../..');
const PROMPT = /[#$] $/;

export interface Rig {
  server: RunningServer;
  sessions: { id: string; token: string }[];
  wetty: { port: number; child: ChildProcess }[];
  driver: ReturnType<typeof testDriver>;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/**
 * WeTTY's node-pty, compiled on first use: npm does not run its build on
 * install (package.json's allowScripts), since only this bench needs it.
 */
function ensureNodePty(): void {
  const dir = path.join(root, 'node_modules/node-pty');
  if (existsSync(path.join(dir, 'build/Release/pty.node'))) return;
  console.error('bench: building node-pty for WeTTY (needs make, g++ and python3)…');
  execFileSync('npx', ['--yes', 'node-gyp', 'rebuild'], { cwd: dir, stdio: 'inherit' });
}

/** A WeTTY server whose every connection is `docker exec -it` into one sandbox. */
export async function startWetty(
  sessionId: string,
): Promise<{ port: number; child: ChildProcess }> {
  ensureNodePty();
  const port = await freePort();
  const command = `docker -H unix://${sandboxSocket} exec -it netlab-${sessionId} bash`;
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules/wetty/build/main.js'),
      '--base',
      '/wetty/',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--command',
      command,
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 200; i++) {
    const up = await fetch(
      `http://127.0.0.1:${port}/wetty/socket.io/?EIO=4&transport=polling`,
    ).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { port, child };
    await sleep(50);
  }
  throw new Error('WeTTY did not start');
}

/** Sandboxes enough for `terminals`, and a WeTTY per sandbox (unless only Netlab is measured). */
export async function rig(
  server: RunningServer,
  terminals: number,
  withWetty = true,
): Promise<Rig> {
  const count = Math.ceil(terminals / PER_SANDBOX);
  const sessions = await Promise.all(
    Array.from({ length: count }, () => createSession(server.url, 'bridge')),
  );
  await Promise.all(sessions.map((s) => waitReady(server.url, s)));
  const wetty = withWetty ? await Promise.all(sessions.map((s) => startWetty(s.id))) : [];
  return { server, sessions, wetty, driver: testDriver() };
}

export function stopRig(r: Rig): void {
  for (const w of r.wetty) w.child.kill('SIGTERM');
}

/** Opens terminal `i` of a peer: the i-th window of sandbox i / PER_SANDBOX. */
export async function openTerminal(r: Rig, peer: PeerName, i: number): Promise<PeerTerminal> {
  const k = Math.floor(i / PER_SANDBOX) % r.sessions.length;
  const session = r.sessions[k];
  if (!session) throw new Error('no sandbox');
  let t: PeerTerminal;
  if (peer === 'netlab') t = await netlabTerminal(r.server.url, session, `w${i % PER_SANDBOX}`);
  else if (peer === 'wetty') t = await wettyTerminal(r.wetty[k]?.port ?? 0);
  else t = await floorTerminal(r.driver, `netlab-${session.id}`);
  // A prompt, on a clean line.
  const ready = waitForOutput(t, PROMPT, 30_000);
  t.type('\x15\r');
  await ready;
  return t;
}

/** Types a fresh letter every 200 ms for `seconds`, timing each letter's own echo. */
export async function typist(t: PeerTerminal, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  await sleep(Math.random() * 200);
  for (let i = 0; i < seconds * 5; i++) {
    const key = ECHO_KEYS[i % ECHO_KEYS.length] ?? 'a';
    const sent = performance.now();
    const watch = new EchoWatch(key, sent);
    const echoed = new Promise<void>((resolve) => {
      const timer = setTimeout(finish, 2000);
      const off = t.onFrame((frame) => {
        if (watch.feed(frame, performance.now())) finish();
      });
      function finish(): void {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
    t.type(key);
    await echoed;
    latencies.push(watch.arrivedAfterMs ?? 2000);
    if (key === 'z') t.type('\x15'); // a clean line again, between timed keys
    await sleep(Math.max(0, 200 - (performance.now() - sent)));
  }
  return latencies;
}

/**
 * Typing starts this long after the last terminal of a round opened, for every
 * peer alike: echo is timed in steady state, and the opening itself is timed
 * apart (open → prompt). Typed at once, the first keys of 50 Netlab terminals
 * met the attach work of the others (terminal.sh's tmux calls, the first live
 * check of each session): p99 13–42 ms in two rounds, against ~5 ms settled.
 */
const SETTLE_MS = 2000;
const TYPING_SECONDS = 10;

/** Opens `n` terminals of a peer at once, lets them settle, types into each, closes them. */
export async function typingRound(
  r: Rig,
  peer: PeerName,
  n: number,
): Promise<{ open: number[]; echo: number[] }> {
  const open: number[] = [];
  const terms = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const started = performance.now();
      const t = await openTerminal(r, peer, i);
      open.push(performance.now() - started);
      return t;
    }),
  );
  await sleep(SETTLE_MS);
  const echo = (await Promise.all(terms.map((t) => typist(t, TYPING_SECONDS)))).flat();
  await Promise.all(terms.map((t) => t.close()));
  // The server frees a session's terminal slots once their execs have ended.
  await sleep(1500);
  return { open, echo };
}

/** Ctrl-C during `yes`: ms until the prompt is back. */
export async function ctrlC(t: PeerTerminal): Promise<number> {
  t.type('yes\r');
  await sleep(1000);
  const back = waitForOutput(t, PROMPT, 30_000);
  const sent = performance.now();
  t.type('\x03');
  await back;
  const ms = performance.now() - sent;
  await sleep(300);
  return ms;
}

/** `cat` of a 50 MB file made beforehand: MB/s until the marker after it arrives. */
export async function catThroughput(t: PeerTerminal): Promise<number> {
  const made = waitForOutput(t, /big-2-ready/, 120_000);
  t.type(
    '[ -s /tmp/big ] || head -c 37500000 /dev/urandom | base64 -w 100 > /tmp/big; echo big-$((1+1))-ready\r',
  );
  await made;
  await sleep(300);
  const done = waitForOutput(t, /cat-42-done/, 300_000);
  const started = performance.now();
  t.type('cat /tmp/big; echo cat-$((40+2))-done\r');
  await done;
  return 50 / ((performance.now() - started) / 1000);
}
