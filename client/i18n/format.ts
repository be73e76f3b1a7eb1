/**
 * Time formatting for meetings held in one zone and followed from many: every time is shown in the
 * meeting's zone ("10:10 CET, Europe/Zurich") and in the viewer's own, localized through Intl.
 */
import type { Language } from '../../shared/domain/common.js';
import { INTL_LOCALE } from './index.js';

/** The viewer's IANA zone as the browser reports it. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Short zone name at an instant, e.g. "CET" / "CEST" / "GMT+1", in the given language. */
export function zoneAbbreviation(at: Date, timeZone: string, lang: Language): string {
  const parts = new Intl.DateTimeFormat(INTL_LOCALE[lang], { timeZone, timeZoneName: 'short' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

export interface ZonedSchedule {
  /** e.g. "Friday, 6 November 2020". */
  date: string;
  /** e.g. "10:10–11:10". */
  range: string;
  /** e.g. "CET". */
  abbr: string;
  /** IANA zone, e.g. "Europe/Zurich". */
  zone: string;
}

/** The meeting's start–end range as seen in one zone. */
export function zonedSchedule(startsAt: string, endsAt: string, timeZone: string, lang: Language): ZonedSchedule {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const locale = INTL_LOCALE[lang];
  const date = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full' }).format(start);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  return { date, range: time.formatRange(start, end), abbr: zoneAbbreviation(start, timeZone, lang), zone: timeZone };
}

/** A date and time for expiry notices, in the viewer's zone. */
export function formatDateTime(ms: number, lang: Language): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** A duration as m:ss or h:mm:ss, in the language's digits. */
export function formatDuration(ms: number, lang: Language): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const nf = new Intl.NumberFormat(INTL_LOCALE[lang], { useGrouping: false });
  const nf2 = new Intl.NumberFormat(INTL_LOCALE[lang], { minimumIntegerDigits: 2, useGrouping: false });
  return h > 0 ? `${nf.format(h)}:${nf2.format(m)}:${nf2.format(s)}` : `${nf.format(m)}:${nf2.format(s)}`;
}

/** A plain localized integer. */
export function formatNumber(n: number, lang: Language): string {
  return new Intl.NumberFormat(INTL_LOCALE[lang]).format(n);
}
