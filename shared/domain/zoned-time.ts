/**
 * Wall-clock time in a named IANA zone ↔ instants: the meeting settings form (a moderator types the
 * times as they read on the clocks where it is held, "15:00 in Europe/Zurich", whatever the zone of
 * the browser) and the consultation's phases and deadlines (consultation/time.ts), on the server and
 * in the browser alike. Pure (Intl only): no `Date` local-time methods, so no local zone leaks in.
 */

/** A wall-clock date and time: `date` is YYYY-MM-DD, `time` is HH:mm (24 h), as <input> gives them. */
export interface WallTime {
  date: string;
  time: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** One cached formatter per zone: numeric parts in the Gregorian calendar, 24-hour clock. */
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is a zone Intl knows (e.g. "Europe/Zurich", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a zone. */
function wallFields(ms: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const get = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const parts = partsFormatter(timeZone).formatToParts(ms);
  return { y: get(parts, 'year'), mo: get(parts, 'month'), d: get(parts, 'day'), h: get(parts, 'hour'), mi: get(parts, 'minute'), s: get(parts, 'second') };
}

/** Offset of the zone from UTC at an instant, in minutes (Europe/Zurich in July: +120). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const w = wallFields(ms, timeZone);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  // Whole seconds on both sides: the instant's milliseconds are not part of the wall clock.
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** "+02:00", "-05:00", "+05:30", "+00:00". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Parses a WallTime into UTC-as-if fields in ms; null when malformed or not a real calendar day. */
function wallAsUtc(wall: WallTime): number | null {
  const d = DATE_RE.exec(wall.date);
  const t = TIME_RE.exec(wall.time);
  if (!d || !t) return null;
  const [y, mo, day, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || day < 1 || day > 31 || h > 23 || mi > 59) return null;
  const ms = Date.UTC(y, mo - 1, day, h, mi);
  const back = new Date(ms);
  // 31 February rolls over into March: refuse it rather than guess.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== day) return null;
  return ms;
}

/**
 * The instant at which clocks in `timeZone` show `wall`, as an ISO 8601 string with that zone's
 * offset (e.g. 2020-09-09 15:00 Europe/Zurich → "2020-09-09T15:00:00+02:00"). DST edges follow
 * Temporal's "compatible" rule: a time that happens twice (clocks turned back) is the earlier one;
 * a time that never happens (clocks turned forward) is moved forward by the gap (02:30 → 03:30).
 * Null when the date/time is malformed or the zone unknown.
 */
export function zonedToIso(wall: WallTime, timeZone: string): string | null {
  const instant = zonedToInstant(wall, timeZone);
  return instant === null ? null : isoWithOffset(instant, timeZone);
}

/** `zonedToIso` as milliseconds since the epoch (null when malformed or the zone unknown). */
export function zonedToInstant(wall: WallTime, timeZone: string): number | null {
  const local = wallAsUtc(wall);
  if (local === null || !isValidTimeZone(timeZone)) return null;
  // The offsets just before and after the local time cover both sides of any transition nearby.
  const before = zoneOffsetMinutes(local - 86_400_000, timeZone);
  const after = zoneOffsetMinutes(local + 86_400_000, timeZone);
  const candidates = [...new Set([before, after])]
    .map((off) => local - off * 60_000)
    .filter((ms) => zoneOffsetMinutes(ms, timeZone) * 60_000 === local - ms)
    .sort((a, b) => a - b);
  // Overlap: two candidates, take the earlier. Gap: none; the wall time read with the offset from
  // before the jump lands after it, which is the "moved forward by the gap" instant.
  return candidates[0] ?? local - before * 60_000;
}

/** An instant as "YYYY-MM-DDTHH:mm:ss±hh:mm" in the zone's wall time and offset. */
export function isoWithOffset(ms: number, timeZone: string): string {
  const w = wallFields(ms, timeZone);
  const pad = (n: number, l = 2) => String(n).padStart(l, '0');
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}${formatOffset(zoneOffsetMinutes(ms, timeZone))}`;
}

/** What clocks in `timeZone` show at an instant (ISO string or ms), for prefilling date and time inputs. */
export function isoToZoned(instant: string | number, timeZone: string): WallTime {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const w = wallFields(ms, timeZone);
  const pad = (n: number, l = 2) => String(n).padStart(l, '0');
  return { date: `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}`, time: `${pad(w.h)}:${pad(w.mi)}` };
}

/** Every zone the runtime knows (for a picker), with `current` kept even if the list lacks it. */
export function knownTimeZones(current?: string): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const list = intl.supportedValuesOf?.('timeZone') ?? [];
  const all = new Set(['UTC', ...list]);
  if (current) all.add(current);
  return [...all].sort();
}
