/**
 * Removing a disruptive participant (shared/domain/meeting/moderation.ts): who may, what it does to the
 * person, their requests to speak, the floor, undo, polls and statistics, and restoring them.
 */
import { describe, expect, it } from 'vitest';
import {
  SYSTEM,
  floorHolder,
  orderedQueue,
  redactEvent,
  redactState,
  speakingStats,
  type Actor,
} from '../../shared/domain/index.js';
import { MIN, SEC, T0, as, entryOf, item1, meeting, mod, order, refused, run, runE } from './queue-fixture.js';

const mod2: Actor = { role: 'moderator', participantId: 'mod2' };

/** The fixture meeting plus a second moderator, present. */
function withSecondModerator() {
  let s = meeting();
  s = run(s, { type: 'participant:register', participantId: 'mod2', role: 'moderator', profile: { name: 'Vice', group: 'academia', language: 'fr' } }, SYSTEM);
  return run(s, { type: 'participant:presence', participantId: 'mod2', present: true }, SYSTEM);
}

describe('participant:remove', () => {
  it('marks the participant removed and absent, keeps them in the state with the reason', () => {
    const { state: s, events } = runE(meeting(), { type: 'participant:remove', participantId: 'cs1', reason: 'Spam in the chat' });
    expect(events).toEqual([{ type: 'participant:removed', at: T0, participantId: 'cs1', reason: 'Spam in the chat', by: 'mod' }]);
    const p = s.participants.cs1!;
    expect(p.removed).toBe(true);
    expect(p.present).toBe(false);
    expect(p.name).toBe('Chen');
    expect(p.removal).toEqual({ at: T0, reason: 'Spam in the chat', by: 'mod' });
  });

  it('is for moderators only', () => {
    refused(meeting(), { type: 'participant:remove', participantId: 'cs1' }, as('gov1'), 'forbidden');
    refused(meeting(), { type: 'participant:remove', participantId: 'cs1' }, { role: 'projector', participantId: null }, 'forbidden');
    refused(meeting(), { type: 'participant:remove', participantId: 'cs1' }, { role: 'room', participantId: null }, 'forbidden');
  });

  it('refuses an unknown participant, oneself and the last moderator', () => {
    refused(meeting(), { type: 'participant:remove', participantId: 'nobody' }, mod, 'participant.not_found');
    refused(meeting(), { type: 'participant:remove', participantId: 'mod' }, mod, 'participant.remove_self');
    // The system is nobody: it may not leave the meeting without a moderator either.
    refused(meeting(), { type: 'participant:remove', participantId: 'mod' }, SYSTEM, 'participant.last_moderator');
  });

  it('lets one moderator remove another while a moderator remains, never the last one', () => {
    let s = withSecondModerator();
    s = run(s, { type: 'participant:remove', participantId: 'mod2' }, mod);
    expect(s.participants.mod2!.removed).toBe(true);
    // mod2 is gone, so mod is now the last moderator.
    refused(s, { type: 'participant:remove', participantId: 'mod' }, SYSTEM, 'participant.last_moderator');
  });

  it('is a no-op when repeated (a retry or a second moderator)', () => {
    const s = run(meeting(), { type: 'participant:remove', participantId: 'cs1' });
    const again = runE(s, { type: 'participant:remove', participantId: 'cs1' });
    expect(again.events).toEqual([]);
    expect(again.state.version).toBe(s.version);
  });

  it('withdraws their open requests on every list and keeps the others in order', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:request' }, as('cs1'), T0 + SEC);
    s = run(s, { type: 'queue:request', kind: 'point_of_order' }, as('cs1'), T0 + 2 * SEC);
    s = run(s, { type: 'queue:request' }, as('ps1'), T0 + 3 * SEC);
    // A request on the second item's list, added by the moderator.
    s = run(s, { type: 'queue:add', itemId: s.agenda.items[1]!.id, speaker: { participantId: 'cs1' } });
    s = run(s, { type: 'queue:move', entryId: entryOf(s, 'ps1'), toIndex: 1 });
    s = run(s, { type: 'participant:remove', participantId: 'cs1' });
    expect(order(s, orderedQueue)).toEqual(['ps1', 'gov1']);
    for (const list of Object.values(s.queue.lists)) {
      expect(list.entries.some((e) => e.participantId === 'cs1')).toBe(false);
      expect((list.manualOrder ?? []).some((m) => list.entries.every((e) => e.id !== m.entryId))).toBe(false);
    }
  });

  it('ends their turn if they hold the floor; the turn stays in the history and statistics', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:next' }, mod, T0 + SEC);
    expect(floorHolder(s)?.participantId).toBe('cs1');
    s = run(s, { type: 'participant:remove', participantId: 'cs1' }, mod, T0 + 31 * SEC);
    expect(floorHolder(s)).toBeNull();
    const last = s.queue.history.at(-1)!;
    expect(last).toMatchObject({ participantId: 'cs1', endReason: 'removed', durationMs: 30 * SEC });
    expect(speakingStats(s, T0 + MIN).people.find((p) => p.participantId === 'cs1')?.totalMs).toBe(30 * SEC);
    // The others still wait.
    expect(order(s, orderedQueue)).toEqual(['gov1']);
  });

  it('cuts the undo stack so an undo never brings them back; newer entries stay undoable', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:remove', entryId: entryOf(s, 'cs1') }); // its undo would put cs1 back
    s = run(s, { type: 'queue:setPolicy', policy: 'balanced' });
    s = run(s, { type: 'participant:remove', participantId: 'cs1' });
    expect(s.queue.undo.map((u) => u.action)).toEqual(['queue:policySet']);
    s = run(s, { type: 'queue:undo' });
    expect(s.queue.lists[item1(s)]!.policy).toBe('fcfs');
    refused(s, { type: 'queue:undo' }, mod, 'queue.nothing_to_undo');
    expect(order(s, orderedQueue)).toEqual(['gov1']);
  });

  it('an ended turn of theirs cannot come back through undo either', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:next' });
    s = run(s, { type: 'queue:end' }); // its undo would give cs1 the floor again
    s = run(s, { type: 'participant:remove', participantId: 'cs1' });
    refused(s, { type: 'queue:undo' }, mod, 'queue.nothing_to_undo');
  });

  it('a removed participant may not request the floor, vote, update their profile or do anything else', () => {
    let s = run(meeting(), { type: 'poll:create', question: 'Adopt the outcome document?', kind: 'yes_no_abstain' });
    const pollId = s.polls.order[0]!;
    s = run(s, { type: 'poll:open', pollId });
    s = run(s, { type: 'participant:remove', participantId: 'cs1' });
    const cs1 = as('cs1');
    refused(s, { type: 'queue:request' }, cs1, 'participant.removed');
    refused(s, { type: 'queue:request', kind: 'point_of_order' }, cs1, 'participant.removed');
    refused(s, { type: 'poll:vote', pollId, choices: ['yes'] }, cs1, 'participant.removed');
    refused(s, { type: 'participant:update', participantId: 'cs1', changes: { name: 'Chen again' } }, cs1, 'participant.removed');
    // A removed moderator can no longer moderate.
    let m = withSecondModerator();
    m = run(m, { type: 'participant:remove', participantId: 'mod2' });
    refused(m, { type: 'agenda:add', title: 'Hijacked', plannedMinutes: 5 }, mod2, 'participant.removed');
    refused(m, { type: 'participant:remove', participantId: 'mod' }, mod2, 'participant.removed');
  });

  it('the moderator may not add a removed participant to a list, but may still correct their record', () => {
    let s = run(meeting(), { type: 'participant:remove', participantId: 'cs1' });
    refused(s, { type: 'queue:add', speaker: { participantId: 'cs1' } }, mod, 'participant.removed');
    s = run(s, { type: 'participant:update', participantId: 'cs1', changes: { affiliation: 'Unknown' } });
    expect(s.participants.cs1!.affiliation).toBe('Unknown');
  });

  it('a removed participant never turns present again (a racing socket is ignored)', () => {
    const s = run(meeting(), { type: 'participant:remove', participantId: 'cs1' });
    const r = runE(s, { type: 'participant:presence', participantId: 'cs1', present: true }, SYSTEM);
    expect(r.events).toEqual([]);
    expect(r.state.participants.cs1!.present).toBe(false);
  });

  it('keeps their named votes (history) but they no longer count as present', () => {
    let s = run(meeting(), { type: 'poll:create', question: 'Adopt?', kind: 'yes_no_abstain' });
    const pollId = s.polls.order[0]!;
    s = run(s, { type: 'poll:open', pollId });
    s = run(s, { type: 'poll:vote', pollId, choices: ['no'] }, as('cs1'));
    s = run(s, { type: 'participant:remove', participantId: 'cs1' });
    expect(s.polls.byId[pollId]!.votes.cs1?.choices).toEqual(['no']);
    expect(Object.values(s.participants).filter((p) => p.present).map((p) => p.id)).not.toContain('cs1');
  });

  it('hides the reason from the public, in the event and in the state', () => {
    const { state: s, events } = runE(meeting(), { type: 'participant:remove', participantId: 'cs1', reason: 'Offensive remarks' });
    expect(redactEvent(events[0]!, 'public', s)).toMatchObject({ type: 'participant:removed', reason: '' });
    expect(redactState(s, 'public').participants.cs1!.removal?.reason).toBe('');
    expect(redactState(s, 'moderator').participants.cs1!.removal?.reason).toBe('Offensive remarks');
  });
});

