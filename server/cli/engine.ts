/**
 * `netlab engine start | stop | status`: Netlab's own isolated Docker engine
 * (server/sandbox/engine.ts), which lab servers start when they need it and
 * which keeps running until stopped here.
 */
import type { EngineConfig } from '../config.ts';
import { EngineError, engineStatus, ensureEngine, stopEngine } from '../sandbox/engine.ts';

export async function engineCommand(
  action: string | undefined,
  engine: EngineConfig,
  out: (line: string) => void,
): Promise<number> {
  try {
    if (action === 'start') {
      await ensureEngine(engine);
      out(`engine: running at ${engine.socketPath}`);
      return 0;
    }
    if (action === 'stop') {
      out((await stopEngine(engine)) ? 'engine: stopped' : 'engine: was not running');
      return 0;
    }
    if (action === 'status') {
      const status = await engineStatus(engine);
      const what = status.managed ? "Netlab's own engine" : 'the engine at DOCKER_SOCKET';
      out(
        `engine: ${what} is ${status.running ? 'running' : 'not running'} (${status.socketPath}` +
          `${status.pid ? `, dockerd pid ${status.pid}` : ''})`,
      );
      return status.running ? 0 : 1;
    }
    return 2;
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    process.stderr.write(`netlab: ${error.message}\n`);
    return 1;
  }
}
