/**
 * The iCalendar text builder (server/http/ics.ts): escaping of TEXT values, folding at 75 octets
 * without splitting UTF-8 characters, UTC times, and the shape of the whole document.
 */
import { describe, expect, it } from 'vitest';
import { foldLine, icsEscape, icsUtc, meetingIcs, type IcsMeeting } from '../../server/http/ics.js';

const octets = (s: string) => new TextEncoder().encode(s).length;
/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed. */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');

const MEETING: IcsMeeting = {
  meetingId: 'wsis2021-m2',
  title: 'WSIS Forum 2021 Open Consultation; second meeting, hybrid',
  description: 'Line one\nLine two with a back\\slash',
  startsAt: '2020-11-06T10:10:00+01:00',
  endsAt: '2020-11-06T11:10:00+01:00',
  timeZone: 'Europe/Zurich',
  sequence: 42,
  agenda: [
    { title: 'Opening, and adoption of the agenda', plannedMinutes: 10 },
    { title: 'مقترحات رسمية حسب مجموعة أصحاب المصلحة — 正式提交概述 — обзор', plannedMinutes: 25 },
  ],
};

describe('icsEscape', () => {
  it('escapes backslash, semicolon, comma and every kind of newline', () => {
    expect(icsEscape('a,b;c\\d')).toBe('a\\,b\\;c\\\\d');
    expect(icsEscape('one\ntwo\r\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
    expect(icsEscape('plain: text "quoted"')).toBe('plain: text "quoted"');
    // The backslash is escaped first, so an escape we add is never doubled.
    expect(icsEscape('\\,')).toBe('\\\\\\,');
  });
});

describe('foldLine', () => {
  it('leaves a short line alone', () => {
    expect(foldLine('SUMMARY:Short')).toBe('SUMMARY:Short');
    const exactly75 = `X:${'a'.repeat(73)}`;
    expect(foldLine(exactly75)).toBe(exactly75);
  });

  it('folds ASCII at 75 octets, continuation lines starting with a space', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBe(3);
    expect(parts.every((p) => octets(p) <= 75)).toBe(true);
    expect(octets(parts[0]!)).toBe(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe(line);
  });

  it('never splits a multi-byte character (Arabic, Chinese, emoji)', () => {
    const line = `SUMMARY:${'مرحبا'.repeat(12)}${'会议'.repeat(20)}${'🎤'.repeat(10)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      expect(part).not.toMatch(/\uFFFD/);
      // Round-trips through UTF-8 unchanged: no lone surrogate or cut sequence.
      expect(new TextDecoder().decode(new TextEncoder().encode(part))).toBe(part);
    }
    expect(unfold(folded)).toBe(line);
  });
});

describe('icsUtc', () => {
  it('writes instants as UTC basic format', () => {
    expect(icsUtc(Date.parse('2020-09-09T15:00:00+02:00'))).toBe('20200909T130000Z');
    expect(icsUtc(Date.parse('2020-11-06T10:10:00+01:00'))).toBe('20201106T091000Z');
    expect(icsUtc(Date.UTC(2021, 0, 29, 13, 0, 5, 999))).toBe('20210129T130005Z');
  });
});

describe('meetingIcs', () => {
  const now = Date.UTC(2020, 10, 1, 8, 0, 0);
  const text = meetingIcs(MEETING, now);
  const lines = unfold(text).split('\r\n');

  it('uses CRLF everywhere, ends with one, and keeps every physical line within 75 octets', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const l of text.split('\r\n')) expect(octets(l)).toBeLessThanOrEqual(75);
  });

  it('is one VCALENDAR with one VEVENT with the required properties', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l.startsWith('PRODID:'))).toHaveLength(1);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toContain('UID:wsis2021-m2@plenary');
    expect(lines).toContain('DTSTAMP:20201101T080000Z');
    expect(lines).toContain('DTSTART:20201106T091000Z');
    expect(lines).toContain('DTEND:20201106T101000Z');
    expect(lines).toContain('SEQUENCE:42');
    expect(lines).toContain('SUMMARY:WSIS Forum 2021 Open Consultation\\; second meeting\\, hybrid');
  });

  it('describes the meeting and lists the agenda with planned minutes, escaped', () => {
    const desc = lines.find((l) => l.startsWith('DESCRIPTION:'))!;
    expect(desc).toBe(
      'DESCRIPTION:Line one\\nLine two with a back\\\\slash\\n\\nTime zone of the meeting: Europe/Zurich' +
        '\\n\\nAgenda:\\n1. Opening\\, and adoption of the agenda (10 min)' +
        '\\n2. مقترحات رسمية حسب مجموعة أصحاب المصلحة — 正式提交概述 — обзор (25 min)',
    );
  });

  it('has a stable UID: the same meeting later, changed, is the same event', () => {
    const later = meetingIcs({ ...MEETING, title: 'Renamed', sequence: 50 }, now + 3_600_000);
    expect(unfold(later)).toContain('\r\nUID:wsis2021-m2@plenary\r\n');
  });
});
