/**
 * Undo in the speaking queue (shared/domain/meeting/queue/undo.ts): each moderator undoes their own
 * actions, newest first; what participants and other moderators did in between is kept; an undo
 * that no longer fits is refused with `queue.undo_conflict` and changes nothing; entries are the
 * size of the change, not of the queue; old logs (events without `by`) replay as they did.
 */
import { describe, expect, it } from 'vitest';
import {
  Command,
  SYSTEM,
  UNDO_DEPTH,
  apply,
  applyAll,
  execute,
  orderedQueue,
  type Actor,
  type CommandInput,
  type DomainEvent,
  type MeetingState,
} from '../../shared/domain/index.js';
import { SEC, T0, as, entryOf, item1, meeting, mod, order, refused, run, runE } from './queue-fixture.js';

const mod2: Actor = { role: 'moderator', participantId: 'mod2' };
const ord = (s: MeetingState) => order(s, orderedQueue);

/** The fixture meeting with a second moderator. */
function twoChairs(): MeetingState {
  let s = run(meeting(), { type: 'participant:register', participantId: 'mod2', role: 'moderator', profile: { name: 'Vice-chair', group: 'government', language: 'fr' } }, SYSTEM);
  return run(s, { type: 'participant:presence', participantId: 'mod2', present: true }, SYSTEM);
}

/** A running list: three requests, someone speaking (paused once), a point of order waiting. */
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

