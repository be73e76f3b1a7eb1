import { describe, expect, it } from 'vitest';
import { orderedQueue, type MeetingState } from '../../shared/domain/index.js';
import { SEC, T0, as, entryOf, item1, meeting, mod, run } from './queue-fixture.js';

const withReasons = (s: MeetingState) => orderedQueue(s, item1(s)).map((o) => [o.entry.participantId, o.reason]);

/** `who` speaks for `sec` seconds (requests, gets the floor, ends). */
function spoke(s: MeetingState, who: string, sec: number, at: number): MeetingState {
  s = run(s, { type: 'queue:request' }, as(who), at);
  s = run(s, { type: 'queue:give', entryId: entryOf(s, who) }, mod, at);
  return run(s, { type: 'queue:end' }, mod, at + sec * SEC);
}

describe('first come, first served', () => {
  it('is the default and keeps arrival order', () => {
    let s = meeting();
    for (const [i, who] of ['gov1', 'gov2', 'cs1'].entries()) s = run(s, { type: 'queue:request' }, as(who), T0 + i);
    expect(withReasons(s)).toEqual([
      ['gov1', 'fcfs'],
      ['gov2', 'fcfs'],
      ['cs1', 'fcfs'],
    ]);
    expect(orderedQueue(s, item1(s)).map((o) => o.position)).toEqual([1, 2, 3]);
  });
});

describe('balanced ordering', () => {
  it('interleaves stakeholder groups', () => {
    let s = run(meeting(), { type: 'queue:setPolicy', policy: 'balanced' });
    for (const [i, who] of ['gov1', 'gov2', 'cs1', 'ps1'].entries()) s = run(s, { type: 'queue:request' }, as(who), T0 + i);
    expect(withReasons(s)).toEqual([
      ['gov1', 'fcfs'],
      ['cs1', 'group_less_time'],
      ['ps1', 'group_less_time'],
      ['gov2', 'fcfs'],
    ]);
  });

  it('prefers groups with less speaking time so far in the meeting', () => {
    let s = spoke(meeting(), 'gov1', 120, T0);
    s = run(s, { type: 'queue:setPolicy', policy: 'balanced' });
    for (const [i, who] of ['gov2', 'gov1', 'cs1', 'ps1', 'mod'].entries()) {
      s = run(s, { type: 'queue:request' }, as(who), T0 + 200 * SEC + i);
    }
    expect(withReasons(s)).toEqual([
      ['cs1', 'group_less_time'],
      ['ps1', 'group_less_time'],
      ['mod', 'group_less_time'],
      ['gov2', 'fcfs'],
      ['gov1', 'fcfs'],
    ]);
  });

  it('prefers people who have not spoken yet within a group', () => {
    let s = spoke(meeting(), 'gov1', 60, T0);
    s = run(s, { type: 'queue:setPolicy', policy: 'balanced' });
    s = run(s, { type: 'queue:request' }, as('gov1'), T0 + 100 * SEC);
    s = run(s, { type: 'queue:request' }, as('gov2'), T0 + 101 * SEC);
    expect(withReasons(s)).toEqual([
      ['gov2', 'first_time_speaker'],
      ['gov1', 'fcfs'],
    ]);
  });

  it('counts the current speaker’s group as having spoken', () => {
    let s = run(meeting(), { type: 'queue:setPolicy', policy: 'balanced' });
    s = run(s, { type: 'queue:request' }, as('cs1'), T0);
    s = run(s, { type: 'queue:next' }, mod, T0 + 1);
    s = run(s, { type: 'queue:request' }, as('cs1'), T0 + 2);
    s = run(s, { type: 'queue:request' }, as('ps1'), T0 + 3);
    expect(withReasons(s)).toEqual([
      ['ps1', 'group_less_time'],
      ['cs1', 'fcfs'],
    ]);
  });

  it('points of order still jump ahead of the balanced list', () => {
    let s = run(meeting(), { type: 'queue:setPolicy', policy: 'balanced' });
    s = run(s, { type: 'queue:request' }, as('gov1'), T0);
    s = run(s, { type: 'queue:request' }, as('cs1'), T0 + 1);
    s = run(s, { type: 'queue:request', kind: 'point_of_order' }, as('ps1'), T0 + 2);
    expect(withReasons(s)[0]).toEqual(['ps1', 'point_of_order']);
  });

  it('the moderator can override; new requests follow in policy order; a policy change re-sorts', () => {
    let s = run(meeting(), { type: 'queue:setPolicy', policy: 'balanced' });
    for (const [i, who] of ['gov1', 'gov2', 'cs1'].entries()) s = run(s, { type: 'queue:request' }, as(who), T0 + i);
    // balanced: gov1, cs1, gov2 — the chair wants gov2 first.
    s = run(s, { type: 'queue:move', entryId: entryOf(s, 'gov2'), toIndex: 0 });
    s = run(s, { type: 'queue:request' }, as('ps1'), T0 + 10);
    expect(withReasons(s)).toEqual([
      ['gov2', 'moderator_override'],
      ['gov1', 'fcfs'],
      ['cs1', 'group_less_time'],
      ['ps1', 'fcfs'],
    ]);
    s = run(s, { type: 'queue:setPolicy', policy: 'balanced' });
    expect(withReasons(s).map(([p]) => p)).toEqual(['gov1', 'cs1', 'ps1', 'gov2']);
  });
});
