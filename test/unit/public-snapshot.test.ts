/**
 * The join snapshot cache (server/transport/audience.ts `publicSnapshot`): the public projection is
 * computed once per state, and each joiner's copy must still equal `redactState(state, 'public',
 * { self })` exactly — their own named votes and nobody else's.
 */
import { describe, expect, it } from 'vitest';
import { redactState } from '../../shared/domain/index.js';
import { publicSnapshot } from '../../server/transport/audience.js';
import { as, createPoll, meeting, run, vote } from './polls-helpers.js';

describe('publicSnapshot', () => {
  it('equals redactState for every joiner, shares the redacted base, and never leaks another voter', () => {
    const w = meeting({ p1: 'academia', p2: 'government', p3: 'academia' });
    const named = createPoll(w, { question: 'Named?', kind: 'yes_no_abstain', secret: false });
    const secret = createPoll(w, { question: 'Secret?', kind: 'yes_no_abstain', secret: true });
    run(w, { type: 'poll:open', pollId: named });
    run(w, { type: 'poll:open', pollId: secret });
    run(w, vote(named, 'p1', ['yes']), as('p1'));
    run(w, vote(named, 'p2', ['no']), as('p2'));
    run(w, vote(secret, 'p1', ['no']), as('p1'));
    for (const self of ['p1', 'p2', 'p3', null]) {
      expect(publicSnapshot(w.state, self)).toEqual(redactState(w.state, 'public', { self }));
    }
    // Nobody with no named vote gets a copy of their own: they share the one projection.
    expect(publicSnapshot(w.state, 'p3')).toBe(publicSnapshot(w.state, null));
    expect(Object.keys(publicSnapshot(w.state, 'p1').polls.byId[named]!.votes)).toEqual(['p1']);
    // The shared base was not changed by p1's patch.
    expect(publicSnapshot(w.state, null).polls.byId[named]!.votes).toEqual({});
  });
});
