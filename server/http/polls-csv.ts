/**
 * GET /api/meetings/:id/polls.csv (moderator token): every poll with its options and totals, its
 * turnout, and — for named polls only — one row per vote. Secret polls never get per-voter rows:
 * their state holds no voter next to a choice to begin with.
 */
import type { Express } from 'express';
import { pollResults, type MeetingState, type Poll } from '../../shared/domain/index.js';
import type { AppContext, ServerExtension } from '../context.js';
import { AppError } from '../errors.js';
import { asyncRoute, authorize } from './auth.js';

export const POLLS_CSV_COLUMNS = [
  'poll_id',
  'question',
  'kind',
  'ballot',
  'status',
  'agenda_item',
  'opened_at',
  'closed_at',
  'row',
  'option_id',
  'option_label',
  'count',
  'percent',
  'voted',
  'eligible',
  'present',
  'participant_id',
  'participant_name',
  'group',
  'voted_at',
] as const;
type Column = (typeof POLLS_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | null>>;

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

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function pollRows(s: MeetingState, poll: Poll): Row[] {
  const results = pollResults(s, poll.id);
  if (!results) return [];
  const item = poll.itemId ? s.agenda.items.find((i) => i.id === poll.itemId) : undefined;
  const base: Row = {
    poll_id: poll.id,
    question: poll.question,
    kind: poll.kind,
    ballot: poll.secret ? 'secret' : 'named',
    status: poll.status,
    agenda_item: item?.title ?? null,
    opened_at: iso(poll.openedAt),
    closed_at: iso(poll.closedAt),
  };
  const rows: Row[] = results.options.map((o) => ({ ...base, row: 'option', option_id: o.id, option_label: o.label, count: o.count, percent: o.percent }));
  rows.push({ ...base, row: 'turnout', ...results.turnout });
  if (!poll.secret) {
    const labels = new Map(poll.options.map((o) => [o.id, o.label]));
    const votes = Object.entries(poll.votes).sort(([, a], [, b]) => a.at - b.at);
    for (const [participantId, v] of votes) {
      rows.push({
        ...base,
        row: 'vote',
        option_id: v.choices.join(';'),
        option_label: v.choices.map((c) => labels.get(c) ?? c).join('; '),
        participant_id: participantId,
        participant_name: s.participants[participantId]?.name ?? null,
        group: v.group,
        voted_at: iso(v.at),
      });
    }
  }
  return rows;
}

/** The whole export as text: a UTF-8 BOM (so spreadsheets read Arabic and Chinese), header, rows. */
export function pollsCsv(s: MeetingState): string {
  const lines = [POLLS_CSV_COLUMNS.join(',')];
  for (const id of s.polls.order) {
    const poll = s.polls.byId[id];
    if (!poll) continue;
    for (const row of pollRows(s, poll)) lines.push(POLLS_CSV_COLUMNS.map((c) => csvField(row[c])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Registers the route; plugged in through DEFAULT_EXTENSIONS. */
export const pollsCsvExtension: ServerExtension = {
  name: 'polls-csv',
  http(app: Express, ctx: AppContext) {
    app.get(
      '/api/meetings/:id/polls.csv',
      asyncRoute(async (req, res) => {
        const meetingId = String(req.params.id);
        authorize(ctx, req, meetingId);
        const state = await ctx.service.get(meetingId);
        if (!state.created) throw new AppError('not_found', 'This meeting does not exist');
        res
          .status(200)
          .set('Content-Type', 'text/csv; charset=utf-8')
          .set('Content-Disposition', `attachment; filename="polls-${meetingId}.csv"`)
          .set('Cache-Control', 'no-store')
          .send(pollsCsv(state));
      }),
    );
  },
};
