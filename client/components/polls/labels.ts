/**
 * Display helpers shared by the poll components: option labels (yes/no/abstain are translated,
 * other labels are what the moderator typed) and localized numbers and percentages.
 */
import type { Language } from '../../../shared/domain/common.js';
import type { Poll } from '../../../shared/domain/index.js';
import { INTL_LOCALE } from '../../i18n/index.js';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The label of an option as this viewer reads it. */
export function optionLabel(t: Translate, poll: Pick<Poll, 'kind' | 'options'>, optionId: string): string {
  if (poll.kind === 'yes_no_abstain') return t(`polls.fixedOptions.${optionId}`);
  return poll.options.find((o) => o.id === optionId)?.label ?? optionId;
}

/** "45.5 %", "٤٥٫٥٪", "45,5 %": the language's own percent format. */
export function formatPercent(percent: number, lang: Language): string {
  return new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'percent', maximumFractionDigits: 1 }).format(percent / 100);
}

/** A list joined the language's way ("A, B and C"). */
export function formatList(items: string[], lang: Language): string {
  return new Intl.ListFormat(INTL_LOCALE[lang], { type: 'conjunction' }).format(items);
}
