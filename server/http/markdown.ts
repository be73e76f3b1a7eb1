/**
 * Small Markdown and time helpers for the minutes export (minutes.ts): escaping of user text,
 * tables, durations and instants in the meeting's zone. Pure.
 */

/**
 * Escapes user text (names, titles, questions, notes) for Markdown: every character CommonMark or
 * GitHub-flavoured Markdown gives a meaning inline gets a backslash, a leading list or heading
 * marker is defused, and line breaks become spaces (a note must not end a table row or start a
 * heading). Letters of any script pass through untouched.
 */
export function mdEscape(text: string): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, ' ').trim();
  const escaped = oneLine.replace(/[\\`*_{}[\]()#+!|<>~&]/g, (c) => `\\${c}`);
  // "- x", "= x" or "1. x" at the start of a line would start a list or underline a heading.
  return escaped.replace(/^(-|=)/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A GitHub-flavoured Markdown table; cells must already be escaped. */
export function mdTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

/** A duration as "1 h 2 min 5 s", "2 min 5 s" or "45 s" (rounded to the second); `units` per language. */
export function formatMinutesDuration(ms: number, units: { h: string; min: string; s: string } = { h: 'h', min: 'min', s: 's' }): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} ${units.h} ${m} ${units.min} ${s} ${units.s}`;
  if (m > 0) return `${m} ${units.min} ${s} ${units.s}`;
  return `${s} ${units.s}`;
}

/** A share as a percentage with one decimal, e.g. 66.7%; 0% when there is nothing to share. */
export function percent(part: number, whole: number): string {
  return `${whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0}%`;
}

/** Offset of a zone at an instant, e.g. "UTC+01:00" (from Intl, so DST is right). */
export function zoneOffset(ms: number, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName')?.value;
  // "GMT" alone means +00:00.
  return !name || name === 'GMT' ? 'UTC+00:00' : name.replace('GMT', 'UTC');
}

/** Date of an instant in a zone, e.g. "Friday, 29 January 2021" (in `locale`, Latin digits). */
export function zonedDate(ms: number, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', numberingSystem: 'latn' }).format(ms);
}

/** Wall time of an instant in a zone, 24-hour, e.g. "10:05". */
export function zonedTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** An instant in UTC, e.g. "2021-01-29 09:00 UTC". */
export function utcStamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
