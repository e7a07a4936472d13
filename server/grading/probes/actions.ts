/**
 * Probes over what the reader did (see check-schema/evidence.ts): `ran`
 * (a command, by meaning, with its exit status and order), `exited` (how and
 * why a container stopped) and `restarted`. They read the session's evidence
 * (engine events and shell records) that the World carries, and say which
 * command or event they judged, so a reader sees why it did not count.
 */
import type { Facts } from '../evidence.ts';
import { networksAt, runAt } from '../evidence/facts.ts';
import { difference, meaningOfText, sameMeaning, type Meaning } from '../evidence/meaning.ts';
import type { CheckOf } from './check-schema.ts';
import {
  execCandidates,
  placeKind,
  shellCandidates,
  storyOf,
  type Candidate,
} from './actions/candidates.ts';
import { result, type ProbeResult } from './result.ts';
import { clip, joinTexts, t, type Text } from './text.ts';
import type { World } from './world.ts';

export { exitedProbe, restartedProbe } from './actions/lifecycle.ts';

type RanCall = CheckOf<'ran'>;

/** The reader ran a command with this meaning, in this place, under these conditions. */
export function ranProbe(call: RanCall, world: World): ProbeResult {
  const expected = ranExpected(call);
  const evidence = world.evidence;
  if (!evidence)
    return result(
      false,
      expected,
      t('the record of your commands could not be read', '无法读取你的命令记录'),
    );
  const facts = evidence.facts();
  const kind = placeKind(world, call.ns);
  const candidates =
    kind === 'container'
      ? execCandidates(storyOf(world, facts, call.ns), call.ns)
      : shellCandidates(world, evidence);
  const wanted = commandsOf(call).flatMap((text) => {
    const meaning = meaningOfText(text);
    return meaning
      ? [{ ...meaning, where: meaning.where === 'here' ? call.ns : meaning.where }]
      : [];
  });
  const like = candidates.filter((c) =>
    c.meanings.some((m) => wanted.some((w) => sameMeaning(w, m))),
  );
  const verdicts = like.map((c) => ({
    candidate: c,
    why: conditionFailure(call, c, world, facts),
  }));
  const hit = verdicts.find((v) => v.why === null);
  if (hit) {
    const shown = clip(hit.candidate.text);
    return result(true, expected, t(`you ran: ${shown}`, `你运行了：${shown}`), hit.candidate.text);
  }
  const last = verdicts.at(-1);
  if (last?.why) return result(false, expected, last.why);
  const near = closestMiss(wanted, candidates);
  if (near) return result(false, expected, near);
  const gaps = evidence.gaps.length
    ? t(` (${evidence.gaps.join('; ')})`, `（${evidence.gaps.join('；')}）`)
    : t('', '');
  return result(false, expected, joinTexts([nothingLike(call, candidates), gaps], '', ''));
}

/** The latest command of the right tool that meant something else, said how it differs. */
function closestMiss(wanted: Meaning[], candidates: Candidate[]): Text | null {
  for (const c of [...candidates].reverse()) {
    for (const m of c.meanings) {
      const why = wanted.map((w) => difference(w, m)).find((d) => d !== null);
      if (why) {
        const shown = clip(c.text, 100);
        return t(`you ran "${shown}", which ${why.en}`, `你运行过“${shown}”，它${why.zh}`);
      }
    }
  }
  return null;
}

function commandsOf(call: RanCall): string[] {
  return Array.isArray(call.command) ? call.command : [call.command];
}

