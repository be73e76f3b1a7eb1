import { describe, expect, it } from 'vitest';
import {
  Command,
  UNDO_DEPTH,
  applyAll,
  execute,
  type CommandInput,
  type DomainEvent,
  type MeetingState,
} from '../../shared/domain/index.js';
import { SEC, T0, as, entryOf, meeting, mod, refused, run, runE } from './queue-fixture.js';

/** A running list: three requests, a point of order, someone speaking (paused once). */
function busy(): MeetingState {
  let s = run(meeting(), { type: 'queue:request' }, as('gov1'), T0);
  s = run(s, { type: 'queue:request' }, as('cs1'), T0 + 1);
  s = run(s, { type: 'queue:request' }, as('ps1'), T0 + 2);
  s = run(s, { type: 'queue:next' }, mod, T0 + 10 * SEC);
  s = run(s, { type: 'queue:pause' }, mod, T0 + 20 * SEC);
  s = run(s, { type: 'queue:resume' }, mod, T0 + 25 * SEC);
  s = run(s, { type: 'queue:request', kind: 'point_of_order' }, as('gov2'), T0 + 30 * SEC);
  return s;
}

describe('undo restores exactly the previous queue state', () => {
  const actions: Array<[string, (s: MeetingState) => CommandInput, string?]> = [
    ['request', () => ({ type: 'queue:request', note: 'late' }), 'mod'],
    ['reply', () => ({ type: 'queue:request', kind: 'reply' }), 'cs1'],
    ['withdraw', (s) => ({ type: 'queue:withdraw', entryId: entryOf(s, 'cs1') }), 'cs1'],
    ['add floor speaker', () => ({ type: 'queue:add', speaker: { name: 'Delegate of Chile', group: 'government' } })],
    ['next', () => ({ type: 'queue:next' })],
    ['give', (s) => ({ type: 'queue:give', entryId: entryOf(s, 'ps1') })],
    ['pause', () => ({ type: 'queue:pause' })],
    ['end', () => ({ type: 'queue:end' })],
    ['put back', () => ({ type: 'queue:putBack' })],
    ['remove', (s) => ({ type: 'queue:remove', entryId: entryOf(s, 'cs1') })],
    ['refuse', (s) => ({ type: 'queue:refuse', entryId: entryOf(s, 'gov2'), reason: 'No' })],
    ['move', (s) => ({ type: 'queue:move', entryId: entryOf(s, 'ps1'), toIndex: 1 })],
    ['close', () => ({ type: 'queue:close', allowPointsOfOrder: false })],
    ['clear', () => ({ type: 'queue:clear' })],
    ['policy', () => ({ type: 'queue:setPolicy', policy: 'balanced' })],
    ['item limit', () => ({ type: 'queue:setTimeLimit', seconds: 60 })],
    ['speaker limit', () => ({ type: 'queue:setSpeakerLimit', seconds: 240 })],
    ['allow multiple', () => ({ type: 'queue:allowMultiple', allow: true })],
  ];

  for (const [name, make, who] of actions) {
    it(`after ${name}`, () => {
      const before = busy();
      const actor = who === undefined || who === 'mod' ? mod : as(who);
      const after = run(before, make(before), actor, T0 + 40 * SEC);
      expect(after.queue).not.toEqual(before.queue);
      const undone = run(after, { type: 'queue:undo' }, mod, T0 + 50 * SEC);
      expect(undone.queue).toEqual(before.queue);
    });
  }

  it('a mistaken "next speaker" is undone: the previous speaker keeps the floor and their clock', () => {
    const s = busy();
    const wrong = run(s, { type: 'queue:next' }, mod, T0 + 40 * SEC);
    expect(wrong.queue.current?.participantId).toBe('gov2');
    const fixed = run(wrong, { type: 'queue:undo' }, mod, T0 + 41 * SEC);
    expect(fixed.queue.current).toEqual(s.queue.current);
    expect(fixed.queue.current).toMatchObject({ participantId: 'gov1', startedAt: T0 + 10 * SEC, pausedMs: 5 * SEC });
    expect(fixed.queue.history).toEqual([]);
  });

  it('undo walks back several steps, then there is nothing to undo', () => {
    const states = [meeting()];
    states.push(run(states[0]!, { type: 'queue:request' }, as('gov1')));
    states.push(run(states[1]!, { type: 'queue:request' }, as('cs1')));
    states.push(run(states[2]!, { type: 'queue:next' }));
    let s = states[3]!;
    for (let i = 2; i >= 0; i--) {
      s = run(s, { type: 'queue:undo' });
      expect(s.queue).toEqual(states[i]!.queue);
    }
    refused(s, { type: 'queue:undo' }, mod, 'queue.nothing_to_undo');
  });

  it('undo names the action it means; a change in between is refused with conflict', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:next' });
    const top = s.queue.undo.at(-1)!;
    expect(top.action).toBe('queue:turnStarted');
    expect(top.version).toBe(s.version);
    const raced = run(s, { type: 'queue:request' }, as('cs1'));
    refused(raced, { type: 'queue:undo', version: top.version }, mod, 'conflict');
    const ok = run(s, { type: 'queue:undo', version: top.version });
    expect(ok.queue.current).toBeNull();
  });

  it('the undo stack is bounded', () => {
    let s = meeting();
    for (let i = 0; i < UNDO_DEPTH + 5; i++) s = run(s, { type: 'queue:setTimeLimit', seconds: 60 + i });
    expect(s.queue.undo).toHaveLength(UNDO_DEPTH);
  });

  it('no-op commands produce no event and nothing to undo', () => {
    const s = meeting();
    for (const c of [{ type: 'queue:reopen' }, { type: 'queue:clear' }, { type: 'queue:allowMultiple', allow: false }] as const) {
      const r = execute(s, Command.parse(c), mod, T0);
      expect(r.ok && r.events).toEqual([]);
    }
  });
});

describe('the event log is the record', () => {
  it('replaying the queue events onto the meeting gives the same state, undo included', () => {
    let s: MeetingState;
    const log: DomainEvent[] = [];
    const step = (c: CommandInput, actor = mod, now = T0) => {
      const r = runE(s, c, actor, now);
      log.push(...r.events);
      s = r.state;
    };
    const base = meeting();
    s = base;
    const prefix = base.version;
    step({ type: 'queue:request' }, as('gov1'));
    step({ type: 'queue:request' }, as('cs1'), T0 + 1);
    step({ type: 'queue:setPolicy', policy: 'balanced' });
    step({ type: 'queue:next' }, mod, T0 + 5 * SEC);
    step({ type: 'queue:pause' }, mod, T0 + 9 * SEC);
    step({ type: 'queue:resume' }, mod, T0 + 12 * SEC);
    step({ type: 'queue:next' }, mod, T0 + 60 * SEC);
    step({ type: 'queue:undo' }, mod, T0 + 61 * SEC);
    step({ type: 'queue:end' }, mod, T0 + 90 * SEC);
    expect(s.version).toBe(prefix + log.length);
    expect(applyAll(base, log)).toEqual(s);
    expect(s.queue.history).toHaveLength(1);
    expect(s.queue.history[0]).toMatchObject({ participantId: 'gov1', durationMs: 82 * SEC });
  });
});
