/**
 * The texts of the current speaker's countdown, shared by the room's countdown and the projector's:
 * the m:ss shown (+m:ss once over time), the turn's limit and how far over it the speaker is.
 */
import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { warningMs } from '../../shared/domain/index.js';
import { formatDuration, formatNumber } from '../i18n/format.js';
import { currentLocale } from '../i18n/index.js';
import { countdownText } from '../components/queue/queue-format.js';
import { useQueueStore } from '../stores/queue.js';

/** What a countdown displays; null while nobody has the floor. */
export interface CountdownText {
  countdown: string;
  limit: string;
  overrun: string;
  /** "Last 7 seconds": the warning, as long as this turn's warning lasts (a third of a short limit). */
  warning: string;
}

/** The countdown texts of the turn in progress, recomputed on every clock tick and language change. */
export function useCountdownText(): ComputedRef<CountdownText | null> {
  const queue = useQueueStore();
  const { locale, t } = useI18n();
  return computed(() => {
    void locale.value; // a language switch re-formats the numbers
    const c = queue.clock;
    if (!c) return null;
    const secs = Math.round(warningMs(c.turn.limitMs) / 1000);
    return {
      countdown: countdownText(c.remainingMs),
      limit: formatDuration(c.turn.limitMs, currentLocale()),
      overrun: formatDuration(Math.max(0, -c.remainingMs), currentLocale()),
      warning: t('queue.speaker.warning', { n: formatNumber(secs, currentLocale()) }, secs),
    };
  });
}
