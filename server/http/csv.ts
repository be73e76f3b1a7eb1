/**
 * CSV for the moderators' exports: one field encoder and one document builder, shared by the
 * speakers and polls exports (their routes: registerMeetingExport in export.ts).
 */

/**
 * One CSV field. Quotes when needed, and defuses spreadsheet formulas: a cell a participant or
 * moderator typed (a question, a name) that starts with = + - @ would otherwise run in Excel.
 */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header and rows as text with a UTF-8 BOM (spreadsheets then read Arabic and Chinese) and CRLF. */
export function csvDocument<C extends string>(
  columns: readonly C[],
  rows: ReadonlyArray<Partial<Record<C, string | number | null>>>,
): string {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
