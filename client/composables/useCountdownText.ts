/**
 * The texts of the current speaker's countdown, shared by the room's countdown and the projector's:
 * the m:ss shown (+m:ss once over time), the turn's limit and how far over it the speaker is.
 */
import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { formatDuration } from '../i18n/format.js';
import { currentLocale } from '../i18n/index.js';
import { countdownText } from '../components/queue/queue-format.js';
import { useQueueStore } from '../stores/queue.js';

/** What a countdown displays; null while nobody has the floor. */
export interface CountdownText {
  countdown: string;
  limit: string;
  overrun: string;
}

/** The countdown texts of the turn in progress, recomputed on every clock tick and language change. */
export function useCountdownText(): ComputedRef<CountdownText | null> {
  const queue = useQueueStore();
  const { locale } = useI18n();
  return computed(() => {
    void locale.value; // a language switch re-formats the numbers
    const c = queue.clock;
    if (!c) return null;
    return {
      countdown: countdownText(c.remainingMs),
      limit: formatDuration(c.turn.limitMs, currentLocale()),
      overrun: formatDuration(Math.max(0, -c.remainingMs), currentLocale()),
    };
  });
}
