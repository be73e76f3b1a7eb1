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
import { fail, ok, type Actor, type DomainError, type Result } from '../../common.js';
import { pollCommands, shapePoll, type Draft, type NamedVote, type Poll, type PollEvent } from './model.js';
import { MIN_GROUP_BALLOTS_SECRET, ineligibleReason, presentAndEligible, tallyOf } from './results.js';
import { defineConcern, newId, type MeetingState } from '../state.js';
import { publicTally, zeroResults } from '../visibility.js';

export * from './model.js';
export * from './results.js';
export * from '../visibility.js';

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
  const peers = presentInGroup(s.participants, voter.group);
  const group = prev ? prev.group : peers >= MIN_GROUP_BALLOTS_SECRET ? voter.group : null;
  return ok([{ type: 'poll:ballotCast', at: now, pollId: poll.id, ballotKey: c.ballotKey, group, choices }]);
}

/**
 * Present participants per group, counted once per participants object (the state is immutable, so
 * the object only changes when someone registers, leaves or arrives): a storm of 2,000 secret votes
 * would otherwise count all 2,000 participants 2,000 times. A memo, so decide stays pure.
 */
const presentByGroup = new WeakMap<MeetingState['participants'], Map<string, number>>();
function presentInGroup(participants: MeetingState['participants'], group: string): number {
  let counts = presentByGroup.get(participants);
  if (!counts) {
    counts = new Map();
    for (const p of Object.values(participants)) if (p.present) counts.set(p.group, (counts.get(p.group) ?? 0) + 1);
    presentByGroup.set(participants, counts);
  }
  return counts.get(group) ?? 0;
}

/**
 * Forgets the memo of a participants object that was written in place. Only the server's batch
 * applier does that, inside one batch, on a copy it owns (server/meetings/batch-apply.ts).
 */
export function rosterWrittenInPlace(participants: MeetingState['participants']): void {
  presentByGroup.delete(participants);
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
        tally: null,
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
      // The final numbers travel with the event: public clients never hold the ballots (visibility.ts).
      const tally = tallyOf(p);
      return ok([{ type: 'poll:closed', at: now, pollId: p.id, by, turnout: presentAndEligible(s, p.eligibility), tally }]);
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
    // `tally` changes only on polls held in aggregate form (the public projection); the full state
    // keeps it null and counts its ballots. The rules mirror `publicTally` in visibility.ts.
    'poll:opened': (s, e) =>
      withPoll(s, e.pollId, (p) => {
        const opened: Poll = { ...p, status: 'open', openedAt: e.at, closesAt: e.closesAt };
        return p.tally ? { ...opened, tally: publicTally(opened, { voted: 0, results: zeroResults(p) }) } : opened;
      }),
    'poll:closed': (s, e) =>
      withPoll(s, e.pollId, (p) => {
        const closed: Poll = { ...p, status: 'closed', closedAt: e.at, closedBy: e.by, closesAt: null, turnoutAtClose: e.turnout };
        return p.tally && e.tally ? { ...closed, tally: publicTally(closed, e.tally) } : closed;
      }),
    'poll:reopened': (s, e) =>
      withPoll(s, e.pollId, (p) => {
        const reopened: Poll = {
          ...p,
          status: 'open',
          closesAt: e.closesAt,
          durationSec: e.durationSec,
          closedAt: null,
          closedBy: null,
          turnoutAtClose: null,
        };
        return p.tally ? { ...reopened, tally: publicTally(reopened, p.tally) } : reopened;
      }),
    'poll:published': (s, e) => withPoll(s, e.pollId, (p) => ({ ...p, status: 'published', publishedAt: e.at })),
    'poll:cancelled': (s, e) => {
      const next = withPoll(s, e.pollId, (p) => {
        const cancelled: Poll = { ...p, status: 'cancelled', closesAt: null };
        return p.tally ? { ...cancelled, tally: publicTally(cancelled, p.tally) } : cancelled;
      });
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
    'poll:voteCounted': (s, e) => withPoll(s, e.pollId, (p) => ({ ...p, tally: e.tally })),
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
