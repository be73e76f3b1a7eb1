/**
 * Small formatting helpers shared by the queue components: ordinals ("3rd in line") through
 * Intl.PluralRules, minutes for wait estimates, countdown text with the overrun sign.
 */
import { currentLocale, INTL_LOCALE } from '../../i18n/index.js';
import { formatDuration, formatNumber } from '../../i18n/format.js';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** "3rd", "3e", "第3位"…: the locale's ordinal form of a position. */
export function ordinal(t: Translate, n: number): string {
  const lang = currentLocale();
  const cat = new Intl.PluralRules(INTL_LOCALE[lang], { type: 'ordinal' }).select(n);
  const key = cat === 'one' || cat === 'two' || cat === 'few' ? cat : 'other';
  return t(`queue.ordinal.${key}`, { n: formatNumber(n, lang) });
}

/** "about 6 min" or "very soon". */
export function waitText(t: Translate, ms: number): string {
  const min = Math.round(ms / 60_000);
  return min < 1 ? t('queue.waitSoon') : t('queue.wait', { n: formatNumber(min, currentLocale()) });
}

/** m:ss of a remaining time; overrun is shown as +m:ss. */
export function countdownText(remainingMs: number): string {
  const lang = currentLocale();
  // Round up while counting down so "0:00" appears only when time is really up.
  const shown = remainingMs >= 0 ? Math.ceil(remainingMs / 1000) * 1000 : -remainingMs;
  return `${remainingMs < 0 ? '+' : ''}${formatDuration(shown, lang)}`;
}

