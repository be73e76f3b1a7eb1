/**
 * Who receives what: the role-aware projection of a meeting's events and state. Pure.
 *
 * Two audiences. Moderators get everything. The public — participants, the projector, the room
 * desk — gets polls without ballots: no choice of anybody, no voter next to a choice, only an
 * aggregate `tally` per poll (turnout, and counts only when `resultsVisibleTo` lets a participant
 * see them). One event in gives one event out, with the same version (except that a run of vote
 * counts of one poll becomes one event standing for its versions, `through`), so every client
 * follows versions and resyncs the same way; a public client folds the redacted events with the ordinary
 * reducer and ends with `redactState` of the full state (test/unit/visibility.test.ts checks it).
 * Moderators' notes (why someone was removed, invitation link labels) are blanked for the public.
 * Policy and rationale: docs/polls.md, "Who receives what".
 */
import type { Role } from '../common.js';
import type { DomainEvent, VersionedEvent } from './index.js';
import type { Poll, PollTally } from './polls/model.js';
import { MIN_GROUP_BALLOTS_SECRET, resultsVisibleTo, tallyOf, type Breakdown } from './polls/results.js';
import type { MeetingState } from './state.js';

export type Audience = 'moderator' | 'public';

/** Moderators see everything; participants, projectors and room desks are the public. */
export const audienceOf = (role: Role): Audience => (role === 'moderator' ? 'moderator' : 'public');

/**
 * The group breakdown as the public may see it: the secret-ballot rule (every group with at least
 * MIN_GROUP_BALLOTS_SECRET voters) applied to named polls too, since a group of one would name its
 * voter's choice.
 */
export function publicBreakdown(b: Breakdown): Breakdown {
  if (b.suppressed || b.groups.every((g) => g.voters >= MIN_GROUP_BALLOTS_SECRET)) return b;
  return { suppressed: true, reason: 'small_groups' };
}

/** Counts of a poll nobody voted in yet (`publicTally` then sets the breakdown it may show). */
export function zeroResults(poll: Poll): NonNullable<PollTally['results']> {
  return { counts: Object.fromEntries(poll.options.map((o) => [o.id, 0])), breakdown: { suppressed: false, groups: [] } };
}

/**
 * A tally as the public may hold it for this poll in its current status (idempotent). While a live
 * poll is open the public gets counts without the group breakdown: no public view shows it, and
 * each vote's event stays small (it goes to every connection; see the vote storm in docs/polls.md).
 */
export function publicTally(poll: Poll, tally: PollTally): PollTally {
  const r = resultsVisibleTo(poll, 'participant') ? tally.results : null;
  if (!r) return { voted: tally.voted, results: null };
  const breakdown: Breakdown = poll.status === 'open' ? { suppressed: true, reason: 'until_closed' } : publicBreakdown(r.breakdown);
  return { voted: tally.voted, results: { counts: r.counts, breakdown } };
}

/**
 * A poll as the public holds it: no votes, no ballots, the public tally. `self` keeps that one
 * participant's own named vote (for their own snapshot: "your vote was recorded" on a new device).
 */
export function publicPoll(poll: Poll, self?: string | null): Poll {
  const own = self && !poll.secret ? poll.votes[self] : undefined;
  return { ...poll, votes: self && own ? { [self]: own } : {}, ballots: {}, tally: publicTally(poll, tallyOf(poll)) };
}

/** The meeting state an audience may hold. `self`: see `publicPoll`. */
export function redactState(state: MeetingState, audience: Audience, opts: { self?: string | null } = {}): MeetingState {
  if (audience === 'moderator') return state;
  const byId = Object.fromEntries(Object.entries(state.polls.byId).map(([id, p]) => [id, publicPoll(p, opts.self)]));
  return { ...state, polls: { ...state.polls, byId }, ...publicModeration(state) };
}

/**
 * The moderators' notes stay with them: the reason someone was removed and the labels of invitation
 * links (e.g. "for the Ministry delegation") are blanked for the public (see `redactWith`).
 */
function publicModeration(state: MeetingState): Pick<MeetingState, 'participants' | 'invites'> {
  // A map with nothing to hide is shared as it is: a 2,000-person roster is not copied per join.
  const people = Object.values(state.participants).some((p) => p.removal?.reason);
  const participants = !people
    ? state.participants
    : Object.fromEntries(
        Object.entries(state.participants).map(([id, p]) => [id, p.removal?.reason ? { ...p, removal: { ...p.removal, reason: '' } } : p]),
      );
  const invites = Object.fromEntries(
    Object.entries(state.invites ?? {}).map(([id, i]) => [id, i.label ? { ...i, label: '' } : i]),
  );
  return { participants, invites };
}