describe("undo reverts exactly the moderator's own last action", () => {
  const actions: Array<[string, (s: MeetingState) => CommandInput]> = [
    ['own request', () => ({ type: 'queue:request', note: 'late' })],
    ['add participant', () => ({ type: 'queue:add', speaker: { participantId: 'gov2' } })],
    ['add floor speaker', () => ({ type: 'queue:add', speaker: { name: 'Delegate of Chile', group: 'government' } })],
    ['withdraw for someone', (s) => ({ type: 'queue:withdraw', entryId: entryOf(s, 'cs1') })],
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
    ['entry limit', (s) => ({ type: 'queue:setSpeakerLimit', seconds: 240, entryId: entryOf(s, 'cs1') })],
    ['allow multiple', () => ({ type: 'queue:allowMultiple', allow: true })],
  ];

  for (const [name, make] of actions) {
    it(`after ${name}`, () => {
      const before = busy();
      const after = run(before, make(before), mod, T0 + 40 * SEC);
      expect(after.queue).not.toEqual(before.queue);
      const undone = run(after, { type: 'queue:undo', version: after.version }, mod, T0 + 50 * SEC);
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

  it('undo walks back the moderator’s steps, then there is nothing to undo', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:request' }, as('cs1'));
    const states = [s];
    states.push(run(states[0]!, { type: 'queue:setPolicy', policy: 'balanced' }));
    states.push(run(states[1]!, { type: 'queue:next' }));
    s = states[2]!;
    for (let i = 1; i >= 0; i--) {
      s = run(s, { type: 'queue:undo' });
      expect(s.queue).toEqual(states[i]!.queue);
    }
    // The participants' requests are theirs: not undone.
    refused(s, { type: 'queue:undo' }, mod, 'queue.nothing_to_undo');
    expect(ord(s)).toEqual(['gov1', 'cs1']);
  });
});

describe('what others did in between is kept', () => {
  it('N, then a participant requests, then U: the speaker goes back to the list and the new request stays', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('gov1'), T0);
    s = run(s, { type: 'queue:request' }, as('cs1'), T0 + 1);
    s = run(s, { type: 'queue:next' }, mod, T0 + 10 * SEC);
    s = run(s, { type: 'queue:request' }, as('ps1'), T0 + 20 * SEC);
    const { state, events } = runE(s, { type: 'queue:undo' }, mod, T0 + 30 * SEC);
    expect(events).toEqual([{ type: 'queue:undone', at: T0 + 30 * SEC, undoneVersion: s.version - 1, by: 'mod' }]);
    expect(state.queue.current).toBeNull();
    expect(ord(state)).toEqual(['gov1', 'cs1', 'ps1']);
    expect(state.queue.history).toEqual([]);
  });

  it('each moderator undoes their own actions only', () => {
    let s = run(twoChairs(), { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:setPolicy', policy: 'balanced' }, mod);
    s = run(s, { type: 'queue:add', speaker: { participantId: 'cs1' } }, mod2);
    // The chair's undo reverts the chair's policy, not the vice-chair's later addition.
    s = run(s, { type: 'queue:undo' }, mod);
    expect(s.queue.lists[item1(s)]!.policy).toBe('fcfs');
    expect(ord(s)).toEqual(['gov1', 'cs1']);
    refused(s, { type: 'queue:undo' }, mod, 'queue.nothing_to_undo');
    s = run(s, { type: 'queue:undo' }, mod2);
    expect(ord(s)).toEqual(['gov1']);
  });

  it('the undo button names the moderator’s own action; a stale one is refused with conflict', () => {
    let s = run(twoChairs(), { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:next' }, mod);
    const mine = s.version;
    s = run(s, { type: 'queue:allowMultiple', allow: true }, mod2);
    refused(s, { type: 'queue:undo', version: mine - 1 }, mod, 'conflict');
    s = run(s, { type: 'queue:undo', version: mine }, mod);
    expect(s.queue.current).toBeNull();
    expect(s.queue.lists[item1(s)]!.allowMultiple).toBe(true);
  });
});

describe('an undo that no longer fits is refused and changes nothing', () => {
  const conflicts: Array<[string, (s: MeetingState) => MeetingState]> = [
    ['the speaker handed back the floor after "next"', (s) => run(run(s, { type: 'queue:next' }), { type: 'queue:yield' }, as('gov1'))],
    ['another moderator moved the floor on', (s) => run(run(s, { type: 'queue:next' }), { type: 'queue:next' }, mod2)],
    ['the added person withdrew', (s) => {
      const added = run(s, { type: 'queue:add', speaker: { participantId: 'ps1' } });
      return run(added, { type: 'queue:withdraw', entryId: entryOf(added, 'ps1') }, as('ps1'));
    }],
    ['the removed person asked again', (s) => run(run(s, { type: 'queue:remove', entryId: entryOf(s, 'cs1') }), { type: 'queue:request' }, as('cs1'))],
    ['another moderator paused the turn "next" started', (s) => run(run(s, { type: 'queue:next' }), { type: 'queue:pause' }, mod2)],
    ['another moderator set the same list setting again', (s) =>
      run(run(s, { type: 'queue:setPolicy', policy: 'balanced' }), { type: 'queue:setPolicy', policy: 'fcfs' }, mod2)],
  ];
  for (const [name, make] of conflicts) {
    it(name, () => {
      let s = run(twoChairs(), { type: 'queue:request' }, as('gov1'));
      s = run(s, { type: 'queue:request' }, as('cs1'));
      s = make(s);
      const r = execute(s, Command.parse({ type: 'queue:undo' }), mod, T0 + 60 * SEC);
      expect(r.ok ? 'accepted' : r.error.code).toBe('queue.undo_conflict');
      if (!r.ok) expect(r.error.message).toMatch(/since/);
    });
  }
});

describe('the undo history stays small', () => {
  it('an entry holds the change, not the lists: its size does not grow with the list', () => {
    const sizeWith = (n: number) => {
      let s = meeting();
      for (let i = 0; i < n; i++) s = run(s, { type: 'queue:add', speaker: { name: `Delegate ${i}`, group: 'government' } }, SYSTEM, T0 + i);
      s = run(s, { type: 'queue:next' }, mod, T0 + 1000 * SEC);
      return JSON.stringify(s.queue.undo.at(-1)).length;
    };
    const small = sizeWith(2);
    const large = sizeWith(300);
    expect(large).toBeLessThan(small + 50);
    expect(large).toBeLessThan(2000);
  });

  it('is bounded per moderator', () => {
    let s = twoChairs();
    s = run(s, { type: 'queue:setPolicy', policy: 'balanced' }, mod2);
    for (let i = 0; i < UNDO_DEPTH + 5; i++) s = run(s, { type: 'queue:setTimeLimit', seconds: 60 + i }, mod);
    expect(s.queue.undo.filter((u) => u.by === 'mod')).toHaveLength(UNDO_DEPTH);
    // The vice-chair's older action is still theirs to undo.
    expect(s.queue.undo.filter((u) => u.by === 'mod2')).toHaveLength(1);
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

  it('an old log (events without `by`) replays its undos as before: the whole previous queue', () => {
    const base = meeting();
    const legacy = [
      { type: 'queue:requested', at: T0, itemId: item1(base), entry: { ...run(base, { type: 'queue:request' }, as('gov1')).queue.lists[item1(base)]!.entries[0]! } },
      { type: 'queue:undone', at: T0 + SEC, undoneVersion: base.version + 1 },
    ] as DomainEvent[];
    const once = apply(base, legacy[0]!);
    expect(ord(once)).toEqual(['gov1']);
    expect(ord(applyAll(base, legacy))).toEqual([]);
  });
});
