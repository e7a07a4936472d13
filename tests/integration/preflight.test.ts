/**
 * The first five minutes, as a newcomer meets them: the preflight stops a start
 * with one sentence and its fix when something is missing, and a fresh install,
 * `npx netlab --help` and `npm start` print no warning about the machine's Node.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const node = process.execPath;
/** PATH as a newcomer's shell has it: without the project's node_modules/.bin, which npm scripts add. */
const userPath = (process.env.PATH ?? '')
  .split(':')
  .filter((dir) => !dir.includes('node_modules'))
  .join(':');

function preflight(purpose: string, env: Record<string, string>) {
  const r = spawnSync(node, [path.join(root, 'scripts/preflight.ts'), purpose], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the preflight', () => {
  test('stops with the sentence and the fix when no engine answers', () => {
    const r = preflight('start', { DOCKER_HOST: 'unix:///tmp/netlab-no-engine.sock', PORT: '0' });
    assert.equal(r.code, 1);
    assert.match(r.out, /No Docker engine answers at unix:\/\/\/tmp\/netlab-no-engine\.sock\./);
    assert.match(r.out, /Fix: sudo systemctl start docker/);
  });

  test('stops when the port is taken by another program', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const r = preflight('start', { HOST: '127.0.0.1', PORT: String(port) });
      assert.equal(r.code, 1);
      assert.match(r.out, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
      assert.match(r.out, new RegExp(`Fix: PORT=${port + 1} npm start`));
    } finally {
      holder.close();
    }
  });

  test('stops when Docker is not installed', () => {
    // A PATH with the shell's basic tools and no Docker.
    const bin = mkdtempSync(path.join(os.tmpdir(), 'netlab-path-'));
    for (const tool of ['sh', 'perl', 'unshare', 'blkid', 'mkfs.btrfs']) {
      const found = spawnSync('sh', ['-c', `command -v ${tool}`], {
        encoding: 'utf8',
      }).stdout.trim();
      if (found) symlinkSync(found, path.join(bin, tool));
    }
    try {
      const r = preflight('start', { PATH: bin, PORT: '0' });
      assert.equal(r.code, 1);
      assert.match(r.out, /Docker is not installed \(no docker( or dockerd)? on PATH\)\./);
      assert.match(r.out, /Fix: sudo apt-get install docker\.io/);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  test('passes quietly on this machine, and doctor lists every check', () => {
    assert.deepEqual(preflight('test', {}), { code: 0, out: '' });
    const r = spawnSync(node, [path.join(root, 'server/cli.ts'), 'doctor'], {
      cwd: root,
      env: { ...process.env, PORT: '0' },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0);
    assert.deepEqual(
      r.stdout
        .trim()
        .split('\n')
        .map((line) => line.slice(0, 6)),
      ['ok    ', 'ok    ', 'ok    ', 'ok    ', 'ok    ', 'ok    ', 'ok    '],
    );
  });
});

describe('a newcomer’s npm', () => {
  test('installs afresh and runs npx netlab --help without a warning', { timeout: 300_000 }, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'netlab-install-'));
    try {
      for (const file of ['package.json', 'package-lock.json', '.npmrc', 'bin', 'server'])
        cpSync(path.join(root, file), path.join(dir, file), { recursive: true });
      const env = { ...process.env, PATH: userPath };
      const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
        cwd: dir,
        env,
        encoding: 'utf8',
      });
      assert.equal(install.status, 0, install.stderr);
      assert.doesNotMatch(`${install.stdout}${install.stderr}`, /warn/i);
      const help = spawnSync('npx', ['netlab', '--help'], { cwd: dir, env, encoding: 'utf8' });
      assert.equal(help.status, 0);
      assert.match(help.stdout, /netlab doctor/);
      assert.doesNotMatch(`${help.stdout}${help.stderr}`, /warn|EBADENGINE/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('starts the server with npm start, printing no warning', { timeout: 300_000 }, async () => {
    const child = spawn('npm', ['start'], {
      cwd: root,
      env: {
        ...process.env,
        PATH: userPath,
        PORT: '0',
        HOST: '127.0.0.1',
        WARM_POOL: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that the server npm starts is stopped with it.
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`npm start did not start:\n${out}`)),
          280_000,
        );
        child.stdout.on('data', () => {
          if (/Netlab is running at http:\/\/localhost:\d+\//.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        });
        void exited.then(() => reject(new Error(`npm start exited:\n${out}`)));
      });
      assert.doesNotMatch(out, /npm warn|EBADENGINE/i);
    } finally {
      process.kill(-(child.pid ?? 0), 'SIGTERM');
      await exited;
    }
  });
});
