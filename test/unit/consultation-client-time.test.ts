/// <reference types="vite/client" />
/**
 * How the consultation page reads times: each phase on the host's clocks and the viewer's (CEST in
 * September, CET in November), all-day phases as host dates, deadlines as the last instant of the
 * day, and countdowns in words in each language.
 */
import { describe, expect, it } from 'vitest';
import { countdownText, hostAndViewer, remaining, zonedSpan } from '../../client/i18n/span-time.js';
import { meetingIcsHref } from '../../client/lib/ics-link.js';

const ZURICH = 'Europe/Zurich';
const NY = 'America/New_York';
/** ICU puts narrow or plain no-break spaces between numbers and units; compare them as spaces. */
const plain = (s: string | undefined) => (s ?? '').replace(/[\u00a0\u2009\u202f]/g, ' ');

describe('zonedSpan / hostAndViewer', () => {
  it('reads the opening (9 Sep 2020 15:00–16:00 CEST) as 09:00–10:00 in New York', () => {
    const start = Date.parse('2020-09-09T15:00:00+02:00');
    const end = Date.parse('2020-09-09T16:00:00+02:00');
    const { host, viewer } = hostAndViewer(start, end, ZURICH, NY, 'en');
    expect(host.text).toBe('Wednesday, 9 September 2020 · 15:00–16:00');
    expect(host.abbr).toBe('CEST');
    expect(viewer?.text).toBe('Wednesday, 9 September 2020 · 09:00–10:00');
    expect(viewer?.abbr).toBe('GMT-4');
  });

  it('reads the first meeting (6 Nov 2020 10:10 CET) with the winter offsets on both sides', () => {
    const { host, viewer } = hostAndViewer('2020-11-06T10:10:00+01:00', '2020-11-06T11:10:00+01:00', ZURICH, NY, 'en');
    expect(host.text).toContain('10:10–11:10');
    expect(host.abbr).toBe('CET');
    expect(viewer?.text).toContain('04:10–05:10');
    expect(viewer?.abbr).toBe('GMT-5');
  });

  it('leaves the viewer line out when the viewer is in the host zone', () => {
    expect(hostAndViewer('2020-11-06T10:10:00+01:00', '2020-11-06T11:10:00+01:00', ZURICH, ZURICH, 'en').viewer).toBeNull();
  });

  it('reads an all-day phase as the host date, and as the hours it covers for the viewer', () => {
    // 8 March 2021, a whole day in Zurich: [00:00, next 00:00) CET.
    const start = Date.parse('2021-03-08T00:00:00+01:00');
    const end = Date.parse('2021-03-09T00:00:00+01:00');
    const { host, viewer } = hostAndViewer(start, end, ZURICH, NY, 'en', { allDay: true });
    expect(host.text).toBe('Monday, 8 March 2021');
    expect(plain(viewer?.text)).toBe('7 Mar 2021, 18:00 – 8 Mar 2021, 18:00');
    expect(hostAndViewer(start, end, ZURICH, ZURICH, 'en', { allDay: true }).viewer).toBeNull();
  });

  it('reads a single instant (a deadline, shown as its last millisecond) with date and time', () => {
    const closesAt = Date.parse('2021-03-09T00:00:00+01:00');
    expect(zonedSpan(closesAt - 1, null, ZURICH, 'en').text).toBe('Monday, 8 March 2021 at 23:59');
    expect(zonedSpan(closesAt - 1, null, NY, 'en').text).toBe('Monday, 8 March 2021 at 17:59');
  });

  it('formats in the reader language (Arabic)', () => {
    const s = zonedSpan(Date.parse('2020-09-09T15:00:00+02:00'), Date.parse('2020-09-09T16:00:00+02:00'), ZURICH, 'ar');
    expect(s.text).toMatch(/سبتمبر/);
  });
});

describe('countdown', () => {
  it('splits what remains and never goes negative', () => {
    const r = remaining(90_061_000, 0);
    expect([r.days, r.hours, r.minutes, r.seconds]).toEqual([1, 1, 1, 1]);
    expect(remaining(0, 5_000).ms).toBe(0);
  });

  it('says the two largest units in words, in each language', () => {
    expect(countdownText(remaining(3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000, 0), 'en')).toBe('3 days, 4 hours');
    expect(countdownText(remaining(5 * 60_000 + 12_000, 0), 'en')).toBe('5 minutes, 12 seconds');
    expect(countdownText(remaining(86_400_000, 0), 'en')).toBe('1 day');
    expect(plain(countdownText(remaining(2 * 86_400_000, 0), 'fr'))).toBe('2 jours');
    expect(plain(countdownText(remaining(2 * 86_400_000, 0), 'ru'))).toBe('2 дня');
  });
});

describe('meetingIcsHref', () => {
  it('is one VEVENT in UTC with the meeting UID', () => {
    const href = meetingIcsHref(
      { id: 'wsis2021-m1', title: 'Opening, virtual', startsAt: '2020-09-09T15:00:00+02:00', endsAt: '2020-09-09T16:00:00+02:00', url: null },
      'plenary',
    );
    const ics = decodeURIComponent(href.replace(/^data:text\/calendar;charset=utf-8,/, ''));
    expect(ics).toContain('UID:wsis2021-m1@plenary');
    expect(ics).toContain('DTSTART:20200909T130000Z');
    expect(ics).toContain('DTEND:20200909T140000Z');
    expect(ics).toContain('SUMMARY:Opening\\, virtual');
  });
});
