/**
 * Times of a consultation: phases that may last an hour (the opening) or months (the call for
 * submissions), deadlines that are one instant, and countdowns. Each is read in one zone at a time,
 * so a page can show the host's clocks and the viewer's side by side, both labelled.
 */
import type { Language } from '../../shared/domain/common.js';
import { INTL_LOCALE } from './index.js';
import { zoneAbbreviation } from './format.js';

/** How a span reads in one zone: "Wednesday, 9 September 2020 · 15:00–16:00", with its zone. */
export interface ZonedSpan {
  /** The readable date(s) and time(s), e.g. "Wed, 9 Sept 2020, 15:00–16:00". */
  text: string;
  /** Short zone name at the start, e.g. "CEST", "GMT-4". */
  abbr: string;
  /** The IANA zone, e.g. "Europe/Geneva". */
  zone: string;
}

/** Calendar day of an instant in a zone, for "same day?" checks ("2020-09-09"). */
function dayIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory' }).format(ms);
}

/**
 * A start–end span (or a single instant when `endsAt` is null or equal) as read in `timeZone`.
 * Same day: the date once and a time range; across days: both dates with their times.
 */
export function zonedSpan(
  startsAt: string | number,
  endsAt: string | number | null,
  timeZone: string,
  lang: Language,
  opts: { allDay?: boolean } = {},
): ZonedSpan {
  const start = typeof startsAt === 'number' ? startsAt : Date.parse(startsAt);
  const end = endsAt === null ? start : typeof endsAt === 'number' ? endsAt : Date.parse(endsAt);
  const locale = INTL_LOCALE[lang];
  const abbr = zoneAbbreviation(new Date(start), timeZone, lang);
  if (opts.allDay) {
    // Whole days: the end is the midnight after the last day, so the last day is one ms before it.
    const f = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full' });
    const last = Math.max(start, end - 1);
    const text = dayIn(start, timeZone) === dayIn(last, timeZone) ? f.format(start) : f.formatRange(start, last);
    return { text, abbr, zone: timeZone };
  }
  if (end <= start) {
    const f = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short' });
    return { text: f.format(start), abbr, zone: timeZone };
  }
  if (dayIn(start, timeZone) === dayIn(end, timeZone)) {
    const date = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full' }).format(start);
    const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).formatRange(start, end);
    return { text: `${date} · ${time}`, abbr, zone: timeZone };
  }
  const f = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return { text: f.formatRange(start, end), abbr, zone: timeZone };
}

/**
 * The same span in the host's zone and, when it reads differently, in the viewer's. An all-day span
 * reads as dates on the host's calendar, and as the exact hours it covers on the viewer's clocks
 * (8 March in Geneva is 7 March 18:00 – 8 March 18:00 in New York).
 */
export function hostAndViewer(
  startsAt: string | number,
  endsAt: string | number | null,
  hostZone: string,
  viewerZone: string,
  lang: Language,
  opts: { allDay?: boolean } = {},
): { host: ZonedSpan; viewer: ZonedSpan | null } {
  const host = zonedSpan(startsAt, endsAt, hostZone, lang, opts);
  const viewer = zonedSpan(startsAt, endsAt, viewerZone, lang);
  if (opts.allDay) {
    const sameClock = zonedSpan(startsAt, endsAt, hostZone, lang);
    return { host, viewer: viewer.text === sameClock.text && viewer.abbr === sameClock.abbr ? null : viewer };
  }
  return { host, viewer: viewer.text === host.text && viewer.abbr === host.abbr ? null : viewer };
}

/** Whole days, hours, minutes and seconds left until an instant (all zero once it has passed). */
export interface Remaining {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  /** Milliseconds left, never negative. */
  ms: number;
}

export function remaining(untilMs: number, nowMs: number): Remaining {
  const ms = Math.max(0, untilMs - nowMs);
  const s = Math.floor(ms / 1000);
  return { days: Math.floor(s / 86_400), hours: Math.floor((s % 86_400) / 3600), minutes: Math.floor((s % 3600) / 60), seconds: s % 60, ms };
}

/**
 * A countdown in words in the UI language, the two largest units only ("3 days, 4 hours",
 * "5 minutes, 12 seconds"), through Intl so plurals and digits are right in every language.
 */
export function countdownText(r: Remaining, lang: Language): string {
  const units: [number, Intl.NumberFormatOptions['unit']][] = [
    [r.days, 'day'],
    [r.hours, 'hour'],
    [r.minutes, 'minute'],
    [r.seconds, 'second'],
  ];
  const first = units.findIndex(([n]) => n > 0);
  if (first < 0) return new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(0);
  const parts = units
    .slice(first, first + 2)
    .filter(([n], i) => i === 0 || n > 0)
    .map(([n, unit]) => new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'unit', unit, unitDisplay: 'long' }).format(n));
  return new Intl.ListFormat(INTL_LOCALE[lang], { style: 'long', type: 'unit' }).format(parts);
}
