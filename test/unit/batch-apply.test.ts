/**
 * The service's batch applier (server/meetings/batch-apply.ts) must give exactly what the domain's
 * `applyAll` gives, and must never change the state it started from (the cached, committed state).
 */
import { describe, expect, it } from 'vitest';
import { applyAll, type DomainEvent } from '../../shared/domain/index.js';
import { BatchApplier } from '../../server/meetings/batch-apply.js';
import { as, createPoll, meeting, run, vote } from './polls-helpers.js';

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
});