/**
 * An event as an audience may receive it, or null when its public form needs a state that was not
 * given. `state` is the meeting right after the event — then a vote's tally is exactly the one at
 * that version — or any later state: then the tally is the later one, which never shows more than
 * `redactState(state)` does, and the client ends at the same place once it has applied everything
 * up to that state (catch-up uses this).
 */
export function redactEvent(event: DomainEvent, audience: Audience, state?: MeetingState): DomainEvent | null {
  return redactWith(event, audience, state, (poll) => publicTally(poll, tallyOf(poll)));
}

function redactWith(event: DomainEvent, audience: Audience, state: MeetingState | undefined, tallyFor: (p: Poll) => PollTally): DomainEvent | null {
  if (audience === 'moderator') return event;
  switch (event.type) {
    case 'poll:created':
    case 'poll:updated':
      return { ...event, poll: publicPoll(event.poll) };
    case 'poll:voted':
    case 'poll:ballotCast': {
      const poll = state?.polls.byId[event.pollId];
      if (!poll) return null;
      return { type: 'poll:voteCounted', at: event.at, pollId: event.pollId, tally: tallyFor(poll) };
    }
    case 'poll:closed': {
      if (event.tally) return { ...event, tally: closedTally(event.tally) };
      // A log written before closes carried their tally: the poll's ballots are its final numbers
      // only while it is still closed (or published) in the given state.
      const poll = state?.polls.byId[event.pollId];
      if (!poll || (poll.status !== 'closed' && poll.status !== 'published')) return null;
      return { ...event, tally: closedTally(tallyOf(poll)) };
    }
    case 'participant:removed':
      return event.reason ? { ...event, reason: '' } : event;
    case 'invite:minted':
      return event.invite.label ? { ...event, invite: { ...event.invite, label: '' } } : event;
    default:
      // Every other event carries no choice and no voter next to a choice.
      return event;
  }
}

/** A closed poll's results are public; only the small-group rule applies. */
const closedTally = (t: PollTally): PollTally => ({
  voted: t.voted,
  results: t.results && { counts: t.results.counts, breakdown: publicBreakdown(t.results.breakdown) },
});

/**
 * Each poll's public tally, counted once per poll object (a join burst's catch-ups redact the same
 * votes for every joiner). Poll objects are immutable once a state holds them: a vote makes a new one.
 */
const publicTallies = new WeakMap<Poll, PollTally>();

/**
 * `redactEvent` over a list, against one state at or after the last event; null if any event cannot
 * be redacted with it. Each poll's tally is computed once (a vote storm's batch holds hundreds of
 * votes on one poll); the votes of a poll then all carry its tally as of `state`, so a
 * run of them is one event standing for all their versions (`through`): a batch of 300 votes is
 * one count for every public connection, not 300 identical ones.
 */
export function redactEvents(events: readonly VersionedEvent[], audience: Audience, state?: MeetingState): VersionedEvent[] | null {
  if (audience === 'moderator') return [...events];
  const tallyFor = (poll: Poll) => publicTallies.get(poll) ?? publicTallies.set(poll, publicTally(poll, tallyOf(poll))).get(poll)!;
  const out: VersionedEvent[] = [];
  for (const { v, event, through } of events) {
    const redacted = redactWith(event, audience, state, tallyFor);
    if (!redacted) return null;
    out.push(through === undefined ? { v, event: redacted } : { v, event: redacted, through });
  }
  return collapseCounts(out);
}

/**
 * Public events with each run of vote counts of one poll (consecutive versions) made one event
 * standing for the run's versions (`through`) and carrying its last tally. Exact: a count only sets
 * the poll's tally, so applying the run gives what applying its last event gives.
 */
export function collapseCounts(events: readonly VersionedEvent[]): VersionedEvent[] {
  const out: VersionedEvent[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    const a = last?.event;
    const b = e.event;
    if (a?.type === 'poll:voteCounted' && b.type === 'poll:voteCounted' && a.pollId === b.pollId && (last!.through ?? last!.v) + 1 === e.v) {
      out[out.length - 1] = { v: last!.v, event: b, through: e.through ?? e.v };
    } else {
      out.push(e);
    }
  }
  return out;
}
