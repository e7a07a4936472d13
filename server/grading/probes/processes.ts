/**
 * Probes over processes and files: `listening` (which process, in which
 * container, holds a port: a container is told by its processes' pid
 * namespace, not by a name it prints) and `package` (a program installed by
 * its package: dpkg's database, the file on the PATH, its checksum).
 */
import type { CheckOf } from './check-schema.ts';
import { result, type ProbeResult } from './result.ts';
import { t, type Text } from './text.ts';
import { findContainer, findNamespace, type World } from './world.ts';

/** A port in a namespace is held by a process of the named container (or of no container). */
export function listeningProbe(call: CheckOf<'listening'>, world: World): ProbeResult {
  const port = Number(call.port);
  const expected =
    call.owner === 'host'
      ? t(
          `port ${port} in ${call.ns} is held by a process of the machine itself`,
          `${call.ns} 中的 ${port} 端口由这台机器自身的进程监听`,
        )
      : t(
          `port ${port} in ${call.ns} is held by a process of ${call.owner}`,
          `${call.ns} 中的 ${port} 端口由 ${call.owner} 的进程监听`,
        );
  const lookup = findNamespace(world, call.ns);
  if (!lookup.ok) return result(false, expected, lookup.why);
  const reading = world.listeners.get(call.ns);
  if (!reading?.ok)
    return result(
      false,
      expected,
      t(`ss failed: ${reading?.error ?? 'not read'}`, `ss 执行失败：${reading?.error ?? '未读取'}`),
    );
  const sockets = reading.value.filter((l) => l.port === port);
  if (sockets.length === 0)
    return result(
      false,
      expected,
      t(`nothing listens on port ${port} in ${call.ns}`, `${call.ns} 中没有进程监听 ${port} 端口`),
    );
  const holders = sockets
    .flatMap((s) => s.processes)
    .map((p) => ({ ...p, owner: ownerOf(world, p.pid) }));
  const hit = holders.find((h) => h.owner === call.owner);
  const said = holders
    .map((h) => `${h.name} (pid ${h.pid}, ${h.owner === 'host' ? 'the machine' : h.owner})`)
    .join(', ');
  const actual = t(
    `port ${port} is held by ${said || 'an unknown process'}`,
    `${port} 端口由 ${said || '未知进程'} 监听`,
  );
  return result(hit !== undefined, expected, actual, hit?.owner ?? holders[0]?.owner ?? null);
}

/** The container whose processes share this pid's pid namespace; "host" for the sandbox's own. */
function ownerOf(world: World, pid: number): string {
  const inode = world.pidNamespaces.get(pid);
  if (inode === undefined) return '?';
  const container = world.containers.find(
    (c) => c.pid !== null && world.pidNamespaces.get(c.pid) === inode,
  );
  if (container) return container.name;
  return world.pidNamespaces.get(1) === inode ? 'host' : '?';
}

/** What the package section printed, by kind of line. */
interface PackageState {
  status: string | null;
  version: string | null;
  found: string | null;
  md5: string | null;
  head: string | null;
  listed: string[];
  sums: Map<string, string>;
}

function parsePackage(text: string): PackageState {
  const state: PackageState = {
    status: null,
    version: null,
    found: null,
    md5: null,
    head: null,
    listed: [],
    sums: new Map(),
  };
  for (const line of text.split('\n')) {
    const [kind, a = '', b = ''] = line.split('\t');
    if (kind === 'status') [state.status, state.version] = [a, b];
    else if (kind === 'found') state.found = a;
    else if (kind === 'md5') state.md5 = a;
    else if (kind === 'head') state.head = a;
    else if (kind === 'list') state.listed.push(a);
    else if (kind === 'sum') {
      const [sum = '', file = ''] = a.split(/\s+/);
      state.sums.set(`/${file.replace(/^\//, '')}`, sum);
    }
  }
  return state;
}

/** The same file under merged /usr: /sbin/x is /usr/sbin/x on Debian since bookworm. */
function aliases(path: string): string[] {
  if (/^\/(s?bin|lib)\//.test(path)) return [path, `/usr${path}`];
  if (/^\/usr\/(s?bin|lib)\//.test(path)) return [path, path.slice('/usr'.length)];
  return [path];
}

/** The program on the container's PATH is the package's own file, and the package is installed. */
export function packageProbe(call: CheckOf<'package'>, world: World): ProbeResult {
  const { container, name, binary } = call;
  const expected = t(
    `${binary} in ${container} is the one package ${name} installed (dpkg knows it, and its checksum matches)`,
    `${container} 中的 ${binary} 来自软件包 ${name}（dpkg 有记录，且校验和一致）`,
  );
  const c = findContainer(world, container);
  if (!c)
    return result(
      false,
      expected,
      t(`there is no container named ${container}`, `没有名为 ${container} 的容器`),
    );
  if (!c.running)
    return result(
      false,
      expected,
      t(
        `${container} is not running, so its files cannot be read`,
        `${container} 没有在运行，无法读取它的文件`,
      ),
    );
  const reading = world.packages.get(`${container}/${name}/${binary}`);
  if (!reading?.ok)
    return result(
      false,
      expected,
      t(
        `its files could not be read: ${reading?.error ?? 'not read'}`,
        `无法读取它的文件：${reading?.error ?? '未读取'}`,
      ),
    );
  const why = packageProblem(parsePackage(reading.value), call);
  return result(
    why === null,
    expected,
    why ?? t(`${binary} is ${name}'s own file`, `${binary} 是 ${name} 自己的文件`),
    why === null ? name : null,
  );
}

function packageProblem(s: PackageState, call: CheckOf<'package'>): Text | null {
  const { container, name, binary } = call;
  if (s.status !== 'install ok installed')
    return t(
      `dpkg says ${name} is ${s.status ? `"${s.status}"` : 'not installed'} in ${container}`,
      `dpkg 显示 ${container} 中的 ${name} ${s.status ? `状态为“${s.status}”` : '没有安装'}`,
    );
  if (s.found === null)
    return t(
      `there is no ${binary} on ${container}'s PATH`,
      `${container} 的 PATH 中没有 ${binary}`,
    );
  const owned = aliases(s.found).find((p) => s.listed.includes(p));
  if (owned === undefined)
    return t(
      `${s.found} in ${container} is not a file of ${name}: something else put it there`,
      `${container} 中的 ${s.found} 不是 ${name} 的文件：它是别的方式放进去的`,
    );
  const sum = aliases(owned)
    .map((p) => s.sums.get(p))
    .find((x) => x !== undefined);
  if (sum === undefined || sum !== s.md5)
    return t(
      `${s.found} in ${container} was changed after ${name} installed it (its checksum differs)`,
      `${container} 中的 ${s.found} 在 ${name} 安装之后被改动过（校验和不一致）`,
    );
  return null;
}
