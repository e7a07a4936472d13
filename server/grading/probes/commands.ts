/**
 * The command_ran probe: the sandbox's bash logs every command typed in the
 * terminal (time, exit code, command) to /var/log/netlab/commands.log, and an
 * action task looks for one there.
 */
import type { CheckOf } from './check-schema.ts';
import { result, type ProbeResult } from './result.ts';
import { clip, t, type Text } from './text.ts';
import { findContainer, type World } from './world.ts';

/** A logged command matching the pattern, with the wanted exit status, after a container started. */
export function commandRanProbe(call: CheckOf<'command_ran'>, world: World): ProbeResult {
  const expected = expectedText(call);
  let pattern: RegExp;
  try {
    pattern = new RegExp(call.pattern);
  } catch {
    return result(
      false,
      expected,
      t(
        'the lab’s pattern is not a valid regular expression',
        '实验的匹配模式不是有效的正则表达式',
      ),
    );
  }
  const log = world.commands ?? [];
  if (log.length === 0)
    return result(
      false,
      expected,
      t('no commands have been typed in the terminal yet', '终端里还没有输入过命令'),
    );
  const since = startedAt(call, world);
  if (!since.ok) return result(false, expected, since.why);
  const matching = log.filter((c) => pattern.test(c.command));
  const hit = matching.find((c) => c.time >= since.time && exitOk(call.exit_code, c.exitCode));
  if (hit)
    return result(
      true,
      expected,
      t(`you ran: ${clip(hit.command)}`, `你运行了：${clip(hit.command)}`),
      hit.command,
    );
  return result(false, expected, missText(call, matching.at(-1), since.time));
}

function exitOk(wanted: CheckOf<'command_ran'>['exit_code'], code: number): boolean {
  if (wanted === 'any') return true;
  if (wanted === 'nonzero') return code !== 0;
  return code === wanted;
}

function startedAt(call: CheckOf<'command_ran'>, world: World) {
  if (call.after_started === undefined) return { ok: true as const, time: 0 };
  const c = findContainer(world, call.after_started);
  const time = c ? world.extras.get(c.name)?.startedAt : null;
  if (time === undefined || time === null)
    return {
      ok: false as const,
      why: t(`${call.after_started} has not been started`, `${call.after_started} 还没有启动`),
    };
  return { ok: true as const, time };
}

function expectedText(call: CheckOf<'command_ran'>): Text {
  const code =
    call.exit_code === 'any'
      ? t('', '')
      : call.exit_code === 'nonzero'
        ? t(' that failed', '（且执行失败）')
        : call.exit_code === 0
          ? t(' that succeeded', '（且执行成功）')
          : t(` that exited with ${call.exit_code}`, `（退出码为 ${call.exit_code}）`);
  const after = call.after_started
    ? t(` after ${call.after_started} started`, `，在 ${call.after_started} 启动之后`)
    : t('', '');
  const what = call.says ? `"${call.says}"` : `a command matching /${call.pattern}/`;
  const zh = call.says ? `“${call.says}”` : `匹配 /${call.pattern}/ 的命令`;
  return t(
    `${what}${code.en}${after.en}, typed in the terminal`,
    `在终端中运行过${zh}${code['zh-cn']}${after['zh-cn']}`,
  );
}

function missText(
  call: CheckOf<'command_ran'>,
  last: { time: number; exitCode: number; command: string } | undefined,
  since: number,
): Text {
  if (!last) return t('no command like it in the terminal’s log', '终端日志中没有类似的命令');
  const command = clip(last.command);
  if (last.time < since)
    return t(
      `you ran "${command}", but before ${call.after_started ?? '?'} started`,
      `你运行过“${command}”，但那是在 ${call.after_started ?? '?'} 启动之前`,
    );
  return t(
    `you ran "${command}", which exited with ${last.exitCode}`,
    `你运行过“${command}”，退出码为 ${last.exitCode}`,
  );
}
