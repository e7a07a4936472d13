/**
 * How a container's runs ended and began again, from the engine's events:
 * `exited` (its last run's end: exit code, killed from outside or ended by
 * itself, what it printed, what else was running) and `restarted` (stopped and
 * started again after it was set up).
 */
import type { ContainerStory, Run } from '../../evidence.ts';
import { runAt } from '../../evidence/facts.ts';
import type { CheckOf } from '../check-schema.ts';
import { result, type ProbeResult } from '../result.ts';
import { clip, t, type Text } from '../text.ts';
import { findContainer, type World } from '../world.ts';
import { storyOf } from './candidates.ts';

/** The container's last run ended the way the check says, for the reason it says. */
export function exitedProbe(call: CheckOf<'exited'>, world: World): ProbeResult {
  const expected = exitedExpected(call);
  const facts = world.evidence?.facts();
  const story = facts ? storyOf(world, facts, call.container) : null;
  if (findContainer(world, call.container)?.running)
    return result(false, expected, t(`${call.container} is running`, `${call.container} 正在运行`));
  const run = story?.runs.findLast((r) => r.end !== null);
  if (!story || !run || run.end === null)
    return result(
      false,
      expected,
      t(`${call.container} has not run and stopped`, `${call.container} 还没有运行并停止过`),
    );
  const how = howItEnded(call.container, run);
  const why = reasonMissing(
    call,
    run,
    world,
    facts ? (ref) => storyOf(world, facts, ref) : () => null,
  );
  return result(why === null, expected, why ?? how, String(run.exitCode ?? ''));
}

function howItEnded(name: string, run: Run): Text {
  const code = run.exitCode ?? '?';
  return run.signals.length > 0
    ? t(
        `${name} was stopped from outside (signal ${run.signals.join(', ')}), exit code ${code}`,
        `${name} 是被外部停止的（信号 ${run.signals.join('、')}），退出码 ${code}`,
      )
    : t(`${name} stopped by itself with exit code ${code}`, `${name} 自行退出，退出码 ${code}`);
}

function reasonMissing(
  call: CheckOf<'exited'>,
  run: Run,
  world: World,
  story: (ref: string) => ContainerStory | null,
): Text | null {
  const code = run.exitCode;
  const codeOk =
    call.exit_code === 'any' ||
    (call.exit_code === 'nonzero' ? code !== null && code !== 0 : code === call.exit_code);
  const killed = run.signals.length > 0;
  if (!codeOk || (call.by === 'itself' && killed) || (call.by === 'signal' && !killed))
    return howItEnded(call.container, run);
  for (const other of call.while_running ?? []) {
    const s = story(other);
    if (!s || run.end === null || runAt(s, run.end) === null)
      return t(
        `${other} was not running when ${call.container} stopped`,
        `${call.container} 停止时 ${other} 没有在运行`,
      );
  }
  if (call.log !== undefined) {
    const log = world.logs.get(call.container);
    if (!log?.ok)
      return t(
        `its log could not be read: ${log?.error ?? '-'}`,
        `无法读取它的日志：${log?.error ?? '-'}`,
      );
    let matches: boolean;
    try {
      matches = new RegExp(call.log, 'm').test(log.value);
    } catch {
      matches = false;
    }
    if (!matches) {
      const said = clip(log.value.split('\n').slice(-2).join(' '), 120) || '(nothing)';
      return t(
        `${call.container}'s last output was: ${said}`,
        `${call.container} 最后的输出是：${said}`,
      );
    }
  }
  return null;
}

function exitedExpected(call: CheckOf<'exited'>): Text {
  const code =
    call.exit_code === 'any'
      ? t('', '')
      : call.exit_code === 'nonzero'
        ? t(' with a non-zero exit code', '，退出码非 0')
        : t(` with exit code ${call.exit_code}`, `，退出码为 ${call.exit_code}`);
  const by =
    call.by === 'itself'
      ? t(
          ', by itself (not killed or stopped from outside)',
          '，且是自行退出（不是被外部杀掉或停止）',
        )
      : call.by === 'signal'
        ? t(', killed by a signal', '，且是被信号杀掉的')
        : t('', '');
  const log = call.log
    ? t(`, its log saying /${call.log}/`, `，日志中有 /${call.log}/`)
    : t('', '');
  const running = call.while_running?.length
    ? t(
        `, while ${call.while_running.join(', ')} ran`,
        `，当时 ${call.while_running.join('、')} 正在运行`,
      )
    : t('', '');
  return t(
    `${call.container} has stopped${code.en}${by.en}${log.en}${running.en}`,
    `${call.container} 已停止${code['zh-cn']}${by['zh-cn']}${log['zh-cn']}${running['zh-cn']}`,
  );
}

/** The container (by id) died and started again after it was set up. */
export function restartedProbe(call: CheckOf<'restarted'>, world: World): ProbeResult {
  const name = call.container;
  const expected = t(
    `${name} was stopped and started again (docker restart, or stop and start) after it was set up`,
    `${name} 在配置好之后被停止并重新启动过（docker restart，或 stop 再 start）`,
  );
  const facts = world.evidence?.facts();
  const story = facts ? storyOf(world, facts, name) : null;
  if (!story || story.runs.length === 0)
    return result(false, expected, t(`${name} has not been started`, `${name} 还没有启动过`));
  const byHand = story.networks.filter((n) => n.byHand).at(-1)?.from ?? null;
  const setUp = Math.max(story.created ?? 0, byHand ?? 0);
  const again = story.runs.findIndex((r, i) => {
    const before = story.runs[i - 1];
    return i > 0 && before?.end != null && before.end >= setUp && r.start > setUp;
  });
  if (again > 0)
    return result(true, expected, t(`${name} was restarted`, `${name} 已重启过`), 'restarted');
  const earlier = story.runs.length > 1;
  const actual =
    earlier && byHand !== null
      ? t(
          `${name} was restarted, but before its network settings last changed (docker network connect)`,
          `${name} 重启过，但那是在它的网络设置最后一次改变（docker network connect）之前`,
        )
      : t(
          `${name} has run once since it was created and was never stopped and started again`,
          `${name} 自创建以来只运行过一次，没有被停止后重新启动`,
        );
  return result(false, expected, actual);
}
