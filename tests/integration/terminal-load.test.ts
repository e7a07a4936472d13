/**
 * Terminals that open under load: a room of readers opening their terminals in
 * the same few seconds — 100 at once over 25 sessions, 4 each — every one opens
 * and echoes what is typed. (Once, with 50, one closed at once: its exec had
 * not printed the wrapper's pid line; attach now looks for the line past any
 * engine noise, says what came instead, and tries once more. What came instead,
 * once it was said, was runc's "unable to create session key: disk quota
 * exceeded": every sandbox's root is one host uid, whose kernel key quota (200)
 * ran out at ~150 execs at once; Netlab's engine now raises it, engine/host.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CreateSessionResponse } from '../../server/protocol.ts';
import { createSession, waitReady } from './helpers/api.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { connectTerminal } from './helpers/terminal-client.ts';

const SESSIONS = 25;
const PER_SESSION = 4;
let server: RunningServer;
let sessions: CreateSessionResponse[];

describe('terminals opened at once', { timeout: 600_000 }, () => {
  before(async () => {
    server = await startServer({
      MAX_SESSIONS_PER_CLIENT: String(SESSIONS),
      TERMINALS_PER_SESSION: String(PER_SESSION),
      MAX_SANDBOXES: String(SESSIONS),
    });
    sessions = await Promise.all(Array.from({ length: SESSIONS }, () => createSession(server.url)));
    await Promise.all(sessions.map((s) => waitReady(server.url, s, 300_000)));
  });
  after(async () => {
    await server.stop();
  });

  test('opens all 100 and each echoes what is typed in it', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: SESSIONS * PER_SESSION }, async (_, i) => {
        const s = sessions[Math.floor(i / PER_SESSION)] as CreateSessionResponse;
        try {
          const t = await connectTerminal(server.url, s.id, {
            token: s.token,
            query: { window: `w${i % PER_SESSION}` },
          });
          await t.waitFor(/root@netlab:~# /, 120_000);
          t.type(`echo typed-$((${i} + 1000))\r`);
          await t.waitFor(new RegExp(`^typed-${i + 1000}\\r$`, 'm'), 120_000);
          await t.close();
          return null;
        } catch (error) {
          return `terminal ${i}: ${(error as Error).message.slice(0, 300)}`;
        }
      }),
    );
    assert.deepEqual(
      outcomes.filter((o) => o !== null),
      [],
    );
    assert.doesNotMatch(server.output(), /printed no pid|ended before it started/);
  });
});
