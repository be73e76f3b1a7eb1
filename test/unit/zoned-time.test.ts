/**
 * Wall time in the meeting's zone ↔ instants (client/i18n/zoned-time.ts): the seeded meetings' times,
 * both DST transitions of Europe/Zurich and of America/New_York, a half-hour zone, malformed input.
 */
import { describe, expect, it } from 'vitest';
import {
  formatOffset,
  isValidTimeZone,
  isoToZoned,
  isoWithOffset,
  knownTimeZones,
  zoneOffsetMinutes,
  zonedToIso,
} from '../../shared/domain/zoned-time.js';

const ZH = 'Europe/Zurich';

describe('zonedToIso', () => {
  it('summer time in Zurich is CEST +02:00 (9 Sep 2020 15:00)', () => {
    expect(zonedToIso({ date: '2020-09-09', time: '15:00' }, ZH)).toBe('2020-09-09T15:00:00+02:00');
    expect(Date.parse(zonedToIso({ date: '2020-09-09', time: '15:00' }, ZH)!)).toBe(Date.UTC(2020, 8, 9, 13, 0));
  });

  it('winter time in Zurich is CET +01:00 (6 Nov 2020 10:10)', () => {
    expect(zonedToIso({ date: '2020-11-06', time: '10:10' }, ZH)).toBe('2020-11-06T10:10:00+01:00');
    expect(Date.parse(zonedToIso({ date: '2020-11-06', time: '10:10' }, ZH)!)).toBe(Date.UTC(2020, 10, 6, 9, 10));
  });

  it('the day clocks go forward (28 Mar 2021): before and after the jump, and the missing hour moved forward', () => {
    expect(zonedToIso({ date: '2021-03-28', time: '01:59' }, ZH)).toBe('2021-03-28T01:59:00+01:00');
    expect(zonedToIso({ date: '2021-03-28', time: '03:00' }, ZH)).toBe('2021-03-28T03:00:00+02:00');
    // 02:30 never shows on Zurich clocks that day: it becomes 03:30 CEST (= 01:30 UTC).
    expect(zonedToIso({ date: '2021-03-28', time: '02:30' }, ZH)).toBe('2021-03-28T03:30:00+02:00');
  });

  it('the day clocks go back (31 Oct 2021): the repeated hour is the earlier one', () => {
    expect(zonedToIso({ date: '2021-10-31', time: '02:30' }, ZH)).toBe('2021-10-31T02:30:00+02:00');
    expect(zonedToIso({ date: '2021-10-31', time: '03:00' }, ZH)).toBe('2021-10-31T03:00:00+01:00');
    expect(zonedToIso({ date: '2021-10-31', time: '01:59' }, ZH)).toBe('2021-10-31T01:59:00+02:00');
  });

  it('works for other zones: New York (both edges), Kolkata (+05:30), UTC, Auckland across the date line', () => {
    expect(zonedToIso({ date: '2021-03-14', time: '02:30' }, 'America/New_York')).toBe('2021-03-14T03:30:00-04:00');
    expect(zonedToIso({ date: '2021-11-07', time: '01:30' }, 'America/New_York')).toBe('2021-11-07T01:30:00-04:00');
    expect(zonedToIso({ date: '2021-01-29', time: '14:00' }, 'America/New_York')).toBe('2021-01-29T14:00:00-05:00');
    expect(zonedToIso({ date: '2021-01-29', time: '14:00' }, 'Asia/Kolkata')).toBe('2021-01-29T14:00:00+05:30');
    expect(zonedToIso({ date: '2021-01-29', time: '14:00' }, 'UTC')).toBe('2021-01-29T14:00:00+00:00');
    expect(zonedToIso({ date: '2021-01-01', time: '00:30' }, 'Pacific/Auckland')).toBe('2021-01-01T00:30:00+13:00');
  });

  it('refuses malformed dates and times and unknown zones', () => {
    expect(zonedToIso({ date: '2021-02-30', time: '10:00' }, ZH)).toBeNull();
    expect(zonedToIso({ date: '2021-13-01', time: '10:00' }, ZH)).toBeNull();
    expect(zonedToIso({ date: '2021-01-01', time: '24:00' }, ZH)).toBeNull();
    expect(zonedToIso({ date: '', time: '10:00' }, ZH)).toBeNull();
    expect(zonedToIso({ date: '2021-01-01', time: '10' }, ZH)).toBeNull();
    expect(zonedToIso({ date: '2021-01-01', time: '10:00' }, 'Mars/Olympus_Mons')).toBeNull();
  });
});

describe('isoToZoned and friends', () => {
  it('reads an instant as the clocks of a zone show it, whatever offset it was written with', () => {
    expect(isoToZoned('2020-09-09T15:00:00+02:00', ZH)).toEqual({ date: '2020-09-09', time: '15:00' });
    expect(isoToZoned('2020-11-06T09:10:00Z', ZH)).toEqual({ date: '2020-11-06', time: '10:10' });
    expect(isoToZoned('2020-11-06T09:10:00Z', 'America/New_York')).toEqual({ date: '2020-11-06', time: '04:10' });
    expect(isoToZoned('2020-12-31T23:30:00Z', 'Asia/Tokyo')).toEqual({ date: '2021-01-01', time: '08:30' });
  });

  it('round-trips every quarter hour across both Zurich transitions', () => {
    for (const day of ['2021-03-28', '2021-10-31']) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const iso = zonedToIso({ date: day, time }, ZH)!;
        const skipped = day === '2021-03-28' && time >= '02:00' && time < '03:00';
        if (!skipped) expect(isoToZoned(iso, ZH), `${day} ${time}`).toEqual({ date: day, time });
      }
    }
  });

  it('offsets', () => {
    expect(zoneOffsetMinutes(Date.UTC(2020, 8, 9, 13), ZH)).toBe(120);
    expect(zoneOffsetMinutes(Date.UTC(2020, 10, 6, 9), ZH)).toBe(60);
    expect(zoneOffsetMinutes(Date.UTC(2020, 10, 6, 9, 0, 0, 999), 'America/St_Johns')).toBe(-210);
    expect(formatOffset(120)).toBe('+02:00');
    expect(formatOffset(-210)).toBe('-03:30');
    expect(formatOffset(0)).toBe('+00:00');
    expect(isoWithOffset(Date.UTC(2020, 10, 6, 9, 10), ZH)).toBe('2020-11-06T10:10:00+01:00');
  });

  it('validates zones and lists them', () => {
    expect(isValidTimeZone('Europe/Zurich')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    const zones = knownTimeZones('Etc/GMT+5');
    expect(zones).toContain('Europe/Zurich');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Etc/GMT+5');
  });
});
