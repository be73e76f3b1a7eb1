/**
 * The role-aware projection (shared/domain/meeting/visibility.ts): what the public — participants,
 * projector, room desk — receives of polls, event by event and as a snapshot.
 */
import { describe, expect, it } from 'vitest';
import {
  apply,
  applyVersioned,
  pollResults,
  redactEvent,
  redactEvents,
  redactState,
  visibleResults,
  type DomainEvent,
  type MeetingState,
  type StakeholderGroup,
} from '../../shared/domain/index.js';
import { as, createPoll, meeting, run, vote, type World } from './polls-helpers.js';

/** Ten voters: five academia, five government (so a breakdown of both is large enough to show). */
const PEOPLE: Record<string, StakeholderGroup> = Object.fromEntries(
  Array.from({ length: 10 }, (_, i) => [`p${i}`, i < 5 ? 'academia' : 'government']),
);
const VOTERS = Object.keys(PEOPLE);
const CHOICES = ['yes', 'no', 'abstain'];

/**
 * Follows a world as a public client would: every event redacted with the state right after it
 * (as the server's outbox does) and folded with the ordinary reducer. Checks after every event
 * that the client holds exactly the public projection of the full state, at the same version.
 */
function follow(w: World) {
  let pub = redactState(w.state, 'public');
  const received: DomainEvent[] = [];
  const step = (events: DomainEvent[], full: MeetingState) => {
    // Poll decisions yield one event, so the state after the decision is the state after the event.
    for (const e of events) {
      const r = redactEvent(e, 'public', full);
      expect(r).not.toBeNull();
      received.push(r!);
      pub = apply(pub, r!);
    }
    expect(pub.version).toBe(full.version);
    expect(pub).toEqual(redactState(full, 'public'));
  };
  return {
    run(input: Parameters<typeof run>[1], actor?: Parameters<typeof run>[2]) {
      const events = run(w, input, actor);
      step(events, w.state);
      return events;
    },
    get state() {
      return pub;
    },
    received,
  };
}

/** Everything a public holder has of a poll, as text, to search for what must not be there. */
const leaks = (x: unknown) => JSON.stringify(x);

