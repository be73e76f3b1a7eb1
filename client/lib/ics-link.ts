/**
 * A one-event calendar file for a meeting of the public page, built in the browser as a `data:` link
 * (the server's meeting calendar needs a participant's token; the consultation's feed has them all).
 * Times are written in UTC, so every calendar application places them right in its own zone.
 */

/** 20200909T130000Z */
function icsUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Escapes TEXT values (RFC 5545 §3.3.11). */
function icsText(s: string): string {
  return s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

export interface IcsMeeting {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  /** Where to join, put in the event's URL and description. */
  url: string | null;
}

/** `data:text/calendar,…` for one meeting; the UID is the meeting's, as in the server's feeds. */
export function meetingIcsHref(m: IcsMeeting, host: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Plenary//Consultation//EN',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${m.id}@${host}`,
    `DTSTAMP:${icsUtc(Date.parse(m.startsAt))}`,
    `DTSTART:${icsUtc(Date.parse(m.startsAt))}`,
    `DTEND:${icsUtc(Date.parse(m.endsAt))}`,
    `SUMMARY:${icsText(m.title)}`,
    ...(m.url ? [`URL:${m.url}`, `DESCRIPTION:${icsText(m.url)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `data:text/calendar;charset=utf-8,${encodeURIComponent(lines.join('\r\n') + '\r\n')}`;
}
