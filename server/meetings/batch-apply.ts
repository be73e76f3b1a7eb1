/**
 * Applies a batch's events with structural sharing for the hot paths of a vote storm and a join
 * burst. The domain's reducers are pure and copy the poll's `votes`/`ballots` map on every vote,
 * the roster on every arrival: 2,000 votes on one poll copy up to 2,000 entries 2,000 times. Within one batch the service owns the states it builds
 * (the cached state before the batch is never touched), so a vote here copies each map once per
 * batch and then writes into that copy. Every other event goes through the ordinary `apply`.
 *
 * The result equals `applyAll(state, events)` (test/unit/batch-apply.test.ts). States handed out
 * in the middle of a batch (to `decide`, or in `Executed.state`) may see later votes of the same
 * batch; once the batch is committed, its state is never changed again.
 */
import { apply, rosterWrittenInPlace, type DomainEvent, type MeetingState, type Poll } from '../../shared/domain/index.js';

type VoteEvent = Extract<DomainEvent, { type: 'poll:voted' | 'poll:ballotCast' }>;
type RosterEvent = Extract<DomainEvent, { type: 'participant:presenceChanged' | 'participant:registered' | 'participant:updated' }>;
const isRoster = (e: DomainEvent): e is RosterEvent =>
  e.type === 'participant:presenceChanged' || e.type === 'participant:registered' || e.type === 'participant:updated';

export class BatchApplier {
  private owned = new Set<object>();

  constructor(private cur: MeetingState) {}

  get state(): MeetingState {
    return this.cur;
  }

  apply(events: readonly DomainEvent[]): MeetingState {
    for (const e of events) {
      if (e.type === 'poll:voted' || e.type === 'poll:ballotCast') this.cur = this.vote(e);
      else if (isRoster(e)) this.cur = this.roster(e);
      else this.cur = apply(this.cur, e);
    }
    return this.cur;
  }

  /** A copy of `o` we may write into, made at most once per batch (by identity). */
  private own<T extends object>(o: T): T {
    if (this.owned.has(o)) return o;
    const copy = { ...o };
    this.owned.add(copy);
    return copy;
  }

  /**
   * A join burst's presence changes (and registrations, profile edits) each copy the whole roster
   * in the reducer: 2,000 entries per arrival. Here the roster is copied once per batch and each
   * event writes its one entry, as the real reducer computes it on a roster of that one person.
   */
  private roster(e: RosterEvent): MeetingState {
    const s = this.cur;
    const id = e.type === 'participant:registered' ? e.participant.id : e.participantId;
    const one = s.participants[id];
    const view: MeetingState = { ...s, participants: one ? { [id]: one } : {} };
    const r = apply(view, e);
    const ids = Object.keys(r.participants);
    const onlyEntry = ids.length === 1 && ids[0] === id;
    const sameRest = (Object.keys(r) as Array<keyof MeetingState>).every((k) => k === 'participants' || k === 'version' || r[k] === s[k]);
    if (!onlyEntry || !sameRest) return apply(s, e);
    if (r.participants[id] === one) return { ...r, participants: s.participants }; // no change
    const map = this.own(s.participants);
    map[id] = r.participants[id]!;
    rosterWrittenInPlace(map);
    return { ...r, participants: map };
  }

  private vote(e: VoteEvent): MeetingState {
    const s = this.cur;
    const poll = s.polls.byId[e.pollId];
    if (!poll) return apply(s, e);
    const field = e.type === 'poll:voted' ? 'votes' : 'ballots';
    const key = e.type === 'poll:voted' ? e.participantId : e.ballotKey;
    // The real reducer, on a poll holding only this voter's entry: its result tells what changes.
    const entries = poll[field] as Record<string, unknown>;
    const small: Poll = { ...poll, [field]: key in entries ? { [key]: entries[key] } : {} };
    const view: MeetingState = { ...s, polls: { ...s.polls, byId: { [e.pollId]: small } } };
    const r = apply(view, e);
    const changed = r.polls.byId[e.pollId];
    // Anything beyond this voter's entry changed (a future reducer): no shortcut, apply in full.
    const entry = changed?.[field] as Record<string, unknown> | undefined;
    const onlyEntry = entry !== undefined && key in entry && Object.keys(entry).length === 1;
    const samePolls = r.polls.order === view.polls.order && r.polls.projectorPollId === view.polls.projectorPollId;
    const sameRest = (Object.keys(r) as Array<keyof MeetingState>).every((k) => k === 'polls' || k === 'version' || r[k] === s[k]);
    if (!changed || !onlyEntry || !samePolls || !sameRest) return apply(s, e);
    const map = this.own(entries);
    Object.assign(map, changed[field]);
    const byId = this.own(s.polls.byId);
    byId[e.pollId] = { ...changed, [field]: map };
    return { ...r, polls: { ...r.polls, byId } };
  }
}
