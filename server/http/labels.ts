/**
 * Labels the exports (minutes, polls CSV) write for the domain's fixed vocabulary. The exports are
 * in English unless given the words (the minutes pass their language's, minutes-text.ts); the options of a yes/no/abstain poll are stored by key
 * ("yes"), which a reader of the minutes must never see in place of the word.
 */
import type { Poll } from '../../shared/domain/index.js';

const FIXED_OPTION_LABEL: Record<string, string> = { yes: 'Yes', no: 'No', abstain: 'Abstain' };

/** The label of a poll option as the exports write it: the word for fixed options, else as typed. */
export function exportOptionLabel(poll: Pick<Poll, 'kind' | 'options'>, optionId: string, fixed: Readonly<Record<string, string>> = FIXED_OPTION_LABEL): string {
  if (poll.kind === 'yes_no_abstain') return fixed[optionId] ?? optionId;
  return poll.options.find((o) => o.id === optionId)?.label ?? optionId;
}
