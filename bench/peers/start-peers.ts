/**
 * Sandbox start side by side on the same engine: Netlab cold (POST to ready,
 * no warm pool) and warm (from the pool); a plain Docker-in-Docker container
 * that imports the course images when it starts, the way Play with Docker and
 * `docker:dind` setups do (the same image, its baked store removed first); and
 * the floor, `docker run --rm` of a container that does nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createSession, request, waitReady } from '../../tests/integration/helpers/api.ts';
import { sandboxSocket } from '../../tests/integration/helpers/docker.ts';
import type { RunningServer } from '../../tests/integration/helpers/server.ts';
import type { HealthResponse } from '../../server/protocol.ts';
import { sleep } from '../stats.ts';

const IMAGE = process.env.SANDBOX_IMAGE ?? 'netlab/sandbox:latest';
const host = `unix://${sandboxSocket}`;

/** POST /api/sessions to ready, then the session ended. */
export async function netlabStart(server: RunningServer, warm: boolean): Promise<number> {
  if (warm)
    while ((await request<HealthResponse>(`${server.url}/api/health`)).body.sandboxes.warm < 1)
      await sleep(50);
  const started = performance.now();
  const s = await createSession(server.url);
  const view = await waitReady(server.url, s);
  const ms = performance.now() - started;
  if (view.status !== 'ready') throw new Error(`session failed: ${view.reason ?? ''}`);
  await request(`${server.url}/api/sessions/${s.id}`, { method: 'DELETE', token: s.token });
  return ms;
}

/** A plain DinD container: dockerd starts empty and imports busybox, nginx and httpd; ready once they are in. */
export function plainDindStart(round: number): Promise<number> {
  const name = `netlab-peer-dind-${process.pid}-${round}`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      'docker',
      [
        '-H',
        host,
        'run',
        '--rm',
        '--name',
        name,
        '--network',
        'none',
        '--cgroupns',
        'private',
        '--cap-add',
        'SYS_ADMIN',
        '--cap-add',
        'NET_ADMIN',
        '--security-opt',
        'seccomp=unconfined',
        '--security-opt',
        'systempaths=unconfined',
        '--tmpfs',
        '/var/lib/docker:rw,exec,dev,suid,size=2g',
        '--entrypoint',
        'sh',
        IMAGE,
        '-c',
        'rm -rf /opt/netlab/store /opt/netlab/layers; exec /opt/netlab/entrypoint.sh',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('netlab: ready')) return;
      const ms = performance.now() - started;
      spawnSync('docker', ['-H', host, 'rm', '-f', name], { stdio: 'ignore' });
      resolve(ms);
    });
    child.once('exit', (code) => {
      if (!out.includes('netlab: ready'))
        reject(new Error(`plain DinD exited ${code}: ${out.slice(-300)}`));
    });
  });
}

/** The floor: a container that starts and exits at once, on the same engine. */
export function floorStart(): number {
  const started = performance.now();
  const r = spawnSync(
    'docker',
    ['-H', host, 'run', '--rm', '--network', 'none', '--entrypoint', 'true', IMAGE],
    { stdio: 'ignore' },
  );
  if (r.status !== 0) throw new Error('the floor container failed');
  return performance.now() - started;
}
