/**
 * Probes that must send traffic or run something: can_reach (ping or a TCP
 * connect), http_get (curl) and shell. Each builds a command that runs inside
 * the sandbox, in the namespace it starts from, never from the lab server;
 * the grader batches them into one exec and hands each its section back.
 */
import type { Section } from './batch.ts';
import { marker, shq } from './batch.ts';
import type { CheckOf } from './check-schema.ts';
import { isIpv4 } from './ipv4.ts';
import { result, type ProbeResult } from './result.ts';
import { clip, t, type Text } from './text.ts';
import { findContainer, findNamespace, type World } from './world.ts';

export type ActiveCall = CheckOf<'can_reach'> | CheckOf<'http_get'> | CheckOf<'shell'>;

/** A command to run for an active probe, or the verdict when it cannot even start. */
export type ActivePlan =
  { ok: true; handle: string; script: string } | { ok: false; result: ProbeResult };

/** Plans the command an active probe runs. */
export function planActive(call: ActiveCall, world: World, nonce: string): ActivePlan {
  const where = call.probe === 'shell' ? call.ns : call.from;
  const lookup = findNamespace(world, where);
  if (!lookup.ok) return { ok: false, result: result(false, expectedOf(call), lookup.why) };
  const { handle, kind } = lookup.ns;
  if (call.probe === 'shell') return { ok: true, handle, script: call.command };
  if (call.probe === 'http_get') return { ok: true, handle, script: curlScript(call, nonce) };
  if (!isIpv4(call.to) && kind !== 'container')
    return {
      ok: false,
      result: result(
        false,
        expectedOf(call),
        t(
          `${call.to} is not an address, and only containers have Docker's DNS to resolve names`,
          `${call.to} 不是地址，而只有容器能用 Docker 的 DNS 解析名字`,
        ),
      ),
    };
  return { ok: true, handle, script: reachScript(call) };
}

/** The `sec` line that runs a planned probe as section `key` of a batch. */
export function activeLine(key: string, plan: { handle: string; script: string }): string {
  return `sec ${shq(key)} in_ns ${shq(plan.handle)} timeout -s KILL 8 sh -c ${shq(plan.script)} &`;
}

function reachScript(call: CheckOf<'can_reach'>): string {
  // Names go to Docker's embedded DNS, which answers inside the container's namespace.
  const resolve = isIpv4(call.to)
    ? `a=${shq(call.to)}`
    : `a=$(timeout 2 busybox nslookup ${shq(call.to)} 127.0.0.11 2>/dev/null | awk '/^Name:/{n=1} n && /^Address:/{print $2; exit}')
[ -n "$a" ] || { echo ${shq(`the name ${call.to} does not resolve`)} >&2; exit 3; }`;
  const port = call.port === undefined ? null : Number(call.port);
  const probe =
    port === null
      ? 'ping -c 1 -W 1 "$a" >/dev/null'
      : `timeout 1 bash -c ": <>/dev/tcp/$a/${Number.isInteger(port) ? port : 0}"`;
  return `${resolve}\necho "$a"\n${probe}`;
}

function curlScript(call: CheckOf<'http_get'>, nonce: string): string {
  const header = call.host ? ` -H ${shq(`Host: ${call.host}`)}` : '';
  const status = `\\n${marker(nonce)}-status %{http_code}\\n`;
  // One curl for all requests: each URL is a new connection, so a Service's DNAT picks afresh.
  const urls = Array.from({ length: call.repeat }, () => shq(call.url)).join(' ');
  return `curl -sS --connect-timeout 1 -m 3 -H 'Connection: close'${header} -w '${status}' ${urls}`;
}

/** Judges an active probe from its section of the batch output. */
export function judgeActive(
  call: ActiveCall,
  section: Section | undefined,
  nonce: string,
  world: World | null = null,
): ProbeResult {
  const expected = expectedOf(call);
  if (!section)
    return result(false, expected, t('the check did not finish in time', '检查没有按时完成'));
  if (call.probe === 'shell') return judgeShell(call, section, expected);
  if (call.probe === 'http_get') return judgeHttp(call, section, expected, nonce);
  const address = section.stdout.trim().split('\n')[0] ?? call.to;
  const wrongHost = world ? otherHolder(world, call.to, address) : null;
  if (wrongHost) return result(false, expected, wrongHost);
  const reached = section.exitCode === 0;
  const why = clip(section.stderr) || (call.port ? 'no connection' : 'no reply to ping');
  const actual = reached
    ? t(`${address} answered`, `${address} 有回应`)
    : t(`${call.to} did not answer: ${why}`, `${call.to} 没有回应：${why}`);
  return result(reached === call.reachable, expected, actual, reached ? address : null);
}

/**
 * A name that is a container's must lead to that container: the embedded DNS
 * answers for aliases too, so another container can answer to the name.
 */
function otherHolder(world: World, name: string, address: string): Text | null {
  if (isIpv4(name) || address === '') return null;
  const c = findContainer(world, name);
  if (!c) return null;
  const own = Object.values(c.networks).map((e) => e.ip);
  if (own.includes(address)) return null;
  return t(
    `the name ${name} resolved to ${address}, which is not ${name}'s address (${own.filter(Boolean).join(', ') || 'it has none'})`,
    `名字 ${name} 解析到了 ${address}，而这不是 ${name} 的地址（${own.filter(Boolean).join('、') || '它没有地址'}）`,
  );
}

