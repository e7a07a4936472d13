/** Looks at the real engine sandboxes run on from a test, through the docker CLI. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../server/config.ts';

const root = path.resolve(import.meta.dirname, '../../..');
/** The engine the sandboxes run on (Netlab's own, unless DOCKER_SOCKET names another). */
export const sandboxSocket = loadConfig(process.env).dockerSocket;

/** The docker CLI on the sandbox engine. */
export function docker(...args: string[]): string {
  return cli(`unix://${sandboxSocket}`, args);
}

/** The docker CLI on the machine's usual engine, where images are built and the server image runs. */
export function buildDocker(...args: string[]): string {
  return cli(process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock', args);
}

function cli(host: string, args: string[]): string {
  return execFileSync('docker', ['-H', host, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Containers labelled for a Netlab session: one session's, or all of one server instance's. */
export function labelledContainers(sessionId?: string, instance?: string): string[] {
  const filters = [sessionId ? `label=netlab.session=${sessionId}` : 'label=netlab.session'];
  if (instance) filters.push(`label=netlab.instance=${instance}`);
  const out = docker('ps', '-aq', ...filters.flatMap((f) => ['--filter', f]));
  return out ? out.split('\n') : [];
}

/** Runs a shell command inside a session's sandbox. */
export function inSandbox(sessionId: string, command: string): string {
  return docker('exec', `netlab-${sessionId}`, 'sh', '-c', command);
}

/** Runs a lab's own solution.sh in a session's sandbox, with the session's parameters. */
export function runSolution(sessionId: string, lab: string, params: Record<string, string>): void {
  const env = Object.entries(params)
    .map(([k, v]) => `export ${k}='${v}';`)
    .join(' ');
  inSandbox(
    sessionId,
    `${env} ${readFileSync(path.join(root, `labs/${lab}/solution.sh`), 'utf8')}`,
  );
}

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
