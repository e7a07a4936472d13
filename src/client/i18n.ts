/**
 * Every string of the lab UI (terminal, lab pane, "Run this" buttons) in the
 * site's two languages. Imported by the Astro components at build time and by
 * the browser code at run time, so both render the same words.
 */
export type UiLocale = 'en' | 'zh-cn';

const en = {
  // Lab card in the article
  'lab.label': 'Lab',
  'lab.start': 'Start lab',
  'lab.resume': 'Resume lab',
  'lab.starting': 'Starting your lab machine…',
  'lab.opening': 'Opening the terminal…',
  'lab.show': 'Show lab',
  'lab.open': 'The lab is open beside the article.',
  'lab.machine': 'A private Linux machine with its own Docker engine, just for you.',
  'lab.generation': 'Docker on the lab machine',
  'lab.generationLocked': 'Your lab machine runs this one; end the lab to switch.',
  // Pane
  'pane.region': 'Lab: {title}',
  'pane.resize': 'Resize the lab pane',
  'pane.collapse': 'Hide lab',
  'pane.end': 'End lab',
  'pane.endConfirm': 'End this lab? Its machine and everything you did on it are removed.',
  'pane.ended': 'The lab has ended.',
  'pane.tabArticle': 'Article',
  'pane.tasks': 'Tasks',
  // Tasks
  'task.kind.state': 'State',
  'task.kind.answer': 'Answer',
  'task.kind.action': 'Action',
  'task.hint': 'Hint',
  'task.pending': 'Not checked yet',
  'task.passed': 'Done',
  'task.failed': 'Not yet',
  'task.expected': 'Expected',
  'task.actual': 'Found',
  'task.check': 'Check my work',
  'task.checking': 'Checking…',
  'task.answerLabel': 'Your answer',
  'task.answer': 'Answer',
  'task.hintAfter': 'Hint',
  // Terminal
  'term.label': 'Lab terminal',
  'term.state.idle': 'Not connected',
  'term.state.connecting': 'Connecting…',
  'term.state.live': 'Connected',
  'term.state.reconnecting': 'Reconnecting…',
  'term.state.ended': 'Disconnected',
  'term.readonly': 'read-only',
  'term.reconnect': 'Reconnect',
  'term.reconnectIn': 'Connection lost; reconnecting in {seconds} s.',
  'term.escapeHint': 'Press Esc then Tab to leave the terminal.',
  'term.pasteHint': 'Paste with Ctrl+Shift+V (⌘V on a Mac).',
  'term.copied': 'Copied the selection.',
  'term.shellExited': 'The shell exited. Reconnect to get a new one.',
  // Run this
  'run.button': 'Run this',
  'run.label': 'Run this command in the lab terminal',
  'run.ran': 'Sent to the terminal',
  // Phone key bar (touch screens)
  'keys.label': 'Terminal keys',
  'keys.ctrl': 'Ctrl, for the next key',
  'keys.esc': 'Esc',
  'keys.tab': 'Tab',
  'keys.up': 'Up arrow',
  'keys.down': 'Down arrow',
  'keys.left': 'Left arrow',
  'keys.right': 'Right arrow',
  'keys.pipe': 'Vertical bar',
  'keys.tilde': 'Tilde',
  'keys.slash': 'Slash',
  'keys.dash': 'Hyphen',
  // Screen-reader mode and its log
  'sr.toggle': 'Screen reader mode',
  'sr.on': 'Screen reader mode is on: commands, their output and check results are read out.',
  'log.label': 'Lab log',
  'log.command': 'Command: {command}',
  'log.more': 'More output of {command}:',
  'log.output': 'Output:',
  'log.noOutput': 'Finished, no output.',
  'log.done': 'Finished.',
  'log.finished': 'Finished: {command}',
  'log.skipped':
    'The output was longer than the screen and its start went by unseen; add | less to page through it.',
  'log.capped': 'Only the first {count} lines are read out; the terminal has the rest.',
  'log.omitted': '{count} more lines not read out; they are in the terminal.',
  'log.taskPassed': 'Task passed: {title}',
  'log.taskFailed': 'Not yet: {title}. Expected: {expected}. Found: {actual}.',
  'log.taskNotYet': 'Not yet: {title}.',
  'log.summary': '{done} of {total} tasks done.',
  // Rebuilding an ended lab machine (the lab card)
  'rebuild.button': 'Rebuild my machine',
  'rebuild.fresh': 'Start afresh',
  'rebuild.offer':
    'Your lab machine ended: {reason}. Rebuild it: your commands are replayed on a new machine and your passed tasks stay passed.',
  'rebuild.offerNoReason':
    'Your lab machine ended. Rebuild it: your commands are replayed on a new machine and your passed tasks stay passed.',
  'rebuild.reason.timeLimit': 'it reached its time limit',
  'rebuild.reason.idle': 'no terminal was attached for {minutes} minutes',
  'rebuild.reason.serverLost': 'the lab server running it stopped',
  'rebuild.starting': 'Rebuilding your lab machine…',
  'rebuild.replaying': 'Replaying your commands: {done} of {total}',
  'rebuild.solving': "Rebuilding from the lab's solution: {done} of {total} commands",
  'rebuild.gone': 'This lab machine can no longer be rebuilt; start afresh.',
  // What the rebuild did (the pane's notice)
  'notice.label': 'Your rebuilt lab machine',
  'notice.journal': 'Replayed {count} of your commands.',
  'notice.journalOne': 'Replayed 1 of your commands.',
  'notice.journalNone': 'Rebuilt your lab machine; there were no commands to replay.',
  'notice.solution':
    "Rebuilt from the lab's solution up to your last passed task, because {why} (`{line}`).",
  'notice.solutionNoLine':
    "Rebuilt from the lab's solution up to your last passed task, because {why}.",
  'notice.why.interactive': 'one of your commands was interactive (it read from the terminal)',
  'notice.why.long-running': 'one of your commands ran too long to replay',
  'notice.why.unset-variable': 'one of your commands used a variable the replay could not set',
  'notice.why.no-record': "the old machine's record of your commands could not be read",
  'notice.failed':
    '`{line}` failed on the new machine (exit {status}); the lines after it were not run.',
  'notice.carriedOne': '1 passed task carried over.',
  'notice.carried': '{count} passed tasks carried over.',
  'notice.dismiss': 'Dismiss',
  // The end of a live session coming (the pane's warning)
  'expiry.timeLimit': 'Your lab machine reaches its time limit soon.',
  'expiry.idle': 'Your lab machine ends soon: no terminal is attached.',
  'expiry.canExtend': 'Extend it to keep working.',
  'expiry.atLimit': 'It cannot be extended any further.',
  'expiry.countdown': 'Ends in {time}',
  'expiry.extend': 'Extend',
  'expiry.extending': 'Extending…',
  'expiry.extended': 'Extended: your lab machine now ends at {time}.',
  // Deep links
  'link.unknownTask': 'This link points to a task this lab does not have: {task}.',
  // Errors: one sentence each
  'error.offline':
    'The lab server is not reachable, so the live lab cannot start here; run the site with its lab server (npm start) to use it.',
  'error.capacity': 'All lab machines are in use right now; try again in a minute.',
  'error.docker':
    'The lab server cannot reach its Docker engine, so no lab machine can start; ask whoever runs it to check Docker.',
  'error.clientLimit':
    'You already run the most lab sessions allowed at once; end a lab in another tab first.',
  'error.tooManyTerminals':
    'This lab already has the most terminals open at once; close one in another tab.',
  'error.ended': 'This lab session has ended; start the lab again for a fresh machine.',
  'error.notFound': 'This lab session no longer exists; start the lab again.',
  'error.forbidden': 'This page is not allowed to open that lab session; start the lab again.',
  'error.failed': 'The lab machine failed to start: {reason}',
  'error.timeout': 'The lab machine took too long to start; try again.',
  'error.unknownLab':
    'The lab server does not know this lab; it may run an older version of the course.',
  'error.restarting': 'The lab server is restarting; try again in a few seconds.',
  'error.rebuildable': 'Your lab machine has ended; rebuild it or start afresh.',
  'error.extendLimit':
    'Your lab machine cannot be extended any further: it has reached the longest session this server allows.',
  'error.other': 'The lab server reported a problem: {message}',
} as const;

