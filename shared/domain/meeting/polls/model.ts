/**
 * The vocabulary of polls: command schemas, the poll record, its events, and the checks that turn
 * a moderator's draft into a poll (options with ids, choice bounds). Pure; the rules that use it
 * are in polls.ts, the arithmetic in poll-results.ts.
 */
import { z } from 'zod';
import { Id, StakeholderGroup, fail, ok, text, type Result } from '../../common.js';
import type { Breakdown } from './results.js';

export const POLL_KINDS = ['single', 'multiple', 'yes_no_abstain'] as const;
export type PollKind = (typeof POLL_KINDS)[number];
export type PollStatus = 'draft' | 'open' | 'closed' | 'published' | 'cancelled';
export const MAX_POLL_OPTIONS = 20;

export const PollEligibility = z.union([
  z.literal('all_present'),
  z.object({ groups: z.array(StakeholderGroup).min(1).max(6) }),
]);
export type PollEligibility = z.infer<typeof PollEligibility>;

/** The fields a moderator sets when drafting, without defaults (so `poll:update` can take a subset). */
const draftFields = {
  question: text(300),
  kind: z.enum(POLL_KINDS),
  /** Labels for single/multiple choice; ignored for yes/no/abstain, whose options are fixed. */
  options: z.array(text(120)).max(MAX_POLL_OPTIONS),
  /** Multiple choice only; defaults 1 and the number of options. */
  minChoices: z.number().int().min(0).max(MAX_POLL_OPTIONS),
  maxChoices: z.number().int().min(1).max(MAX_POLL_OPTIONS),
  secret: z.boolean(),
  eligibility: PollEligibility,
  resultsVisibility: z.enum(['live', 'on_close']),
  /** Time limit from opening; null for none. */
  durationSec: z.number().int().min(10).max(24 * 3600).nullable(),
};

/** What `poll:create` takes; zod defaults fill what the moderator left out. */
export const PollDraft = z.object({
  ...draftFields,
  options: draftFields.options.default([]),
  minChoices: draftFields.minChoices.optional(),
  maxChoices: draftFields.maxChoices.optional(),
  secret: draftFields.secret.default(false),
  eligibility: draftFields.eligibility.default('all_present'),
  resultsVisibility: draftFields.resultsVisibility.default('live'),
  durationSec: draftFields.durationSec.optional(),
});
export type PollDraftInput = z.input<typeof PollDraft>;

/** A ballot key as the server makes it (base64url HMAC); never accepted from a client. */
const BallotKey = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

export const pollCommands = [
  z.object({ type: z.literal('poll:create'), ...PollDraft.shape }),
  z.object({
    type: z.literal('poll:update'),
    pollId: Id,
    changes: z.object(draftFields).partial(),
  }),
  z.object({ type: z.literal('poll:open'), pollId: Id }),
  z.object({ type: z.literal('poll:close'), pollId: Id }),
  /** Reopens a closed, unpublished poll; `durationSec` overrides the poll's time limit (null: none). */
  z.object({
    type: z.literal('poll:reopen'),
    pollId: Id,
    durationSec: z.number().int().min(10).max(24 * 3600).nullable().optional(),
  }),
  z.object({ type: z.literal('poll:publish'), pollId: Id }),
  z.object({ type: z.literal('poll:cancel'), pollId: Id }),
  z.object({
    type: z.literal('poll:vote'),
    pollId: Id,
    /** Option ids; order does not matter. */
    choices: z.array(Id).max(MAX_POLL_OPTIONS),
    /** Set by the server edge (it overwrites whatever a client sends); required for secret polls. */
    ballotKey: BallotKey.optional(),
  }),
  z.object({ type: z.literal('poll:showOnProjector'), pollId: Id }),
  z.object({ type: z.literal('poll:hideFromProjector') }),
] as const;

export interface PollOption {
  id: string;
  label: string;
}

/** A named vote: who voted what (visible to everyone in the meeting, listed to moderators). */
export interface NamedVote {
  choices: string[];
  group: StakeholderGroup;
  at: number;
}

/**
 * A secret ballot: what was voted, never by whom. `group` is recorded only when, at the time of the
 * vote, at least MIN_GROUP_BALLOTS_SECRET present participants of that group could have cast it.
 */
export interface SecretBallot {
  choices: string[];
  group: StakeholderGroup | null;
}

