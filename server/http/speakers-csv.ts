/**
 * GET /api/meetings/:id/speakers.csv (moderator token, as `Authorization: Bearer` or `?token=`):
 * every finished turn of the meeting, oldest first, then the running turn if any (no end yet).
 * Columns: item, speaker, group, affiliation, kind of turn, start, end, duration in seconds, in-room
 * or remote — plus pauses and overrun, which a secretariat writing minutes asks for next.
 */
import { turnElapsedMs, type FinishedTurn, type MeetingState } from '../../shared/domain/index.js';
import type { ServerExtension } from '../context.js';
import { csvDocument } from './csv.js';
import { registerMeetingExport } from './export.js';

export const SPEAKERS_CSV_COLUMNS = [
  'item',
  'speaker',
  'group',
  'affiliation',
  'kind',
  'start',
  'end',
  'duration_s',
  'location',
  'paused_s',
  'limit_s',
  'overrun_s',
  'note',
] as const;
type Column = (typeof SPEAKERS_CSV_COLUMNS)[number];
type Row = Record<Column, string | number | null>;

const iso = (t: number) => new Date(t).toISOString();
const seconds = (ms: number) => Math.round(ms / 1000);

function row(s: MeetingState, t: Omit<FinishedTurn, 'endedAt' | 'endReason'>, endedAt: number | null): Row {
  return {
    item: s.agenda.items.find((i) => i.id === t.itemId)?.title ?? t.itemId,
    speaker: t.name,
    group: t.group,
    affiliation: t.affiliation,
    kind: t.kind,
    start: iso(t.startedAt),
    end: endedAt === null ? null : iso(endedAt),
    duration_s: seconds(t.durationMs),
    location: t.inRoom ? 'in-room' : 'remote',
    paused_s: seconds(t.pausedMs),
    limit_s: seconds(t.limitMs),
    overrun_s: seconds(t.overrunMs),
    note: t.note || null,
  };
}

/** The export as text: UTF-8 BOM (spreadsheets then read Arabic and Chinese names), header, rows, CRLF. */
export function speakersCsv(s: MeetingState, now: number): string {
  const rows = s.queue.history.map((t) => row(s, t, t.endedAt));
  const cur = s.queue.current;
  if (cur) {
    const durationMs = turnElapsedMs(cur, now);
    const pausedMs = cur.pausedMs + (cur.pausedAt !== null ? Math.max(0, now - cur.pausedAt) : 0);
    rows.push(row(s, { ...cur, durationMs, pausedMs, overrunMs: Math.max(0, durationMs - cur.limitMs) }, null));
  }
  return csvDocument(SPEAKERS_CSV_COLUMNS, rows);
}

/** Registers the route; plugged in through DEFAULT_EXTENSIONS. */
export const speakersCsvExtension: ServerExtension = {
  name: 'speakers-csv',
  http: (app, ctx) => registerMeetingExport(app, ctx, { file: 'speakers.csv', contentType: 'text/csv; charset=utf-8', filename: (id) => `speakers-${id}.csv`, render: speakersCsv }),
};
