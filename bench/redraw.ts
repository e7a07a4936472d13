/**
 * What a redraw at a new width costs the reader (src/client/terminal/screen-size.ts):
 * the browser's own TerminalConnection on a real sandbox, its width changed
 * back and forth; timed from the resize to the first output of the new
 * attach, the 250 ms the size must hold included.
 */
import { createSession, waitReady } from '../tests/integration/helpers/api.ts';
import { startServer } from '../tests/integration/helpers/server.ts';
import { nodeSockets } from '../tests/integration/helpers/terminal-client.ts';
import { TerminalConnection } from '../src/client/terminal-connection.ts';
import { REDRAW_DELAY_MS } from '../src/client/terminal/screen-size.ts';
import { ms, percentile, printTable, sleep } from './stats.ts';

const ROUNDS = 20;

export async function benchRedraw(): Promise<void> {
  const server = await startServer();
  try {
    const session = await createSession(server.url, 'bridge');
    await waitReady(server.url, session);
    let onLive: (() => void) | null = null;
    let onOutput: (() => void) | null = null;
    const connection = new TerminalConnection({
      baseUrl: server.url,
      sessionId: session.id,
      token: session.token,
      cols: 80,
      rows: 24,
      socketFactory: nodeSockets,
      listeners: {
        data: (_bytes, rendered) => {
          rendered();
          onOutput?.();
          onOutput = null;
        },
        state: (change) => {
          if (change.state === 'live') onLive?.();
          onLive = null;
        },
      },
    });
    connection.connect();
    await sleep(2000);
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      const shown = new Promise<void>((resolve) => (onLive = () => (onOutput = resolve)));
      connection.resize(i % 2 ? 80 : 64, 24);
      await shown;
      times.push(performance.now() - started);
      await sleep(500);
    }
    connection.close();
    printTable(`Redraw at a new width (${ROUNDS} rounds)`, [
      {
        measure: 'resize → new screen, p50',
        value: ms(percentile(times, 50)),
        target: `${REDRAW_DELAY_MS} ms + attach`,
      },
      { measure: 'resize → new screen, p95', value: ms(percentile(times, 95)), target: '' },
    ]);
  } finally {
    await server.stop();
  }
}