function judgeShell(call: CheckOf<'shell'>, section: Section, expected: Text): ProbeResult {
  let stdoutOk = true;
  if (call.stdout !== undefined) {
    try {
      stdoutOk = new RegExp(call.stdout, 'm').test(section.stdout);
    } catch {
      stdoutOk = false;
    }
  }
  const said = clip(section.stdout || section.stderr) || '-';
  const actual = t(
    `it exited with ${section.exitCode} and printed: ${said}`,
    `退出码为 ${section.exitCode}，输出：${said}`,
  );
  return result(
    section.exitCode === call.exit_code && stdoutOk,
    expected,
    actual,
    section.stdout.trim(),
  );
}

function judgeHttp(
  call: CheckOf<'http_get'>,
  section: Section,
  expected: Text,
  nonce: string,
): ProbeResult {
  const responses = splitResponses(section.stdout, nonce);
  const first = responses[0];
  // A request that got no answer at all is said as such, whichever of the repeats it was.
  const silent = responses.findIndex((r) => r.status === '000');
  if (!first || silent >= 0) {
    const n = responses.length;
    const [en, zh] =
      n > 1
        ? [` (request ${silent + 1} of ${n})`, `（第 ${silent + 1} 次，共 ${n} 次）`]
        : ['', ''];
    return result(
      false,
      expected,
      t(
        `no HTTP answer${en}: ${clip(section.stderr) || 'nothing came back'}`,
        `没有 HTTP 应答${zh}：${clip(section.stderr) || '没有任何返回'}`,
      ),
    );
  }
  const allowed =
    call.body === undefined ? null : Array.isArray(call.body) ? call.body : [call.body];
  // Bodies are compared whole: a page that merely mentions a backend is not its answer.
  const wrong = responses.find(
    (r) =>
      r.status !== String(call.status) ||
      (allowed !== null && !allowed.some((b) => sameBody(b, r.body))),
  );
  const missing = (call.seen ?? []).filter((s) => !responses.some((r) => sameBody(s, r.body)));
  const bodies = [...new Set(responses.map((r) => clip(r.body, 60)))].join(' | ');
  const actual = wrong
    ? t(
        `it answered ${wrong.status}: ${clip(wrong.body, 120) || '(empty body)'}`,
        `应答为 ${wrong.status}：${clip(wrong.body, 120) || '（空）'}`,
      )
    : t(
        `${responses.length} answer(s) with ${first.status}: ${bodies}`,
        `${responses.length} 次应答均为 ${first.status}：${bodies}`,
      );
  return result(wrong === undefined && missing.length === 0, expected, actual, first.status);
}

/**
 * A body equals the expected one as a whole. An expected IPv4 address also
 * matches the IPv4-mapped form a dual-stack server reports ("[::ffff:10.244.1.2]"):
 * the same address, not a longer one.
 */
function sameBody(expected: string, body: string): boolean {
  if (body === expected) return true;
  if (!isIpv4(expected)) return false;
  return body.replace(/^\[?::ffff:/i, '').replace(/\]$/, '') === expected;
}

function splitResponses(stdout: string, nonce: string): { status: string; body: string }[] {
  const mark = `${marker(nonce)}-status `;
  const responses: { status: string; body: string }[] = [];
  let body: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith(mark)) {
      responses.push({ status: line.slice(mark.length).trim(), body: body.join('\n').trim() });
      body = [];
    } else body.push(line);
  }
  return responses;
}

/** What an active probe expects, in words. */
export function expectedOf(call: ActiveCall): Text {
  if (call.probe === 'shell')
    return (
      call.says ??
      t(
        `\`${call.command}\` exits with ${call.exit_code}${call.stdout ? ` and prints /${call.stdout}/` : ''}`,
        `\`${call.command}\` 的退出码为 ${call.exit_code}${call.stdout ? `，且输出匹配 /${call.stdout}/` : ''}`,
      )
    );
  if (call.probe === 'http_get') {
    const host = call.host ? ` (Host: ${call.host})` : '';
    const bodies =
      call.body === undefined ? [] : Array.isArray(call.body) ? call.body : [call.body];
    const shown = bodies.map((b) => `"${b}"`).join(' or ');
    const body = bodies.length
      ? t(` with the body ${shown}`, `，且内容恰好是 ${bodies.map((b) => `“${b}”`).join(' 或 ')}`)
      : t('', '');
    const seen = call.seen
      ? t(
          `; over ${call.repeat} requests, each of ${call.seen.map((b) => `"${b}"`).join(' and ')}`,
          `；${call.repeat} 次请求中，${call.seen.map((b) => `“${b}”`).join(' 和 ')} 都出现过`,
        )
      : t('', '');
    return t(
      `GET ${call.url}${host} from ${call.from} answers ${call.status}${body.en}${seen.en}`,
      `从 ${call.from} 请求 GET ${call.url}${host} 得到 ${call.status}${body['zh-cn']}${seen['zh-cn']}`,
    );
  }
  const target = `${call.to}${call.port ? ` port ${call.port}` : ''}`;
  return call.reachable
    ? t(`${call.from} can reach ${target}`, `${call.from} 能访问 ${target}`)
    : t(`${call.from} cannot reach ${target}`, `${call.from} 无法访问 ${target}`);
}