export type UiKey = keyof typeof en;

const zh: Record<UiKey, string> = {
  'lab.label': '实验',
  'lab.start': '开始实验',
  'lab.resume': '继续实验',
  'lab.starting': '正在启动你的实验机器…',
  'lab.opening': '正在打开终端…',
  'lab.show': '显示实验',
  'lab.open': '实验已在文章旁边打开。',
  'lab.machine': '一台只属于你的 Linux 机器，带有独立的 Docker 引擎。',
  'lab.generation': '实验机上的 Docker',
  'lab.generationLocked': '你的实验机正运行这一代；结束实验后才能切换。',
  'pane.region': '实验：{title}',
  'pane.resize': '调整实验面板宽度',
  'pane.collapse': '收起实验',
  'pane.end': '结束实验',
  'pane.endConfirm': '要结束这个实验吗？实验机器以及你在上面做的一切都会被删除。',
  'pane.ended': '实验已结束。',
  'pane.tabArticle': '文章',
  'pane.tasks': '任务',
  'task.kind.state': '状态',
  'task.kind.answer': '回答',
  'task.kind.action': '操作',
  'task.hint': '提示',
  'task.pending': '尚未检查',
  'task.passed': '已完成',
  'task.failed': '还没有完成',
  'task.expected': '期望',
  'task.actual': '实际',
  'task.check': '检查我的操作',
  'task.checking': '正在检查…',
  'task.answerLabel': '你的答案',
  'task.answer': '提交答案',
  'task.hintAfter': '提示',
  'term.label': '实验终端',
  'term.state.idle': '未连接',
  'term.state.connecting': '正在连接…',
  'term.state.live': '已连接',
  'term.state.reconnecting': '正在重新连接…',
  'term.state.ended': '已断开',
  'term.readonly': '只读',
  'term.reconnect': '重新连接',
  'term.reconnectIn': '连接已断开，{seconds} 秒后重新连接。',
  'term.escapeHint': '先按 Esc 再按 Tab 即可离开终端。',
  'term.pasteHint': '用 Ctrl+Shift+V（Mac 上用 ⌘V）粘贴。',
  'term.copied': '已复制所选内容。',
  'term.shellExited': 'Shell 已退出。重新连接即可获得新的 shell。',
  'run.button': '运行',
  'run.label': '在实验终端中运行这条命令',
  'run.ran': '已发送到终端',
  'keys.label': '终端按键',
  'keys.ctrl': 'Ctrl，作用于下一个按键',
  'keys.esc': 'Esc',
  'keys.tab': 'Tab',
  'keys.up': '上箭头',
  'keys.down': '下箭头',
  'keys.left': '左箭头',
  'keys.right': '右箭头',
  'keys.pipe': '竖线',
  'keys.tilde': '波浪号',
  'keys.slash': '斜杠',
  'keys.dash': '连字符',
  'sr.toggle': '读屏模式',
  'sr.on': '读屏模式已开启：命令、命令输出和检查结果都会被朗读。',
  'log.label': '实验记录',
  'log.command': '命令：{command}',
  'log.more': '{command} 的更多输出：',
  'log.output': '输出：',
  'log.noOutput': '已完成，没有输出。',
  'log.done': '已完成。',
  'log.finished': '已完成：{command}',
  'log.skipped': '输出比屏幕长，开头部分没有显示出来；可在命令后加上 | less 分页查看。',
  'log.capped': '只朗读前 {count} 行，其余内容在终端中。',
  'log.omitted': '另有 {count} 行未朗读，可在终端中查看。',
  'log.taskPassed': '任务通过：{title}',
  'log.taskFailed': '尚未完成：{title}。期望：{expected}。实际：{actual}。',
  'log.taskNotYet': '尚未完成：{title}。',
  'log.summary': '已完成 {done}/{total} 个任务。',
  'rebuild.button': '重建我的机器',
  'rebuild.fresh': '重新开始',
  'rebuild.offer':
    '你的实验机器已结束：{reason}。可以重建它：你的命令会在一台新机器上重新执行，已通过的任务仍算通过。',
  'rebuild.offerNoReason':
    '你的实验机器已结束。可以重建它：你的命令会在一台新机器上重新执行，已通过的任务仍算通过。',
  'rebuild.reason.timeLimit': '到达了时间上限',
  'rebuild.reason.idle': '连续 {minutes} 分钟没有连接终端',
  'rebuild.reason.serverLost': '运行它的实验服务器停止了',
  'rebuild.starting': '正在重建你的实验机器…',
  'rebuild.replaying': '正在重新执行你的命令：{done}/{total}',
  'rebuild.solving': '正在按实验的参考答案重建：{done}/{total} 条命令',
  'rebuild.gone': '这台实验机器已无法重建；请重新开始。',
  'notice.label': '重建后的实验机器',
  'notice.journal': '已重新执行你的 {count} 条命令。',
  'notice.journalOne': '已重新执行你的 1 条命令。',
  'notice.journalNone': '已重建你的实验机器；没有需要重新执行的命令。',
  'notice.solution': '已按实验的参考答案重建到你最后通过的任务，因为{why}（`{line}`）。',
  'notice.solutionNoLine': '已按实验的参考答案重建到你最后通过的任务，因为{why}。',
  'notice.why.interactive': '你的一条命令是交互式的（需要从终端读取输入）',
  'notice.why.long-running': '你的一条命令运行时间太长，无法重新执行',
  'notice.why.unset-variable': '你的一条命令用到了重新执行时无法设置的变量',
  'notice.why.no-record': '无法读取旧机器上你的命令记录',
  'notice.failed': '`{line}` 在新机器上执行失败（退出码 {status}）；其后的命令没有执行。',
  'notice.carriedOne': '1 个已通过的任务已保留。',
  'notice.carried': '{count} 个已通过的任务已保留。',
  'notice.dismiss': '关闭',
  'expiry.timeLimit': '你的实验机器即将到达时间上限。',
  'expiry.idle': '你的实验机器即将结束：当前没有连接终端。',
  'expiry.canExtend': '延长时间即可继续操作。',
  'expiry.atLimit': '它已不能再延长。',
  'expiry.countdown': '{time} 后结束',
  'expiry.extend': '延长',
  'expiry.extending': '正在延长…',
  'expiry.extended': '已延长：你的实验机器现在将于 {time} 结束。',
  'link.unknownTask': '链接指向的任务在本实验中不存在：{task}。',
  'error.offline':
    '无法连接实验服务器，所以这里不能启动在线实验；请连同实验服务器一起运行本站（npm start）后再使用。',
  'error.capacity': '所有实验机器都在使用中，请一分钟后再试。',
  'error.docker':
    '实验服务器无法连接它的 Docker 引擎，因此无法启动实验机器；请联系服务器的维护者检查 Docker。',
  'error.clientLimit': '你同时运行的实验会话已达上限；请先在其他标签页中结束一个实验。',
  'error.tooManyTerminals': '这个实验打开的终端已达上限；请在其他标签页中关闭一个。',
  'error.ended': '这个实验会话已结束；重新开始实验即可获得一台新机器。',
  'error.notFound': '这个实验会话已不存在；请重新开始实验。',
  'error.forbidden': '此页面无权打开那个实验会话；请重新开始实验。',
  'error.failed': '实验机器启动失败：{reason}',
  'error.timeout': '实验机器启动超时，请重试。',
  'error.unknownLab': '实验服务器不认识这个实验；它运行的课程版本可能较旧。',
  'error.restarting': '实验服务器正在重启，请几秒后再试。',
  'error.rebuildable': '你的实验机器已结束；可以重建它，或重新开始。',
  'error.extendLimit': '你的实验机器不能再延长了：已达到本服务器允许的最长会话时间。',
  'error.other': '实验服务器报告了一个问题：{message}',
};

const tables: Record<UiLocale, Record<UiKey, string>> = { en, 'zh-cn': zh };

/** Maps a BCP-47 tag or a Starlight locale ("zh-CN", "zh-cn", "zh") to a UI locale. */
export function toUiLocale(tag: string | null | undefined): UiLocale {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** The page's locale, from `<html lang>`. */
export function pageLocale(): UiLocale {
  return toUiLocale(typeof document === 'undefined' ? 'en' : document.documentElement.lang);
}

/** The string for `key` in `locale`, with `{name}` placeholders filled from `vars`. */
export function t(
  locale: UiLocale,
  key: UiKey,
  vars: Record<string, string | number> = {},
): string {
  return tables[locale][key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in vars ? String(vars[name]) : match,
  );
}

/** Picks the page's language from a `{en, zh-cn}` pair. */
export function pick(text: { en: string; 'zh-cn': string }, locale: UiLocale): string {
  return text[locale];
}