/** Why a command with the right meaning does not count, or null when it does. */
function conditionFailure(call: RanCall, c: Candidate, world: World, facts: Facts): Text | null {
  const shown = clip(c.text, 100);
  if (c.status === null)
    return t(`you ran "${shown}", but it never finished`, `你运行过“${shown}”，但它没有正常结束`);
  if (!statusOk(call.exit_code, c.status))
    return t(
      `you ran "${shown}", which exited with ${c.status}`,
      `你运行过“${shown}”，退出码为 ${c.status}`,
    );
  if (call.after_started !== undefined) {
    const story = storyOf(world, facts, call.after_started);
    const started = story?.runs.at(-1)?.start ?? null;
    if (started === null)
      return t(`${call.after_started} has not been started`, `${call.after_started} 还没有启动`);
    if (c.start < started)
      return t(
        `you ran "${shown}", but before ${call.after_started} last started`,
        `你运行过“${shown}”，但那是在 ${call.after_started} 最近一次启动之前`,
      );
  }
  for (const other of call.while_running ?? []) {
    const story = storyOf(world, facts, other);
    if (!story || runAt(story, c.start) === null)
      return t(
        `you ran "${shown}" while ${other} was not running`,
        `你运行“${shown}”时，${other} 没有在运行`,
      );
  }
  if (call.networks && c.story) {
    const on = networksAt(c.story, c.start);
    const extra = on.filter((n) => !call.networks?.includes(n));
    if (extra.length > 0 || on.length === 0)
      return t(
        `you ran "${shown}" while ${call.ns} was on ${on.join(', ') || 'no network'}`,
        `你运行“${shown}”时，${call.ns} 在 ${on.join('、') || '任何网络之外'}`,
      );
  }
  return null;
}

function statusOk(wanted: RanCall['exit_code'], status: number): boolean {
  if (wanted === 'any') return true;
  if (wanted === 'nonzero') return status !== 0;
  return status === wanted;
}

function nothingLike(call: RanCall, candidates: Candidate[]): Text {
  if (candidates.some((c) => c.interactiveShell))
    return t(
      `you opened a shell in ${call.ns}, but what is typed inside a container's shell is not recorded: run the command as docker exec ${call.ns} …`,
      `你在 ${call.ns} 里打开过 shell，但在容器 shell 里输入的命令不会被记录：请用 docker exec ${call.ns} … 运行`,
    );
  const recent = candidates
    .slice(-3)
    .map((c) => clip(c.text, 60))
    .join(' | ');
  if (recent === '')
    return t(
      `nothing was run ${placeWords(call).en} yet`,
      `${placeWords(call)['zh-cn']}还没有运行过任何命令`,
    );
  return t(
    `no command like it ${placeWords(call).en}; the last ones: ${recent}`,
    `${placeWords(call)['zh-cn']}没有类似的命令；最近的几条：${recent}`,
  );
}

function placeWords(call: RanCall): Text {
  return call.ns === 'host'
    ? t('in the terminal', '终端里')
    : t(`in ${call.ns}`, `在 ${call.ns} 中`);
}

/** "`ip address show` (or the same in any spelling) in web1, which succeeded". */
function ranExpected(call: RanCall): Text {
  const commands = commandsOf(call)
    .map((c) => `\`${c}\``)
    .join(' / ');
  const code =
    call.exit_code === 'any'
      ? t('', '')
      : call.exit_code === 'nonzero'
        ? t(', and it failed', '，且执行失败')
        : call.exit_code === 0
          ? t(', and it succeeded', '，且执行成功')
          : t(`, exiting with ${call.exit_code}`, `，退出码为 ${call.exit_code}`);
  const where =
    call.ns === 'host'
      ? t('typed in the terminal', '在终端中')
      : t(`in ${call.ns}`, `在 ${call.ns} 中`);
  const after = call.after_started
    ? t(` after ${call.after_started} started`, `，在 ${call.after_started} 启动之后`)
    : t('', '');
  const running = call.while_running?.length
    ? t(
        ` while ${call.while_running.join(', ')} ran`,
        `，且当时 ${call.while_running.join('、')} 正在运行`,
      )
    : t('', '');
  const nets = call.networks?.length
    ? t(
        ` (${call.ns} on ${call.networks.join(', ')} only)`,
        `（${call.ns} 只在 ${call.networks.join('、')} 上）`,
      )
    : t('', '');
  return t(
    `${commands} (any spelling with that meaning) ${where.en}${code.en}${after.en}${running.en}${nets.en}`,
    `${where['zh-cn']}运行过 ${commands}（含义相同的任何写法）${code['zh-cn']}${after['zh-cn']}${running['zh-cn']}${nets['zh-cn']}`,
  );
}
