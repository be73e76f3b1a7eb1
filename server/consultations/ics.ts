/**
 * The consultation's calendar: one VCALENDAR with a VEVENT per phase and per linked meeting, titles
 * in the reader's language. UIDs are stable — `phase-<id>.<consultationId>@plenary` for phases and
 * `<meetingId>@plenary` for meetings, the same UID as the meeting's own .ics, so importing both
 * updates one entry. Timed events are in UTC; all-day phases are DATE values (host-zone days).
 */
import { translated, type ConsultationState, type Language, type MeetingState } from '../../shared/domain/index.js';
import { foldLine, icsEscape, icsUtc } from '../http/ics.js';
import { headingsFor } from './headings.js';

const CRLF = '\r\n';
const icsDate = (d: string) => d.replace(/-/g, '');
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function consultationIcs(s: ConsultationState, meetings: ReadonlyMap<string, MeetingState>, lang: Language, now: number): string {
  const h = headingsFor(lang);
  const zoneLine = `${h.timeZone}: ${s.info.timeZone}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Plenary//Plenary consultation//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsEscape(translated(s.info.title, lang).text)}`,
  ];
  const seen = new Set<string>();
  for (const p of s.phases) {
    const description = translated(p.description, lang).text;
    lines.push(
      'BEGIN:VEVENT',
      `UID:phase-${p.id}.${s.id}@plenary`,
      `SEQUENCE:${s.version}`,
      `DTSTAMP:${icsUtc(now)}`,
      ...(p.allDay ? [`DTSTART;VALUE=DATE:${icsDate(p.date)}`, `DTEND;VALUE=DATE:${icsDate(dayAfter(p.endDate))}`] : [`DTSTART:${icsUtc(p.startsAt)}`, `DTEND:${icsUtc(p.endsAt)}`]),
      `SUMMARY:${icsEscape(translated(p.title, lang).text)}`,
      `DESCRIPTION:${icsEscape([description, zoneLine].filter(Boolean).join('\n\n'))}`,
      `CATEGORIES:${p.kind.toUpperCase()}`,
      'END:VEVENT',
    );
    for (const id of p.meetingIds) {
      const m = meetings.get(id);
      if (!m?.created || seen.has(id)) continue;
      seen.add(id);
      lines.push(
        'BEGIN:VEVENT',
        `UID:${m.id}@plenary`,
        `SEQUENCE:${m.version}`,
        `DTSTAMP:${icsUtc(now)}`,
        `DTSTART:${icsUtc(Date.parse(m.info.startsAt))}`,
        `DTEND:${icsUtc(Date.parse(m.info.endsAt))}`,
        `SUMMARY:${icsEscape(m.info.title)}`,
        `DESCRIPTION:${icsEscape([m.info.description, `${h.timeZone}: ${m.info.timeZone}`].filter(Boolean).join('\n\n'))}`,
        'CATEGORIES:MEETING',
        'END:VEVENT',
      );
    }
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
