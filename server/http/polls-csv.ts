/**
 * GET /api/meetings/:id/polls.csv (moderator token): every poll with its options and totals, its
 * turnout, and — for named polls only — one row per vote. Secret polls never get per-voter rows:
 * their state holds no voter next to a choice to begin with.
 */
import { pollResults, type MeetingState, type Poll } from '../../shared/domain/index.js';
import type { ServerExtension } from '../context.js';
import { csvDocument } from './csv.js';
import { registerMeetingExport } from './export.js';
import { exportOptionLabel } from './labels.js';

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
  const rows: Row[] = results.options.map((o) => ({ ...base, row: 'option', option_id: o.id, option_label: exportOptionLabel(poll, o.id), count: o.count, percent: o.percent }));
  rows.push({ ...base, row: 'turnout', ...results.turnout });
  if (!poll.secret) {
    const votes = Object.entries(poll.votes).sort(([, a], [, b]) => a.at - b.at);
    for (const [participantId, v] of votes) {
      rows.push({
        ...base,
        row: 'vote',
        option_id: v.choices.join(';'),
        option_label: v.choices.map((c) => exportOptionLabel(poll, c)).join('; '),
        participant_id: participantId,
        participant_name: s.participants[participantId]?.name ?? null,
        group: v.group,
        voted_at: iso(v.at),
      });
    }
  }
  return rows;
}

/** The whole export as text: header and rows (see csvDocument). */
export function pollsCsv(s: MeetingState): string {
  const rows: Row[] = [];
  for (const id of s.polls.order) {
    const poll = s.polls.byId[id];
    if (poll) rows.push(...pollRows(s, poll));
  }
  return csvDocument(POLLS_CSV_COLUMNS, rows);
}

/** Registers the route; plugged in through DEFAULT_EXTENSIONS. */
export const pollsCsvExtension: ServerExtension = {
  name: 'polls-csv',
  http: (app, ctx) => registerMeetingExport(app, ctx, { file: 'polls.csv', contentType: 'text/csv; charset=utf-8', filename: (id) => `polls-${id}.csv`, render: (state) => pollsCsv(state) }),
};
