/**
 * The dashboard's learners × tasks table, updated in place as events arrive
 * (rows are keyed by learner, so focus on a peek button survives an update).
 * Every name and title goes in as text, never as HTML.
 */
import type { LearnerRow, WorkshopDashboard } from '../../../server/protocol.ts';
import { pick, type UiLocale } from '../i18n.ts';
import { el } from './dom.ts';
import { isStuck, percent } from './model.ts';
import { wt } from './strings.ts';

export interface GridOptions {
  locale: UiLocale;
  now: number;
  stuckMinutes: number;
  /** Lab titles by id, for the lab header and the peek buttons. */
  labTitles: Record<string, string>;
  /** Opens the read-only terminal of a learner's lab (looked up afresh by id). */
  onPeek: (learnerId: string, lab: string) => void;
}

export function renderGrid(
  table: HTMLTableElement,
  dashboard: WorkshopDashboard,
  options: GridOptions,
): void {
  // The header is rebuilt when the columns change or the lab titles arrive.
  const signature = [
    ...dashboard.tasks.map((t) => t.key),
    ...dashboard.workshop.labs.map((lab) => options.labTitles[lab] ?? lab),
  ].join(' ');
  if (table.dataset.columns !== signature) {
    table.replaceChildren(head(dashboard, options), el('tbody'), el('tfoot'));
    table.dataset.columns = signature;
  }
  const body = table.tBodies[0];
  if (!body) return;
  const existing = new Map(
    Array.from(body.rows, (row) => [row.dataset.learner ?? '', row] as const),
  );
  const keys = dashboard.tasks.map((t) => t.key);
  dashboard.learners.forEach((learner, index) => {
    const row = existing.get(learner.id) ?? newRow(learner, dashboard, options);
    existing.delete(learner.id);
    updateRow(row, learner, dashboard, options, keys);
    if (body.rows[index] !== row) body.insertBefore(row, body.rows[index] ?? null);
  });
  for (const row of existing.values()) row.remove();
  renderRates(table, dashboard, options);
}

function head(dashboard: WorkshopDashboard, options: GridOptions): HTMLTableSectionElement {
  const thead = el('thead');
  const labs = el('tr', 'netlab-ws__grid-labs');
  labs.append(el('td'));
  const tasks = el('tr');
  tasks.append(th(wt(options.locale, 'dash.learner'), 'col'));
  let previous = '';
  for (const task of dashboard.tasks) {
    if (task.lab !== previous) {
      const cell = th(options.labTitles[task.lab] ?? task.lab, 'colgroup');
      cell.colSpan = dashboard.tasks.filter((t) => t.lab === task.lab).length;
      labs.append(cell);
      previous = task.lab;
    }
    const cell = th('', 'col');
    cell.dataset.task = task.key;
    cell.append(el('span', 'netlab-ws__task-title', pick(task.title, options.locale)));
    cell.title = pick(task.title, options.locale);
    tasks.append(cell);
  }
  thead.append(labs, tasks);
  return thead;
}

function newRow(
  learner: LearnerRow,
  dashboard: WorkshopDashboard,
  options: GridOptions,
): HTMLTableRowElement {
  const row = el('tr');
  row.dataset.learner = learner.id;
  const name = th('', 'row');
  name.className = 'netlab-ws__learner';
  name.append(
    el('span', 'netlab-ws__name', learner.name),
    el('span', 'netlab-ws__stuck', wt(options.locale, 'dash.stuck')),
    el('span', 'netlab-ws__peeks'),
  );
  row.append(name);
  for (const task of dashboard.tasks) {
    const cell = el('td', 'netlab-ws__cell');
    cell.dataset.task = task.key;
    cell.append(el('span', '', ''), el('span', 'sr-only', ''));
    cell.firstElementChild?.setAttribute('aria-hidden', 'true');
    row.append(cell);
  }
  return row;
}

function updateRow(
  row: HTMLTableRowElement,
  learner: LearnerRow,
  dashboard: WorkshopDashboard,
  options: GridOptions,
  keys: string[],
): void {
  const { locale } = options;
  const name = row.querySelector('.netlab-ws__name');
  if (name && name.textContent !== learner.name) name.textContent = learner.name;
  row.dataset.stuck = String(isStuck(learner, keys, options.now, options.stuckMinutes));
  const peeks = row.querySelector<HTMLElement>('.netlab-ws__peeks');
  const labs = Object.keys(learner.sessions).filter((lab) => dashboard.workshop.labs.includes(lab));
  const peekKey = labs.map((lab) => `${lab}=${options.labTitles[lab] ?? ''}`).join(' ');
  if (peeks && peeks.dataset.labs !== peekKey) {
    peeks.dataset.labs = peekKey;
    peeks.replaceChildren(
      ...labs.map((lab) => {
        const button = el('button', 'netlab-ws__peek-button', lab);
        button.type = 'button';
        button.dataset.peek = lab;
        const labTitle = options.labTitles[lab] ?? lab;
        // The name starts with the visible text (the lab id), as speech input expects.
        const peek = wt(locale, 'dash.peek', { learner: learner.name, lab: labTitle });
        button.setAttribute('aria-label', `${lab}: ${peek}`);
        button.title = peek;
        button.addEventListener('click', () => options.onPeek(learner.id, lab));
        return button;
      }),
    );
  }
  for (const task of dashboard.tasks) {
    const cell = row.querySelector<HTMLElement>(`td[data-task="${CSS.escape(task.key)}"]`);
    if (!cell) continue;
    const standing = learner.tasks[task.key];
    const status = standing?.passed
      ? 'passed'
      : standing && standing.attempts > 0
        ? 'tried'
        : 'none';
    cell.dataset.status = status;
    const [mark, label] = [cell.firstElementChild, cell.lastElementChild];
    if (mark)
      mark.textContent =
        status === 'passed' ? '✓' : status === 'tried' ? String(standing?.attempts ?? '') : '·';
    const vars = {
      learner: learner.name,
      task: pick(task.title, locale),
      attempts: standing?.attempts ?? 0,
    };
    if (label)
      label.textContent = wt(
        locale,
        status === 'passed'
          ? 'dash.cellPassed'
          : status === 'tried'
            ? 'dash.cellTried'
            : 'dash.cellNone',
        vars,
      );
  }
}

function renderRates(
  table: HTMLTableElement,
  dashboard: WorkshopDashboard,
  options: GridOptions,
): void {
  const foot = table.tFoot;
  if (!foot) return;
  const row = el('tr', 'netlab-ws__rates');
  row.append(th(wt(options.locale, 'dash.passRate'), 'row'));
  for (const task of dashboard.tasks) {
    const cell = el('td', '', percent(dashboard.passRates[task.key] ?? 0));
    cell.dataset.task = task.key;
    row.append(cell);
  }
  foot.replaceChildren(row);
}

function th(text: string, scope: string): HTMLTableCellElement {
  const cell = el('th', '', text);
  cell.scope = scope;
  return cell;
}
