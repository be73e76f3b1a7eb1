/**
 * Polls: a moderator drafts a question, opens it, people vote (last vote counts), it closes by hand
 * or by its time limit, and results are published. Pure: time comes in as `now`, ids from `newId`.
 *
 * Secret polls never hold a participant id next to a choice, in the state or in any event: a secret
 * vote yields one `poll:ballotCast` keyed by an opaque `ballotKey` that the server computes as
 * HMAC(server secret, pollId + participantId) and puts into the command. The key makes a changed
 * vote replace the earlier ballot; without the server secret nobody can tell whose ballot it is.
 * Rationale and residual risks: docs/polls.md.
 */
import { z } from 'zod';
import { Id, StakeholderGroup, fail, ok, text, type Actor, type DomainError, type Result } from './common.js';
import { MIN_GROUP_BALLOTS_SECRET, ineligibleReason, presentAndEligible } from './poll-results.js';
import { defineConcern, newId, type MeetingState } from './state.js';

export * from './poll-results.js';

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
const PollDraft = z.object({
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
    }
  | { type: 'poll:reopened'; at: number; pollId: string; closesAt: number | null; durationSec: number | null }
  | { type: 'poll:published'; at: number; pollId: string }
  | { type: 'poll:cancelled'; at: number; pollId: string }
  | { type: 'poll:voted'; at: number; pollId: string; participantId: string; group: StakeholderGroup; choices: string[] }
  | { type: 'poll:ballotCast'; at: number; pollId: string; ballotKey: string; group: StakeholderGroup | null; choices: string[] }
  | { type: 'poll:projectorSet'; at: number; pollId: string | null };

const YES_NO_ABSTAIN: PollOption[] = [
  { id: 'yes', label: 'yes' },
  { id: 'no', label: 'no' },
  { id: 'abstain', label: 'abstain' },
];

type Draft = z.infer<typeof PollDraft>;
type Shape = Pick<Poll, 'question' | 'kind' | 'options' | 'minChoices' | 'maxChoices' | 'secret' | 'eligibility' | 'resultsVisibility' | 'durationSec'>;

/** Checks a draft and turns it into the poll's shape: options with ids, bounds filled in. */
function shapePoll(d: Draft): Result<Shape> {
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

function findPoll(s: MeetingState, id: string): Result<Poll> {
  const p = s.polls.byId[id];
  return p ? ok(p) : fail('poll.not_found', 'No such poll');
}

const wrongStatus = (p: Poll, doing: string): { ok: false; error: DomainError } =>
  p.status === 'published'
    ? fail('poll.published', 'Results are published; the poll can no longer change')
    : fail('poll.wrong_status', `A ${p.status} poll cannot be ${doing}`, { status: p.status });

/** An open poll whose deadline has passed is closed for votes even before the server's tick closes it. */
const acceptsVotes = (p: Poll, now: number) => p.status === 'open' && (p.closesAt === null || now < p.closesAt);

const sameChoices = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

function decideVote(
  s: MeetingState,
  c: { pollId: string; choices: string[]; ballotKey?: string | undefined },
  a: Actor,
  now: number,
): Result<PollEvent[]> {
  const found = findPoll(s, c.pollId);
  if (!found.ok) return found;
  const poll = found.value;
  if (!acceptsVotes(poll, now)) return fail('poll.wrong_status', 'This poll is not open for votes', { status: poll.status });
  const voter = a.participantId ? s.participants[a.participantId] : undefined;
  const why = ineligibleReason(voter, poll.eligibility);
  if (why || !voter) return fail('poll.not_eligible', 'You are not eligible to vote in this poll', { reason: why ?? 'not_registered' });
  const choices = [...new Set(c.choices)].sort();
  if (choices.length !== c.choices.length) return fail('poll.invalid_choice', 'An option was chosen twice');
  if (choices.some((id) => !poll.options.some((o) => o.id === id))) return fail('poll.invalid_choice', 'Unknown option');
  if (choices.length < poll.minChoices || choices.length > poll.maxChoices) {
    return fail('poll.invalid_choice', 'Wrong number of choices', { min: poll.minChoices, max: poll.maxChoices });
  }
  if (!poll.secret) {
    const prev = poll.votes[voter.id];
    // Retries and double clicks: the same vote again changes nothing and appends nothing.
    if (prev && sameChoices(prev.choices, choices)) return ok([]);
    return ok([{ type: 'poll:voted', at: now, pollId: poll.id, participantId: voter.id, group: voter.group, choices }]);
  }
  if (!c.ballotKey) return fail('internal', 'Secret vote without a ballot key from the server');
  const prev = poll.ballots[c.ballotKey];
  if (prev && sameChoices(prev.choices, choices)) return ok([]);
  // The group is a quasi-identifier: keep it only when enough people could have cast this ballot.
  const peers = Object.values(s.participants).filter((p) => p.present && p.group === voter.group).length;
  const group = prev ? prev.group : peers >= MIN_GROUP_BALLOTS_SECRET ? voter.group : null;
  return ok([{ type: 'poll:ballotCast', at: now, pollId: poll.id, ballotKey: c.ballotKey, group, choices }]);
}

const deadline = (now: number, sec: number | null) => (sec === null ? null : now + sec * 1000);

/** Replaces one poll in the state. */
function withPoll(s: MeetingState, id: string, f: (p: Poll) => Poll): MeetingState {
  const p = s.polls.byId[id];
  if (!p) return s;
  return { ...s, polls: { ...s.polls, byId: { ...s.polls.byId, [id]: f(p) } } };
}

export const pollsConcern = defineConcern<PollEvent>()({
  commands: pollCommands,
  decide: {
    'poll:create': (s, c, _a, now) => {
      const { type: _t, ...draft } = c;
      const shaped = shapePoll(draft);
      if (!shaped.ok) return shaped;
      const poll: Poll = {
        id: newId(s, 'poll'),
        itemId: s.agenda.currentItemId,
        ...shaped.value,
        status: 'draft',
        createdAt: now,
        openedAt: null,
        closesAt: null,
        closedAt: null,
        closedBy: null,
        publishedAt: null,
        turnoutAtClose: null,
        votes: {},
        ballots: {},
      };
      return ok([{ type: 'poll:created', at: now, poll }]);
    },
    'poll:update': (s, c, _a, now) => {
      const found = findPoll(s, c.pollId);
      if (!found.ok) return found;
      const p = found.value;
      if (p.status !== 'draft') return wrongStatus(p, 'edited');
      const current: Draft = {
        question: p.question,
        kind: p.kind,
        options: p.kind === 'yes_no_abstain' ? [] : p.options.map((o) => o.label),
        minChoices: p.minChoices,
        maxChoices: p.maxChoices,
        secret: p.secret,
        eligibility: p.eligibility,
        resultsVisibility: p.resultsVisibility,
        durationSec: p.durationSec,
      };
      const merged: Draft = { ...current, ...stripUndefined(c.changes) };
      // Changing the options or the kind resets bounds the moderator did not restate.
      if (c.changes.options || c.changes.kind) {
        if (c.changes.minChoices === undefined) delete merged.minChoices;
        if (c.changes.maxChoices === undefined) delete merged.maxChoices;
      }
      const shaped = shapePoll(merged);
      if (!shaped.ok) return shaped;
      return ok([{ type: 'poll:updated', at: now, poll: { ...p, ...shaped.value } }]);
    },
    'poll:open': (s, c, _a, now) => {
      const found = findPoll(s, c.pollId);
      if (!found.ok) return found;
      const p = found.value;
      if (p.status !== 'draft') return wrongStatus(p, 'opened');
      return ok([{ type: 'poll:opened', at: now, pollId: p.id, closesAt: deadline(now, p.durationSec) }]);
    },
    'poll:close': (s, c, a, now) => {
      const found = findPoll(s, c.pollId);
      if (!found.ok) return found;
      const p = found.value;
      if (p.status !== 'open') return wrongStatus(p, 'closed');
      // The system closes polls only when their time is up; a moderator may close at any time.
      const by = a.role === 'system' ? 'time' : 'moderator';
      if (by === 'time' && (p.closesAt === null || now < p.closesAt)) {
        return fail('poll.wrong_status', 'The time limit has not run out yet');
      }
      return ok([{ type: 'poll:closed', at: now, pollId: p.id, by, turnout: presentAndEligible(s, p.eligibility) }]);
    },
    'poll:reopen': (s, c, _a, now) => {
      const found = findPoll(s, c.pollId);
      if (!found.ok) return found;
      const p = found.value;
      if (p.status !== 'closed') return wrongStatus(p, 'reopened');
      const durationSec = c.durationSec === undefined ? p.durationSec : c.durationSec;
      return ok([{ type: 'poll:reopened', at: now, pollId: p.id, durationSec, closesAt: deadline(now, durationSec) }]);
    },
    'poll:publish': (s, c, _a, now) => {
      const found = findPoll(s, c.pollId);
      if (!found.ok) return found;
      const p = found.value;
      if (p.status !== 'closed') return wrongStatus(p, 'published');
      return ok([{ type: 'poll:published', at: now, pollId: p.id }]);
    },
    'poll:cancel': (s, c, _a, now) => {
      const found = findPoll(s, c.pollId);
      if (!found.ok) return found;
      const p = found.value;
      if (p.status === 'published' || p.status === 'cancelled') return wrongStatus(p, 'cancelled');
      return ok([{ type: 'poll:cancelled', at: now, pollId: p.id }]);
    },
    'poll:vote': decideVote,
    'poll:showOnProjector': (s, c, _a, now) => {
      const found = findPoll(s, c.pollId);
      if (!found.ok) return found;
      const p = found.value;
      if (p.status === 'draft' || p.status === 'cancelled') return wrongStatus(p, 'shown');
      if (s.polls.projectorPollId === p.id) return ok([]);
      return ok([{ type: 'poll:projectorSet', at: now, pollId: p.id }]);
    },
    'poll:hideFromProjector': (s, _c, _a, now) =>
      s.polls.projectorPollId === null ? ok([]) : ok([{ type: 'poll:projectorSet', at: now, pollId: null }]),
  },
  apply: {
    'poll:created': (s, e) => ({
      ...s,
      polls: { ...s.polls, order: [...s.polls.order, e.poll.id], byId: { ...s.polls.byId, [e.poll.id]: e.poll } },
    }),
    'poll:updated': (s, e) => withPoll(s, e.poll.id, () => e.poll),
    'poll:opened': (s, e) => withPoll(s, e.pollId, (p) => ({ ...p, status: 'open', openedAt: e.at, closesAt: e.closesAt })),
    'poll:closed': (s, e) =>
      withPoll(s, e.pollId, (p) => ({ ...p, status: 'closed', closedAt: e.at, closedBy: e.by, closesAt: null, turnoutAtClose: e.turnout })),
    'poll:reopened': (s, e) =>
      withPoll(s, e.pollId, (p) => ({
        ...p,
        status: 'open',
        closesAt: e.closesAt,
        durationSec: e.durationSec,
        closedAt: null,
        closedBy: null,
        turnoutAtClose: null,
      })),
    'poll:published': (s, e) => withPoll(s, e.pollId, (p) => ({ ...p, status: 'published', publishedAt: e.at })),
    'poll:cancelled': (s, e) => {
      const next = withPoll(s, e.pollId, (p) => ({ ...p, status: 'cancelled', closesAt: null }));
      const projectorPollId = s.polls.projectorPollId === e.pollId ? null : s.polls.projectorPollId;
      return { ...next, polls: { ...next.polls, projectorPollId } };
    },
    'poll:voted': (s, e) =>
      withPoll(s, e.pollId, (p) => ({
        ...p,
        votes: { ...p.votes, [e.participantId]: { choices: e.choices, group: e.group, at: e.at } },
      })),
    'poll:ballotCast': (s, e) =>
      withPoll(s, e.pollId, (p) => ({ ...p, ballots: { ...p.ballots, [e.ballotKey]: { choices: e.choices, group: e.group } } })),
    'poll:projectorSet': (s, e) => ({ ...s, polls: { ...s.polls, projectorPollId: e.pollId } }),
  },
  due: (s, now) =>
    s.polls.order.flatMap((id) => {
      const p = s.polls.byId[id];
      return p && p.status === 'open' && p.closesAt !== null && now >= p.closesAt ? [{ type: 'poll:close', pollId: id }] : [];
    }),
});

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The poll the projector shows, if any. */
export const projectorPoll = (s: MeetingState): Poll | null =>
  s.polls.projectorPollId ? (s.polls.byId[s.polls.projectorPollId] ?? null) : null;

/** The vote a participant cast in a named poll (secret polls: the client remembers its own ack). */
export const myNamedVote = (poll: Poll, participantId: string | null): NamedVote | null =>
  !poll.secret && participantId ? (poll.votes[participantId] ?? null) : null;