export interface Poll {
  id: string;
  /** Current agenda item when the poll was created. */
  itemId: string | null;
  question: string;
  kind: PollKind;
  options: PollOption[];
  minChoices: number;
  maxChoices: number;
  secret: boolean;
  eligibility: PollEligibility;
  resultsVisibility: 'live' | 'on_close';
  durationSec: number | null;
  status: PollStatus;
  createdAt: number;
  openedAt: number | null;
  /** Deadline of the running time limit; the server closes the poll at this instant (see `due`). */
  closesAt: number | null;
  closedAt: number | null;
  closedBy: 'moderator' | 'time' | null;
  publishedAt: number | null;
  /** Eligible and present counts frozen when the poll closed, so turnout stays what it was. */
  turnoutAtClose: { eligible: number; present: number } | null;
  /** Named polls only: participant id → vote. */
  votes: Record<string, NamedVote>;
  /** Secret polls only: ballot key → ballot. */
  ballots: Record<string, SecretBallot>;
  /**
   * Null in the full state (moderators count `votes`/`ballots`). In the public projection
   * (visibility.ts) `votes` and `ballots` are empty and this aggregate stands in for them.
   * Absent from polls recorded before it existed: treat undefined as null.
   */
  tally: PollTally | null;
}

/**
 * A poll's results as aggregate numbers, without any ballot: what the public holds instead of
 * votes and ballots, and what `poll:closed` carries so that clients that never saw a choice show the
 * final results.
 */
export interface PollTally {
  /** Ballots counted (turnout). */
  voted: number;
  /** Counts per option and the group breakdown; null while the holder may not see results. */
  results: { counts: Record<string, number>; breakdown: Breakdown } | null;
}

export interface PollsState {
  order: string[];
  byId: Record<string, Poll>;
  /** The one poll the projector shows, or null. */
  projectorPollId: string | null;
}

export const initialPolls = (): PollsState => ({ order: [], byId: {}, projectorPollId: null });

export type PollEvent =
  | { type: 'poll:created'; at: number; poll: Poll }
  | { type: 'poll:updated'; at: number; poll: Poll }
  | { type: 'poll:opened'; at: number; pollId: string; closesAt: number | null }
  | {
      type: 'poll:closed';
      at: number;
      pollId: string;
      by: 'moderator' | 'time';
      turnout: { eligible: number; present: number };
      /** Final results, computed by decide (absent in logs written before it existed). */
      tally?: PollTally;
    }
  | { type: 'poll:reopened'; at: number; pollId: string; closesAt: number | null; durationSec: number | null }
  | { type: 'poll:published'; at: number; pollId: string }
  | { type: 'poll:cancelled'; at: number; pollId: string }
  | { type: 'poll:voted'; at: number; pollId: string; participantId: string; group: StakeholderGroup; choices: string[] }
  | { type: 'poll:ballotCast'; at: number; pollId: string; ballotKey: string; group: StakeholderGroup | null; choices: string[] }
  | { type: 'poll:projectorSet'; at: number; pollId: string | null }
  /**
   * Public projection only (never in the log): stands in for `poll:voted` / `poll:ballotCast`, with
   * the poll's tally after the vote — results only when the public may see them (visibility.ts).
   */
  | { type: 'poll:voteCounted'; at: number; pollId: string; tally: PollTally };

const YES_NO_ABSTAIN: PollOption[] = [
  { id: 'yes', label: 'yes' },
  { id: 'no', label: 'no' },
  { id: 'abstain', label: 'abstain' },
];

export type Draft = z.infer<typeof PollDraft>;
type Shape = Pick<Poll, 'question' | 'kind' | 'options' | 'minChoices' | 'maxChoices' | 'secret' | 'eligibility' | 'resultsVisibility' | 'durationSec'>;

/** Checks a draft and turns it into the poll's shape: options with ids, bounds filled in. */
export function shapePoll(d: Draft): Result<Shape> {
  const base = {
    question: d.question,
    kind: d.kind,
    secret: d.secret,
    eligibility: d.eligibility,
    resultsVisibility: d.resultsVisibility,
    durationSec: d.durationSec ?? null,
  };
  if (d.kind === 'yes_no_abstain') return ok({ ...base, options: YES_NO_ABSTAIN, minChoices: 1, maxChoices: 1 });
  const labels = d.options;
  if (labels.length < 2) return fail('poll.invalid', 'A poll needs at least two options', { min: 2 });
  if (new Set(labels.map((l) => l.toLocaleLowerCase())).size !== labels.length) {
    return fail('poll.invalid', 'Options must differ from each other');
  }
  const options = labels.map((label, i) => ({ id: `o${i + 1}`, label }));
  if (d.kind === 'single') return ok({ ...base, options, minChoices: 1, maxChoices: 1 });
  const min = d.minChoices ?? 1;
  const max = d.maxChoices ?? labels.length;
  if (min < 1 || max < min || max > labels.length) {
    return fail('poll.invalid', 'Choose limits with 1 ≤ min ≤ max ≤ number of options', { min, max, options: labels.length });
  }
  return ok({ ...base, options, minChoices: min, maxChoices: max });
}
