/** Percentiles, min/median/max over runs, and the markdown/console tables of the benchmarks. */

/** The q-quantile (0..1) of `values` (nearest rank; sorts a copy). */
export function percentile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** "min / median / max" of one figure over the runs, rounded to `digits`. */
export function spread(values: readonly number[], digits = 0): string {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!s.length) return 'n/a';
  const f = (v: number) => v.toFixed(digits);
  if (s.length === 1) return f(s[0]!);
  return `${f(s[0]!)} / ${f(s[Math.floor((s.length - 1) / 2)]!)} / ${f(s[s.length - 1]!)}`;
}

/** One row of figures: a label and, per run, a number (or a text that is the same every run). */
export interface Row {
  figure: string;
  runs: number[];
  digits?: number;
  /** Shown as is (e.g. "exact ×3"), instead of the spread. */
  text?: string;
}

/** A markdown table (also readable on a console). */
export function table(rows: readonly Row[]): string {
  const lines = ['| figure | min / median / max |', '|---|---|'];
  for (const r of rows) lines.push(`| ${r.figure} | ${r.text ?? spread(r.runs, r.digits ?? 0)} |`);
  return lines.join('\n');
}

/** Collects one row per figure name across runs, in first-seen order. */
export class Figures {
  private readonly rows = new Map<string, Row>();
  add(figure: string, value: number, digits = 0): void {
    const r = this.rows.get(figure) ?? { figure, runs: [], digits };
    r.runs.push(value);
    this.rows.set(figure, r);
  }
  note(figure: string, text: string): void {
    const r = this.rows.get(figure);
    if (r && r.text && r.text !== text) r.text = `${r.text}; ${text}`;
    else this.rows.set(figure, { figure, runs: [], text });
  }
  all(): Row[] {
    return [...this.rows.values()];
  }
}
