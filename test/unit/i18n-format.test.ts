/// <reference types="vite/client" />
/**
 * The client's i18n wiring and time formatting, from Node: the glob in client/i18n/index.ts picks up
 * every namespace file of every locale, error codes resolve by their dotted key, and meeting times
 * read in the meeting's zone and in the viewer's.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LANGUAGES, type Language } from '../../shared/domain/common.js';
import { formatDuration, zonedSchedule, zoneAbbreviation } from '../../client/i18n/format.js';
import { ENDONYMS, i18n } from '../../client/i18n/index.js';

// vue-i18n's typed composer is too deep for untyped keys; the runtime behaviour is what is under test.
const g = i18n.global as unknown as {
  locale: { value: string };
  t: (key: string, params: Record<string, unknown>) => string;
  getLocaleMessage: (lang: string) => Record<string, unknown>;
};
const t = (lang: Language, key: string, params: Record<string, unknown> = {}) => {
  g.locale.value = lang;
  return g.t(key, params);
};

describe('client i18n instance', () => {
  it('loads every namespace file found on disk, for every language', () => {
    const namespaces = readdirSync(new URL('../../client/i18n/locales/en/', import.meta.url)).map((f) => f.replace(/\.ts$/, ''));
    for (const lang of LANGUAGES) {
      const messages = g.getLocaleMessage(lang);
      expect(Object.keys(messages).sort()).toEqual([...namespaces].sort());
    }
  });

  it('translates every error code by its dotted key, in every language, without falling back to English', () => {
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      for (const code of ERROR_CODES) {
        const text = t(lang, `errors.${code}`);
        expect(text, `${lang} errors.${code}`).not.toBe(`errors.${code}`);
        expect(text, `${lang} errors.${code}`).not.toBe(t('en', `errors.${code}`));
      }
    }
  });

  it('interpolates parameters', () => {
    expect(t('en', 'common.connection.failed', { reason: 'X' })).toBe('Not connected: X');
    expect(t('ar', 'agenda.itemNumber', { n: 3 })).toBe('البند 3');
  });

  it('names each language in itself', () => {
    expect(Object.keys(ENDONYMS).sort()).toEqual([...LANGUAGES].sort());
    expect(ENDONYMS.ar).toBe('العربية');
    expect(ENDONYMS.zh).toBe('中文');
  });
});

describe('time formatting', () => {
  // 6 November 2020, 10:10–11:10 CET: the second consultation phase (seed README).
  const start = '2020-11-06T10:10:00+01:00';
  const end = '2020-11-06T11:10:00+01:00';

  it('states the time in the meeting zone with its abbreviation and IANA name', () => {
    const s = zonedSchedule(start, end, 'Europe/Zurich', 'en');
    expect(s.range).toBe('10:10–11:10');
    expect(s.abbr).toBe('CET');
    expect(s.zone).toBe('Europe/Zurich');
    expect(s.date).toMatch(/^Friday,? 6 November 2020$/);
  });

  it('knows summer time (CEST in September)', () => {
    expect(zoneAbbreviation(new Date('2020-09-09T15:00:00+02:00'), 'Europe/Zurich', 'en')).toBe('CEST');
  });

  it('shows the same instant in a viewer zone elsewhere', () => {
    const s = zonedSchedule(start, end, 'America/New_York', 'en');
    expect(s.range).toBe('04:10–05:10');
    expect(s.abbr).toBe('GMT-5');
    const tokyo = zonedSchedule(start, end, 'Asia/Tokyo', 'zh');
    expect(tokyo.range).toMatch(/18:10\s*–\s*19:10/);
  });

  it('formats durations as m:ss and h:mm:ss', () => {
    expect(formatDuration(0, 'en')).toBe('0:00');
    expect(formatDuration(65_000, 'en')).toBe('1:05');
    expect(formatDuration(3_725_000, 'fr')).toBe('1:02:05');
    expect(formatDuration(-5_000, 'en')).toBe('0:00');
  });
});
