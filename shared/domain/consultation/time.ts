/**
 * Wall-clock dates and times in the consultation's host zone ↔ instants, and the rules built on
 * them: a call's deadline day (open until 23:59:59 host time, closed at 00:00:00 the next day, DST
 * or not) and the status of a phase or call at an instant. Pure: Intl only, never the local zone of
 * the machine that runs it (server in UTC, browser anywhere), so both sides compute the same instants.
 */
import { z } from 'zod';
import { isValidTimeZone, isoToZoned, zoneOffsetMinutes, zonedToInstant } from '../zoned-time.js';

/** A calendar day, YYYY-MM-DD (a real day: 2021-02-30 is refused). */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((d) => parseDate(d) !== null, 'not a calendar day');
/** A wall-clock time, HH:mm (24 h). */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');
/** An IANA time zone Intl knows, e.g. Europe/Zurich. */
export const TimeZoneId = z.string().min(1).max(64).refine(isValidZone, 'not an IANA time zone');

/** True when Intl knows the zone (a function declaration: `TimeZoneId` above refers to it). */
export function isValidZone(timeZone: string): boolean {
  return isValidTimeZone(timeZone);
}

function parseDate(d: string): { y: number; m: number; d: number } | null {
  const r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!r) return null;
  const [y, m, day] = [Number(r[1]), Number(r[2]), Number(r[3])];
  const back = new Date(Date.UTC(y, m - 1, day));
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== day) return null;
  return { y, m, d: day };
}

/** Offset of the zone from UTC at an instant, in minutes (Zurich: +60 in winter, +120 in summer). */
export function offsetMinutes(ms: number, timeZone: string): number {
  return zoneOffsetMinutes(ms, timeZone);
}

/**
 * The instant clocks in `timeZone` show `date` `time` (default 00:00). A time that happens twice
 * (clocks turned back) is the earlier; one that never happens (clocks turned forward) moves forward
 * by the gap — Temporal's "compatible" rule (zoned-time.ts, shared with the meeting settings form).
 */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const ms = parseDate(date) ? zonedToInstant({ date, time }, timeZone) : null;
  if (ms === null) throw new Error(`Bad wall time ${date} ${time} in ${timeZone}`);
  return ms;
}

/** The day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const d = parseDate(date);
  if (!d) throw new Error(`Bad date ${date}`);
  return new Date(Date.UTC(d.y, d.m - 1, d.d + 1)).toISOString().slice(0, 10);
}

/** The calendar day clocks in `timeZone` show at an instant. */
export function localDate(ms: number, timeZone: string): string {
  return isoToZoned(ms, timeZone).date;
}

/**
 * The first instant at which a deadline day is over: 00:00:00 of the next day in the host zone.
 * A submission is on time iff `now < deadlineClosesAt(day, zone)` — so 23:59:59.999 host time on
 * the last day is accepted and midnight is not, whatever the offset that night.
 */
export function deadlineClosesAt(date: string, timeZone: string): number {
  return zonedInstant(nextDay(date), '00:00', timeZone);
}

export const PHASE_STATUSES = ['upcoming', 'open', 'closed'] as const;
export type PhaseStatus = (typeof PHASE_STATUSES)[number];

/** upcoming before `startsAt`, open in [startsAt, endsAt), closed from `endsAt`. */
export function statusAt(startsAt: number, endsAt: number, now: number): PhaseStatus {
  if (now < startsAt) return 'upcoming';
  return now < endsAt ? 'open' : 'closed';
}
