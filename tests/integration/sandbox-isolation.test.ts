/**
 * A reader who is root in a sandbox is nobody on the host: every way out that
 * a root shell in a plain Docker-in-Docker container has (issue 10) is tried
 * from inside a real sandbox and must be refused. Shown by asking the kernel
 * (system calls that are undone at once, `test -w` and `find -writable`), never
 * by writing a host control file; the one write to a kernel interface, the
 * binfmt_misc entry, goes only to an instance proven to be the sandbox's own.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../server/config.ts';
import type { SandboxInfo } from '../../server/sandbox/driver.ts';
import { docker } from './helpers/docker.ts';
import { sh, testDriver } from './helpers/driver.ts';

const driver = testDriver();
const probes = readFileSync(path.join(import.meta.dirname, 'helpers/kernel-probes.pl'), 'utf8');
let a: SandboxInfo;

/** Runs a command in the sandbox, failing or not, and returns its exit code and output. */
async function attempt(command: string, stdin?: string) {
  const r = await driver.exec(a.containerId, ['sh', '-c', command], {
    timeoutMs: 60_000,
    maxBytes: 1 << 16,
    ...(stdin === undefined ? {} : { stdin }),
  });
  return { code: r.exitCode, out: `${r.stdout}${r.stderr}`.trim() };
}

const probe = async (args: string) => (await attempt(`perl - ${args}`, probes)).out;
const run = (command: string) => sh(driver, a.containerId, command);

/** Sysctls that belong to the sandbox's own namespaces (network, IPC, PID, user): its to change. */
const OWN_SYSCTL =
  /^(net\/|user\/|fs\/mqueue\/|kernel\/(auto_msgmni|msg|sem|shm|ns_last_pid|pid_max))/;

