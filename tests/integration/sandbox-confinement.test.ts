/**
 * What a reader cannot do from inside a sandbox. Everything here is shown by
 * reading state (routes, links, mounts, file modes), never by sending traffic
 * to an outside address or writing to a kernel control file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SandboxInfo } from '../../server/sandbox/driver.ts';
import { sh, testDriver } from './helpers/driver.ts';

const driver = testDriver();
let a: SandboxInfo;
let b: SandboxInfo;
const run = (command: string, on: SandboxInfo = a) => sh(driver, on.containerId, command);

describe('a sandbox', () => {
  before(async () => {
    [a, b] = await Promise.all([
      driver.create(`conf-a-${process.pid}`),
      driver.create(`conf-b-${process.pid}`),
    ]);
  });
  after(async () => {
    await Promise.all([driver.destroy(a.containerId), driver.destroy(b.containerId)]);
  });

  test('has no interface but lo and its own docker0, and no default route', async () => {
    const links = (await run("ip -o link | awk -F': ' '{print $2}'")).trim().split('\n');
    assert.deepEqual(links.sort(), ['docker0', 'lo']);
    const routes = await run('ip route show table all');
    assert.doesNotMatch(routes, /^default /m);
    assert.match(await run('ip route'), /^172\.17\.0\.0\/16 dev docker0 /m);
  });

  test('can neither see nor read a host block device', async () => {
    assert.equal((await run('find /dev -type b | wc -l')).trim(), '0');
    const disk = (
      await run('awk \'NR>2 && $4 !~ /[0-9]$/ {print $1":"$2; exit}\' /proc/partitions')
    ).trim();
    assert.match(disk, /^\d+:\d+$/, 'the host has a disk to try');
    const [major, minor] = disk.split(':');
    const r = await driver.exec(
      a.containerId,
      ['sh', '-c', `mknod /tmp/disk b ${major} ${minor} && head -c 512 /tmp/disk >/dev/null`],
      { timeoutMs: 5000, maxBytes: 4096 },
    );
    assert.notEqual(r.exitCode, 0, `reading block device ${disk} must fail`);
    assert.match(r.stderr, /Operation not permitted/);
  });

  test('has no cgroup release_agent visible', async () => {
    assert.equal(
      (await run('find /sys/fs/cgroup -name release_agent 2>/dev/null | wc -l')).trim(),
      '0',
    );
  });

  test('cannot widen devices.allow', async () => {
    const r = await driver.exec(
      a.containerId,
      ['sh', '-c', "echo 'a *:* rwm' > /sys/fs/cgroup/devices/devices.allow"],
      { timeoutMs: 5000, maxBytes: 4096 },
    );
    assert.notEqual(r.exitCode, 0, 'writing a wider rule must fail');
    assert.match(r.stderr, /I\/O error|Operation not permitted|Permission denied/);
    assert.doesNotMatch(await run('cat /sys/fs/cgroup/devices/devices.list'), /^a \*:\* rwm$/m);
  });

  test('keeps /proc/sysrq-trigger and the kernel’s files unwritable, and kernel memory unreadable', async () => {
    // Unmasked in a user namespace (so the inner engine can mount /proc), yet owned by the host's root.
    for (const file of [
      '/proc/sysrq-trigger',
      '/proc/sys/kernel/panic',
      '/proc/sys/kernel/core_pattern',
      '/proc/sys/vm/drop_caches',
      '/proc/irq',
      '/proc/bus',
    ]) {
      const out = await run(
        `if [ -e ${file} ] && [ -w ${file} ]; then echo writable; else echo ok; fi`,
      );
      assert.equal(out.trim(), 'ok', `${file} must not be writable`);
    }
    for (const file of ['/proc/kcore', '/proc/timer_list']) {
      const out = await run(`if [ -r ${file} ]; then echo readable; else echo ok; fi`);
      assert.equal(out.trim(), 'ok', `${file} must not be readable`);
    }
  });

  test('holds a CPU hog to SANDBOX_CPUS', async () => {
    const quota = Number((await run('cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us')).trim());
    assert.equal(quota, 100_000, 'SANDBOX_CPUS 1: 100 ms in each 100 ms period');
    // Two spinning shells would take both of a two-core host's cores without the limit.
    const usage = 'cat /sys/fs/cgroup/cpuacct/cpuacct.usage';
    const used = await run(
      `u=$(${usage}); t=$(date +%s%N); ` +
        'for i in 1 2; do timeout 3 sh -c "while :; do :; done" & done; wait; ' +
        `echo $(( ($(${usage}) - u) * 100 / ($(date +%s%N) - t) ))`,
    );
    const percent = Number(used.trim());
    assert.ok(percent > 50 && percent <= 105, `the hog used ${percent} % of one CPU`);
  });

  test('kills a memory hog at its memory limit while another sandbox stays responsive', async () => {
    // tail keeps every byte of a line that never ends.
    const hog = driver.exec(b.containerId, ['sh', '-c', 'tail /dev/zero'], {
      timeoutMs: 60_000,
      maxBytes: 1024,
    });
    const started = performance.now();
    assert.equal((await run('echo alive')).trim(), 'alive');
    assert.ok(performance.now() - started < 2000, 'the other sandbox answers within 2 s');
    const r = await hog;
    assert.equal(r.exitCode, 137, 'the hog is killed (SIGKILL by the OOM killer)');
    assert.equal(r.timedOut && performance.now() - started > 55_000, false);
    const oom = await sh(
      driver,
      b.containerId,
      'grep ^oom_kill /sys/fs/cgroup/memory/memory.oom_control',
    );
    assert.match(oom, /^oom_kill [1-9]/m, 'the kill happened in the sandbox’s own cgroup');
  });

  test('stops a fork bomb at its pids limit while another sandbox stays responsive', async () => {
    const limit = Number((await run('cat /sys/fs/cgroup/pids/pids.max')).trim());
    assert.equal(limit, 1024);
    void driver.exec(a.containerId, ['bash', '-c', 'bomb() { bomb | bomb & }; bomb; sleep 20'], {
      timeoutMs: 20_000,
      maxBytes: 1024,
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const started = performance.now();
    assert.equal((await run('echo alive', b)).trim(), 'alive');
    assert.ok(performance.now() - started < 2000, 'the other sandbox answers within 2 s');
    const current = Number((await run('cat /sys/fs/cgroup/pids/pids.current', b)).trim());
    assert.ok(current < 100, `sandbox b runs few processes (${current})`);
    const inspect = await driver.exec(a.containerId, ['cat', '/sys/fs/cgroup/pids/pids.current'], {
      timeoutMs: 5000,
      maxBytes: 64,
    });
    // Exec itself may be refused when the bomb holds every pid; either way the limit held.
    if (inspect.exitCode === 0) assert.ok(Number(inspect.stdout.trim()) <= 1024);
  });
});
