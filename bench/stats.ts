/** Percentiles and a plain table printer for the benchmarks. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export interface Row {
  measure: string;
  value: string;
  target: string;
}

export function printTable(title: string, rows: Row[]): void {
  const widths = [
    Math.max(7, ...rows.map((r) => r.measure.length)),
    Math.max(5, ...rows.map((r) => r.value.length)),
    Math.max(6, ...rows.map((r) => r.target.length)),
  ] as const;
  const line = (a: string, b: string, c: string) =>
    `| ${a.padEnd(widths[0])} | ${b.padEnd(widths[1])} | ${c.padEnd(widths[2])} |`;
  console.log(`\n### ${title}\n`);
  console.log(line('measure', 'value', 'target'));
  console.log(
    `|${'-'.repeat(widths[0] + 2)}|${'-'.repeat(widths[1] + 2)}|${'-'.repeat(widths[2] + 2)}|`,
  );
  for (const r of rows) console.log(line(r.measure, r.value, r.target));
}

/** "min–max" of samples, one decimal: the spread every table gives beside its median. */
export const range = (v: number[]) => `${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)}`;

/** `items` rotated by `round`, so that none always goes first in interleaved rounds. */
export function rotated<T>(items: readonly T[], round: number): T[] {
  const k = round % Math.max(1, items.length);
  return [...items.slice(k), ...items.slice(0, k)];
}

export const ms = (v: number) => `${v.toFixed(0)} ms`;
export const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));