describe('a sandbox, as seen by a reader who is root in it', () => {
  before(async () => {
    a = await driver.create(`iso-${process.pid}`);
  });
  after(async () => {
    await driver.destroy(a.containerId);
  });

  test('maps its root to an unprivileged uid on the host', async () => {
    const [inside, outside] = (await run('cat /proc/self/uid_map')).trim().split(/\s+/);
    assert.equal(inside, '0');
    assert.notEqual(outside, '0', 'root in the sandbox must not be root on the host');
    const pid = docker('inspect', '-f', '{{.State.Pid}}', a.containerId);
    const hostUid = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^Uid:\s+(\d+)/m)?.[1];
    assert.equal(hostUid, outside, 'the sandbox init runs as that uid on the host');
  });

  test('refuses open_by_handle_at on every file bind-mounted from the host', async () => {
    const binds = (await run('awk \'$4 != "/" { print $5 }\' /proc/self/mountinfo'))
      .split('\n')
      .filter((p) => /^\/etc\/(hosts|hostname|resolv\.conf)$/.test(p));
    assert.deepEqual(binds.sort(), ['/etc/hostname', '/etc/hosts', '/etc/resolv.conf']);
    for (const file of binds) assert.match(await probe(`handle ${file}`), /^refused /, file);
  });

  test('refuses BPF tracing programs, system-wide perf events and filesystem-wide fanotify', async () => {
    assert.match(await probe('bpf'), /^refused /);
    assert.match(await probe('perf'), /^refused /);
    assert.match(await probe('fanotify /etc/hostname'), /^refused /);
  });

  test('has a keyring of its own, not host root’s', async () => {
    const host = execFileSync('perl', ['-', 'keyring'], { input: probes, encoding: 'utf8' });
    assert.notEqual((await probe('keyring')).trim(), host.trim());
  });

  test('finds no writable host control file in its /proc or in a fresh procfs', async () => {
    const own = (await run('find /proc/sys -type f -writable 2>/dev/null || true')).split('\n');
    const fresh = (
      await run(
        'mkdir -p /mnt/fresh-proc && unshare -m sh -c "mount -t proc proc /mnt/fresh-proc && ' +
          'cd /mnt/fresh-proc && find sys -type f -writable 2>/dev/null; ' +
          'for f in sysrq-trigger sys/kernel/core_pattern sys/vm/drop_caches; do test -w $f && echo $f; done; true"',
      )
    ).split('\n');
    const hostFiles = [...own.map((f) => f.replace(/^\/proc\//, '')), ...fresh]
      .filter(Boolean)
      .map((f) => f.replace(/^sys\//, ''))
      .filter((f) => !OWN_SYSCTL.test(f));
    assert.deepEqual(hostFiles, [], 'writable kernel files outside the sandbox’s own namespaces');
    assert.equal((await attempt('test -r /proc/kcore')).code, 1, '/proc/kcore is not readable');
  });

  test('finds nothing writable in a fresh sysfs but its own network devices, and cannot mount tracefs', async () => {
    const sysfs = await run(
      'mkdir -p /mnt/fresh-sys && unshare -m sh -c "mount -t sysfs sysfs /mnt/fresh-sys && ' +
        'cd /mnt/fresh-sys && find . -type f -writable 2>/dev/null; true"',
    );
    const foreign = sysfs.split('\n').filter((f) => f && !f.startsWith('./devices/virtual/net/'));
    assert.deepEqual(foreign, [], 'writable sysfs files outside the sandbox’s own network devices');
    const r = await attempt(
      'mkdir -p /mnt/tracefs && unshare -m mount -t tracefs tracefs /mnt/tracefs',
    );
    assert.notEqual(r.code, 0, `mounting tracefs must fail: ${r.out}`);
  });

  test('gets a binfmt_misc of its own: an entry registered inside is not the host’s', async () => {
    const mnt = '/tmp/netlab-binfmt';
    const hostView = () =>
      execFileSync(
        'unshare',
        [
          '-m',
          'sh',
          '-c',
          'd=$(mktemp -d) && mount -t binfmt_misc none "$d" && stat -c %d "$d" && ls "$d"',
        ],
        { encoding: 'utf8' },
      ).split('\n');
    // Both mounted at once, so that the two device numbers name two live superblocks.
    const [inside, owner] = (
      await run(
        `mkdir -p ${mnt} && mount -t binfmt_misc binfmt_misc ${mnt} && stat -c '%d %u' ${mnt}/register`,
      )
    )
      .trim()
      .split(' ');
    try {
      const [hostDev] = hostView();
      // Proven a separate instance, owned by the sandbox's root, before anything is written to it.
      assert.notEqual(inside, hostDev, 'the sandbox’s binfmt_misc must not be the host’s instance');
      assert.equal(owner, '0', 'its files belong to the sandbox’s root, not to the host’s');
      const entry = 'netlab-inert';
      await run(
        `echo ':${entry}:E::netlabinert::/bin/false:' > ${mnt}/register && test -e ${mnt}/${entry}`,
      );
      assert.ok(!hostView().includes(entry), 'the entry is not listed on the host');
      await run(`echo -1 > ${mnt}/${entry}`);
    } finally {
      await run(`umount ${mnt}`);
    }
  });

  test('cannot write its own cgroup limits, and may only delegate below them', async () => {
    for (const file of [
      'memory/memory.limit_in_bytes',
      'memory/memory.memsw.limit_in_bytes',
      'pids/pids.max',
      'cpu/cpu.cfs_quota_us',
      'cpu/cpu.cfs_burst_us',
      'devices/devices.allow',
    ]) {
      const r = await attempt(`[ ! -e /sys/fs/cgroup/${file} ] || test -w /sys/fs/cgroup/${file}`);
      assert.notEqual(r.code, 0, `${file} must not be writable`);
    }
    assert.equal((await attempt('test -w /sys/fs/cgroup/pids/cgroup.procs')).code, 0);
  });

  test('stops writes to its own filesystem at its quota while the host’s free space stays', async () => {
    const quotaMiB = loadConfig(process.env).sandbox.rootfsBytes / 2 ** 20;
    const hostFree = () => {
      const s = statfsSync('/');
      return s.bavail * s.bsize;
    };
    const before = hostFree();
    const fill = await attempt('dd if=/dev/zero of=/root/fill bs=1M 2>&1; sync; du -m /root/fill');
    const after = hostFree();
    await run('rm -f /root/fill');
    assert.match(fill.out, /Disk quota exceeded/);
    const written = Number(/^(\d+)\s+\/root\/fill$/m.exec(fill.out)?.[1]);
    assert.ok(
      written <= quotaMiB + 32 && written >= quotaMiB / 2,
      `wrote ${written} MiB of ${quotaMiB}`,
    );
    const movedMiB = (before - after) / 2 ** 20;
    assert.ok(movedMiB < written / 4, `the host's free space moved by ${movedMiB.toFixed(0)} MiB`);
  });

  test('stops writes to its inner engine’s storage at SANDBOX_DISK_MB', async () => {
    const r = await attempt(
      'dd if=/dev/zero of=/var/lib/docker/fill bs=1M 2>&1; rm -f /var/lib/docker/fill',
    );
    assert.match(r.out, /No space left on device/);
    assert.equal((await run('docker info -f {{.ServerVersion}}')).trim().length > 0, true);
  });
});
