/**
 * CSV exports for moderators: one field encoder, one document builder and one route shape, shared by
 * the speakers and polls exports.
 */
import type { Express } from 'express';
import type { MeetingState } from '../../shared/domain/index.js';
import type { AppContext } from '../context.js';
import { asyncRoute, authorizeInMeeting } from './auth.js';

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

/** GET /api/meetings/:id/<name>.csv, for a moderator token (Bearer, ?token= or ?t=). */
export function registerCsvExport(
  app: Express,
  ctx: AppContext,
  name: string,
  render: (state: MeetingState, now: number) => string,
): void {
  app.get(
    `/api/meetings/:id/${name}.csv`,
    asyncRoute(async (req, res) => {
      const meetingId = String(req.params.id);
      const { state } = await authorizeInMeeting(ctx, req, meetingId);
      res
        .status(200)
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${name}-${meetingId}.csv"`)
        .set('Cache-Control', 'no-store')
        .send(render(state, ctx.clock.now()));
    }),
  );
}
