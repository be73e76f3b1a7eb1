/**
 * The service's batch applier (server/meetings/batch-apply.ts) must give exactly what the domain's
 * `applyAll` gives, and must never change the state it started from (the cached, committed state).
 */
import { describe, expect, it } from 'vitest';
import { applyAll, decide, SYSTEM, type Command, type DomainEvent } from '../../shared/domain/index.js';
import { BatchApplier } from '../../server/meetings/batch-apply.js';
import { as, createPoll, meeting, run, T0, vote } from './polls-helpers.js';

describe('BatchApplier', () => {
  it('equals applyAll over votes, changed votes, ballots and other events, leaving the start state untouched', () => {
    const people = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i}`, i % 2 ? 'academia' : 'government'] as const));
    const w = meeting(people);
    const named = createPoll(w, { question: 'Named?', kind: 'yes_no_abstain', secret: false });
    const secret = createPoll(w, { question: 'Secret?', kind: 'yes_no_abstain', secret: true });
    run(w, { type: 'poll:open', pollId: named });
    run(w, { type: 'poll:open', pollId: secret });
    // One earlier vote already committed, so the batch both adds and replaces entries.
    run(w, vote(secret, 'p0', ['yes']), as('p0'));
    const start = w.state;
    const frozen = structuredClone(start);
    const from = w.events.length;
    const choices = ['yes', 'no', 'abstain'];
    for (let i = 0; i < 12; i++) {
      run(w, vote(named, `p${i}`, [choices[i % 3]!]), as(`p${i}`));
      run(w, vote(secret, `p${i}`, [choices[(i + 1) % 3]!]), as(`p${i}`));
      if (i === 5) run(w, { type: 'agenda:add', title: 'Between votes', plannedMinutes: 3 });
      if (i % 4 === 0) run(w, vote(named, `p${i}`, [choices[(i + 2) % 3]!]), as(`p${i}`)); // a changed vote
    }
    run(w, { type: 'poll:close', pollId: named });
    const batch: DomainEvent[] = w.events.slice(from);
    expect(batch.filter((e) => e.type === 'poll:voted').length).toBeGreaterThan(12);
    expect(batch.filter((e) => e.type === 'poll:ballotCast').length).toBe(12);

    const applier = new BatchApplier(start);
    // In pieces, as the service applies one command's events at a time; after the first vote the
    // poll's map is the batch's own copy and is written in place (the point of the applier).
    const maps = new Set<object>();
    for (const e of batch) {
      applier.apply([e]);
      if (e.type === 'poll:voted') maps.add(applier.state.polls.byId[named]!.votes);
    }
    expect(maps.size).toBe(1);
    expect(applier.state).toEqual(applyAll(start, batch));
    expect(applier.state).toEqual(w.state);
    expect(start).toEqual(frozen);
  });

  it('equals applyAll over arrivals, departures, registrations and profile edits, and decides secret votes on the roster as written', () => {
    // Four academics present: one short of the group size a secret ballot needs to keep its group.
    const w = meeting({ a1: 'academia', a2: 'academia', a3: 'academia', a4: 'academia', g1: 'government' });
    const secret = createPoll(w, { question: 'Secret?', kind: 'yes_no_abstain', secret: true });
    run(w, { type: 'poll:open', pollId: secret });
    const start = w.state;
    const frozen = structuredClone(start);
    const applier = new BatchApplier(start);
    const batch: DomainEvent[] = [];
    // As the service does: decide each command against the applier's running state, then apply.
    const step = (command: Record<string, unknown>, actor = SYSTEM) => {
      const r = decide(applier.state, command as Command, actor, T0);
      if (!r.ok) throw new Error(r.error.message);
      batch.push(...r.value);
      applier.apply(r.value);
      return r.value;
    };
    // The batch's own copy of the roster is made by the first arrival or departure…
    step({ type: 'participant:presence', participantId: 'g1', present: false });
    // …then a vote counts the present academics on it (4): no group on its ballot, the count memoised.
    const [early] = step(vote(secret, 'a1', ['yes']), as('a1'));
    expect(early).toMatchObject({ type: 'poll:ballotCast', group: null });
    step({ type: 'participant:register', participantId: 'a5', role: 'participant', inRoom: false, profile: { name: 'Person a5', group: 'academia', affiliation: '', language: 'en' } });
    step({ type: 'participant:presence', participantId: 'a5', present: true });
    // Five present academics now: the in-place roster must not answer with the memo of four.
    const [late] = step(vote(secret, 'a2', ['no']), as('a2'));
    expect(late).toMatchObject({ type: 'poll:ballotCast', group: 'academia' });
    step({ type: 'participant:presence', participantId: 'g1', present: true });
    step({ type: 'participant:presence', participantId: 'g1', present: true }); // no-op: no event
    step({ type: 'participant:update', participantId: 'a3', changes: { name: 'Dr A. Three' } });
    expect(applier.state).toEqual(applyAll(start, batch));
    expect(start).toEqual(frozen);
    expect(start.participants.a5).toBeUndefined();
  });
});