describe('participant:restore', () => {
  it('undoes a removal: the person may come back and take part; old requests do not return', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'participant:remove', participantId: 'cs1' });
    const { state, events } = runE(s, { type: 'participant:restore', participantId: 'cs1' });
    expect(events).toEqual([{ type: 'participant:restored', at: T0, participantId: 'cs1' }]);
    s = state;
    expect(s.participants.cs1!.removed).toBe(false);
    expect(s.participants.cs1!.removal).toBeUndefined();
    expect(order(s, orderedQueue)).toEqual([]);
    // Absent until they join again (the server marks them present then).
    refused(s, { type: 'queue:request' }, as('cs1'), 'participant.absent');
    s = run(s, { type: 'participant:presence', participantId: 'cs1', present: true }, SYSTEM);
    s = run(s, { type: 'queue:request' }, as('cs1'));
    expect(order(s, orderedQueue)).toEqual(['cs1']);
  });

  it('is for moderators, refuses unknown people and is a no-op for someone not removed', () => {
    const s = run(meeting(), { type: 'participant:remove', participantId: 'cs1' });
    refused(s, { type: 'participant:restore', participantId: 'cs1' }, as('gov1'), 'forbidden');
    refused(s, { type: 'participant:restore', participantId: 'cs1' }, as('cs1'), 'forbidden');
    refused(s, { type: 'participant:restore', participantId: 'nobody' }, mod, 'participant.not_found');
    expect(runE(s, { type: 'participant:restore', participantId: 'gov1' }).events).toEqual([]);
  });
});
