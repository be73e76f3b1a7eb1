/**
 * `queue:yield`: the speaker who holds the floor ends their own turn. The event names the speaker,
 * the history is the same as after the moderator's `queue:end`, anyone else is refused without a
 * change, and it is the speaker's own act: no moderator's undo reverts it.
 */
import { describe, expect, it } from 'vitest';
import { SYSTEM, applyAll, type MeetingState } from '../../shared/domain/index.js';
import { SEC, T0, as, meeting, mod, refused, run, runE } from './queue-fixture.js';

/** gov1 speaks (paused once), cs1 waits. */
function speaking(): MeetingState {
  let s = run(meeting(), { type: 'queue:request' }, as('gov1'), T0);
  s = run(s, { type: 'queue:request' }, as('cs1'), T0 + 1);
  s = run(s, { type: 'queue:next' }, mod, T0 + 10 * SEC);
  s = run(s, { type: 'queue:pause' }, mod, T0 + 20 * SEC);
  return run(s, { type: 'queue:resume' }, mod, T0 + 25 * SEC);
}

describe('queue:yield', () => {
  it('lets the floor holder end their own turn; the event records who', () => {
    const before = speaking();
    const turnId = before.queue.current!.turnId;
    const { state, events } = runE(before, { type: 'queue:yield' }, as('gov1'), T0 + 70 * SEC);
    expect(events).toEqual([{ type: 'queue:turnYielded', at: T0 + 70 * SEC, turnId, participantId: 'gov1', by: null }]);
    expect(state.queue.current).toBeNull();
    expect(state.queue.history).toHaveLength(1);
    expect(state.queue.history[0]).toMatchObject({ turnId, participantId: 'gov1', endReason: 'ended', durationMs: 55 * SEC });
    // The rest of the list is untouched: cs1 still waits.
    expect(state.queue.lists).toEqual(before.queue.lists);
  });

  it('leaves the same history as the moderator ending the turn', () => {
    const before = speaking();
    const yielded = run(before, { type: 'queue:yield' }, as('gov1'), T0 + 70 * SEC);
    const ended = run(before, { type: 'queue:end' }, mod, T0 + 70 * SEC);
    expect(yielded.queue.history).toEqual(ended.queue.history);
    expect(yielded.queue.current).toEqual(ended.queue.current);
    // The speaker's own act: not on any moderator's undo stack.
    expect(yielded.queue.undo).toEqual(before.queue.undo);
  });

  it('a moderator who holds the floor may yield it too', () => {
    let s = run(meeting(), { type: 'queue:request' }, mod, T0);
    s = run(s, { type: 'queue:next' }, mod, T0 + SEC);
    const { state, events } = runE(s, { type: 'queue:yield' }, mod, T0 + 5 * SEC);
    expect(events[0]).toMatchObject({ type: 'queue:turnYielded', participantId: 'mod' });
    expect(state.queue.current).toBeNull();
  });

  it('refuses anyone who does not hold the floor, and nothing changes', () => {
    const s = speaking();
    refused(s, { type: 'queue:yield' }, as('cs1'), 'forbidden', T0 + 70 * SEC);
    refused(s, { type: 'queue:yield' }, as('ps1'), 'forbidden', T0 + 70 * SEC);
    refused(s, { type: 'queue:yield' }, mod, 'forbidden', T0 + 70 * SEC);
    // The server itself has no floor to yield (it ends turns with queue:end).
    refused(s, { type: 'queue:yield' }, SYSTEM, 'forbidden', T0 + 70 * SEC);
    refused(s, { type: 'queue:yield' }, { role: 'projector', participantId: null }, 'forbidden', T0 + 70 * SEC);
    expect(s.queue.current?.participantId).toBe('gov1');
  });

  it('refuses when nobody has the floor', () => {
    refused(meeting(), { type: 'queue:yield' }, as('gov1'), 'queue.no_current_speaker');
    const after = run(speaking(), { type: 'queue:yield' }, as('gov1'), T0 + 70 * SEC);
    refused(after, { type: 'queue:yield' }, as('gov1'), 'queue.no_current_speaker', T0 + 71 * SEC);
  });

  it('a floor speaker without a session cannot be yielded by an actor without one', () => {
    let s = run(meeting(), { type: 'queue:add', speaker: { name: 'Delegate of Chile', group: 'government' } });
    s = run(s, { type: 'queue:next' });
    expect(s.queue.current?.participantId).toBeNull();
    refused(s, { type: 'queue:yield' }, SYSTEM, 'forbidden');
    refused(s, { type: 'queue:yield' }, { role: 'participant', participantId: null }, 'forbidden');
  });

  it("a hand-back is the speaker's own: the moderator's undo does not take the floor back for them", () => {
    const before = speaking();
    const yielded = run(before, { type: 'queue:yield' }, as('gov1'), T0 + 70 * SEC);
    // The moderator's last action (resume) was on a turn that has ended since: refused, nothing changes.
    refused(yielded, { type: 'queue:undo' }, mod, 'queue.undo_conflict', T0 + 80 * SEC);
    expect(yielded.queue.current).toBeNull();
  });

  it('replays from the log to the same state', () => {
    const before = speaking();
    const { state, events } = runE(before, { type: 'queue:yield' }, as('gov1'), T0 + 70 * SEC);
    expect(applyAll(before, events)).toEqual(state);
  });
});