describe('public projection of polls', () => {
  it.each([
    { name: 'named on_close', secret: false, resultsVisibility: 'on_close' },
    { name: 'secret on_close', secret: true, resultsVisibility: 'on_close' },
    { name: 'named live', secret: false, resultsVisibility: 'live' },
    { name: 'secret live', secret: true, resultsVisibility: 'live' },
  ] as const)('$name: no choice and no voter reach the public; public state = redacted full state at every version', ({ secret, resultsVisibility }) => {
    const w = meeting(PEOPLE);
    const c = follow(w);
    const [created] = c.run({ type: 'poll:create', question: 'Adopt?', kind: 'yes_no_abstain', secret, resultsVisibility });
    const id = created!.type === 'poll:created' ? created!.poll.id : '';
    c.run({ type: 'poll:open', pollId: id });
    VOTERS.forEach((p, i) => c.run(vote(id, p, [CHOICES[i % 3]!]), as(p)));
    c.run(vote(id, 'p0', ['no']), as('p0')); // a changed vote

    // While open: only aggregate events, no ballots in the state.
    for (const e of c.received) {
      expect(e.type).not.toBe('poll:voted');
      expect(e.type).not.toBe('poll:ballotCast');
      expect(leaks(e)).not.toMatch(/"choices"|"ballotKey"|"participantId"/);
    }
    const open = c.state.polls.byId[id]!;
    expect(open.votes).toEqual({});
    expect(open.ballots).toEqual({});
    expect(open.tally!.voted).toBe(10);
    if (resultsVisibility === 'on_close') {
      expect(open.tally!.results).toBeNull();
      expect(visibleResults(c.state, id, 'participant')).toBeNull();
      expect(visibleResults(c.state, id, 'projector')).toBeNull();
    } else {
      // Live: the counts while open; the group breakdown only comes with the close.
      const shown = visibleResults(c.state, id, 'participant')!;
      expect(shown.options).toEqual(pollResults(w.state, id)!.options);
      expect(shown.turnout).toEqual(pollResults(w.state, id)!.turnout);
      expect(shown.breakdown).toEqual({ suppressed: true, reason: 'until_closed' });
    }
    // The moderator sees live tallies in the full state.
    expect(visibleResults(w.state, id, 'moderator')!.options.map((o) => o.count)).toEqual([3, 4, 3]);

    // After close the public shows the same results as the moderator.
    c.run({ type: 'poll:close', pollId: id });
    expect(visibleResults(c.state, id, 'participant')).toEqual(pollResults(w.state, id));
    expect(visibleResults(c.state, id, 'projector')!.options.map((o) => o.count)).toEqual([3, 4, 3]);

    // Reopen, another change, close again, publish: still in step.
    c.run({ type: 'poll:reopen', pollId: id });
    if (resultsVisibility === 'on_close') expect(c.state.polls.byId[id]!.tally!.results).toBeNull();
    c.run(vote(id, 'p1', ['yes']), as('p1'));
    c.run({ type: 'poll:close', pollId: id });
    c.run({ type: 'poll:publish', pollId: id });
    expect(visibleResults(c.state, id, 'room')).toEqual(pollResults(w.state, id));
    expect(pollResults(w.state, id)!.options.map((o) => o.count)).toEqual([4, 3, 3]);
    expect(leaks(c.state.polls)).not.toMatch(/"choices"/);
  });

  it('a cancelled poll shows the public no numbers; a draft and its edits carry none', () => {
    const w = meeting(PEOPLE);
    const c = follow(w);
    const [created] = c.run({ type: 'poll:create', question: 'Format?', kind: 'single', options: ['A', 'B'] });
    const id = created!.type === 'poll:created' ? created!.poll.id : '';
    c.run({ type: 'poll:update', pollId: id, changes: { options: ['A', 'B', 'C'] } });
    c.run({ type: 'poll:open', pollId: id });
    c.run(vote(id, 'p0', ['o1']), as('p0'));
    c.run({ type: 'poll:showOnProjector', pollId: id });
    c.run({ type: 'poll:close', pollId: id });
    c.run({ type: 'poll:cancel', pollId: id });
    expect(c.state.polls.byId[id]!.tally).toEqual({ voted: 1, results: null });
    expect(c.state.polls.projectorPollId).toBeNull();
  });

  it('named polls: the public breakdown obeys the small-group rule; moderators see it whole', () => {
    const w = meeting({ ...PEOPLE, lone: 'civil-society' });
    const id = createPoll(w, { question: 'Q?', kind: 'yes_no_abstain' });
    run(w, { type: 'poll:open', pollId: id });
    for (const p of [...VOTERS, 'lone']) run(w, vote(id, p, ['yes']), as(p));
    run(w, { type: 'poll:close', pollId: id });
    expect(pollResults(w.state, id)!.breakdown.suppressed).toBe(false);
    const pub = redactState(w.state, 'public');
    expect(visibleResults(pub, id, 'participant')!.breakdown).toEqual({ suppressed: true, reason: 'small_groups' });
    expect(visibleResults(pub, id, 'participant')!.options).toEqual(pollResults(w.state, id)!.options);
  });

  it("a participant's own snapshot keeps their own named vote, nobody else's", () => {
    const w = meeting(PEOPLE);
    const id = createPoll(w, { question: 'Q?', kind: 'yes_no_abstain', resultsVisibility: 'on_close' });
    run(w, { type: 'poll:open', pollId: id });
    run(w, vote(id, 'p0', ['yes']), as('p0'));
    run(w, vote(id, 'p1', ['no']), as('p1'));
    const mine = redactState(w.state, 'public', { self: 'p0' }).polls.byId[id]!;
    expect(Object.keys(mine.votes)).toEqual(['p0']);
    expect(mine.votes['p0']!.choices).toEqual(['yes']);
    expect(mine.tally).toEqual({ voted: 2, results: null });
    expect(redactState(w.state, 'public', { self: 'p5' }).polls.byId[id]!.votes).toEqual({});
  });

  it('catch-up: missed events redacted against a later state end at the same public state', () => {
    const w = meeting(PEOPLE);
    const id = createPoll(w, { question: 'Q?', kind: 'yes_no_abstain', secret: true, resultsVisibility: 'on_close' });
    const start = w.state;
    const from = w.events.length;
    run(w, { type: 'poll:open', pollId: id });
    VOTERS.forEach((p, i) => run(w, vote(id, p, [CHOICES[i % 3]!]), as(p)));
    run(w, { type: 'poll:close', pollId: id });
    run(w, { type: 'poll:reopen', pollId: id });
    run(w, vote(id, 'p3', ['no']), as('p3'));
    const missed = w.events.slice(from).map((event, i) => ({ v: start.version + i + 1, event }));
    const redacted = redactEvents(missed, 'public', w.state)!;
    // Every version is covered once, in order; each run of votes is one count standing for its versions.
    const covered = redacted.flatMap((e) => Array.from({ length: (e.through ?? e.v) - e.v + 1 }, (_, i) => e.v + i));
    expect(covered).toEqual(missed.map((e) => e.v));
    const runs = redacted.filter((e) => e.event.type === 'poll:voteCounted');
    expect(runs.map((e) => (e.through ?? e.v) - e.v + 1)).toEqual([VOTERS.length, 1]);
    const pub = redacted.reduce(applyVersioned, redactState(start, 'public'));
    expect(pub).toEqual(redactState(w.state, 'public'));
    expect(pub.polls.byId[id]!.tally!.results).toBeNull(); // reopened on_close: hidden again
    // Without a state, a vote cannot be redacted: the caller sends a snapshot instead.
    expect(redactEvents(missed, 'public')).toBeNull();
  });

  it('a close logged before closes carried their tally is redacted from a closed state, or not at all', () => {
    const w = meeting(PEOPLE);
    const id = createPoll(w, { question: 'Q?', kind: 'yes_no_abstain' });
    run(w, { type: 'poll:open', pollId: id });
    run(w, vote(id, 'p0', ['yes']), as('p0'));
    const [closed] = run(w, { type: 'poll:close', pollId: id });
    const { tally: _t, ...legacy } = closed as Extract<DomainEvent, { type: 'poll:closed' }>;
    expect(redactEvent(legacy, 'public')).toBeNull();
    expect(redactEvent(legacy, 'public', w.state)).toMatchObject({ tally: { voted: 1, results: { counts: { yes: 1, no: 0, abstain: 0 } } } });
  });

  it('moderators receive the events and the state unchanged', () => {
    const w = meeting(PEOPLE);
    const id = createPoll(w, { question: 'Q?', kind: 'yes_no_abstain' });
    run(w, { type: 'poll:open', pollId: id });
    const [e] = run(w, vote(id, 'p0', ['yes']), as('p0'));
    expect(redactEvent(e!, 'moderator', w.state)).toBe(e);
    expect(redactState(w.state, 'moderator')).toBe(w.state);
  });
});
