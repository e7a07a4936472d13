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
