/**
 * GET /api/meetings/:id/meeting.ics (any member token of the meeting: participant, moderator,
 * projector, room bridge): the meeting as an iCalendar file (RFC 5545) with one VEVENT, so people
 * can add it to their calendar. Times are UTC (`…Z`): every calendar shows them in its own zone,
 * and no VTIMEZONE block can drift from the IANA rules. The text builder is pure and unit-tested.
 */
import { ROLES, type MeetingState } from '../../shared/domain/index.js';
import type { ServerExtension } from '../context.js';
import { registerMeetingExport } from './export.js';

const CRLF = '\r\n';
/** RFC 5545 §3.1: content lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_OCTETS = 75;

/** Escapes a TEXT value (§3.3.11): backslash, semicolon, comma, and newlines as `\n`. */
export function icsEscape(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds one content line into chunks of at most 75 octets of UTF-8, continuation lines starting
 * with a space (which counts towards their 75). Never splits a character — nor a surrogate pair —
 * so Arabic, Chinese and emoji survive a calendar that unfolds by bytes.
 */
export function foldLine(line: string): string {
  const enc = new TextEncoder();
  const out: string[] = [];
  let cur = '';
  let curOctets = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (curOctets + n > MAX_OCTETS) {
      out.push(cur);
      cur = ' ';
      curOctets = 1;
    }
    cur += ch;
    curOctets += n;
  }
  out.push(cur);
  return out.join(CRLF);
}

/** An instant as a UTC DATE-TIME (§3.3.5 form 2), e.g. 20200909T130000Z. */
export function icsUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** What the calendar needs, taken from the meeting state (plain data, so tests need no state). */
export interface IcsMeeting {
  meetingId: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** Increases on every change of the meeting, so calendars replace an older copy. */
  sequence: number;
  agenda: ReadonlyArray<{ title: string; plannedMinutes: number }>;
}

/** The DESCRIPTION text: the meeting's description, its zone, then the agenda with planned minutes. */
export function icsDescription(m: IcsMeeting): string {
  const lines: string[] = [];
  if (m.description.trim()) lines.push(m.description.trim(), '');
  lines.push(`Time zone of the meeting: ${m.timeZone}`);
  if (m.agenda.length) {
    lines.push('', 'Agenda:');
    m.agenda.forEach((item, i) => lines.push(`${i + 1}. ${item.title} (${item.plannedMinutes} min)`));
  }
  return lines.join('\n');
}

/** The whole VCALENDAR document, CRLF line endings, folded and escaped. */
export function meetingIcs(m: IcsMeeting, now: number): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Plenary//Plenary meeting//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    // Stable per meeting: re-importing updates the same calendar entry instead of adding another.
    `UID:${m.meetingId}@plenary`,
    `SEQUENCE:${m.sequence}`,
    `DTSTAMP:${icsUtc(now)}`,
    `DTSTART:${icsUtc(Date.parse(m.startsAt))}`,
    `DTEND:${icsUtc(Date.parse(m.endsAt))}`,
    `SUMMARY:${icsEscape(m.title)}`,
    `DESCRIPTION:${icsEscape(icsDescription(m))}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** Picks the calendar's data out of a meeting state. */
export function icsMeetingFromState(s: MeetingState): IcsMeeting {
  return {
    meetingId: s.id,
    title: s.info.title,
    description: s.info.description,
    startsAt: s.info.startsAt,
    endsAt: s.info.endsAt,
    timeZone: s.info.timeZone,
    sequence: s.version,
    agenda: s.agenda.items.map((i) => ({ title: i.title, plannedMinutes: i.plannedMinutes })),
  };
}

export const icsExtension: ServerExtension = {
  name: 'meeting-ics',
  // Everyone with a member token of this meeting may put it in their calendar.
  http: (app, ctx) =>
    registerMeetingExport(app, ctx, {
      file: 'meeting.ics',
      contentType: 'text/calendar; charset=utf-8',
      filename: (id) => `${id}.ics`,
      roles: ROLES,
      render: (state, now) => meetingIcs(icsMeetingFromState(state), now),
    }),
};
