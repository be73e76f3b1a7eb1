/**
 * Counts read right in every language: "1 vote", not "1 votes". The app's vue-i18n instance picks
 * the plural form by the CLDR rules of each language (Intl.PluralRules), so Russian has its one /
 * few / many forms and Arabic its zero / one / two / few / many / other, while the number itself is
 * still formatted in the language's digits by the caller.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../shared/domain/common.js';
import { i18n, pluralIndex } from '../../client/i18n/index.js';

// vue-i18n's typed `t` recurses through the message tree; a plain signature keeps tsc fast.
type PluralT = (key: string, named: Record<string, string>, plural: number) => string;
const translate = (i18n.global as unknown as { t: PluralT }).t;
const t = (lang: Language, key: string, n: number, shown = String(n)) => {
  i18n.global.locale.value = lang;
  return translate(key, { n: shown }, n);
};

afterEach(() => {
  i18n.global.locale.value = 'en';
});

describe('plural forms', () => {
  it('English, French and Spanish: one and other (French counts 0 as one)', () => {
    expect(t('en', 'polls.results.votes', 1)).toBe('1 vote');
    expect(t('en', 'polls.results.votes', 0)).toBe('0 votes');
    expect(t('en', 'polls.results.votes', 21)).toBe('21 votes');
    expect(t('es', 'polls.results.votes', 1)).toBe('1 voto');
    expect(t('es', 'polls.results.votes', 3)).toBe('3 votos');
    expect(t('fr', 'polls.chooseExactly', 2)).toBe('Choisissez 2 options.');
    expect(pluralIndex('fr', 0, 2)).toBe(0);
    expect(t('en', 'queue.speaker.warning', 1)).toBe('Last 1 second');
    expect(t('en', 'queue.speaker.warning', 10)).toBe('Last 10 seconds');
  });

  it('Russian: one, few and many', () => {
    expect(t('ru', 'polls.results.votes', 1)).toBe('1 голос');
    expect(t('ru', 'polls.results.votes', 21)).toBe('21 голос');
    expect(t('ru', 'polls.results.votes', 3)).toBe('3 голоса');
    expect(t('ru', 'polls.results.votes', 5)).toBe('5 голосов');
    expect(t('ru', 'polls.results.votes', 11)).toBe('11 голосов');
    expect(t('ru', 'queue.speaker.warning', 5)).toBe('Последние 5 секунд');
    expect(t('ru', 'queue.speaker.warning', 2)).toBe('Последние 2 секунды');
  });

  it('Arabic: zero, one, two, few, many and other; digits as the caller formatted them', () => {
    expect(t('ar', 'polls.results.votes', 0, '٠')).toBe('لا أصوات');
    expect(t('ar', 'polls.results.votes', 1, '١')).toBe('صوت واحد');
    expect(t('ar', 'polls.results.votes', 2, '٢')).toBe('صوتان');
    expect(t('ar', 'polls.results.votes', 3, '٣')).toBe('٣ أصوات');
    expect(t('ar', 'polls.results.votes', 11, '١١')).toBe('١١ صوتًا');
    expect(t('ar', 'polls.results.votes', 100, '١٠٠')).toBe('١٠٠ صوت');
  });

  it('Chinese has one form; every language gives a form for every count', () => {
    expect(t('zh', 'polls.results.votes', 1)).toBe('1 票');
    for (const lang of LANGUAGES) {
      for (const n of [0, 1, 2, 3, 5, 11, 21, 100, 1000000]) {
        const s = t(lang, 'polls.results.votes', n);
        expect(s, `${lang} ${n}`).not.toContain('|');
        expect(s.length, `${lang} ${n}`).toBeGreaterThan(0);
      }
    }
  });
});
