import { describe, expect, it } from 'vitest';
import {
  countdownPhase,
  warningMs,
  estimatedWaitMs,
  queuePosition,
  speakingStats,
  turnElapsedMs,
  turnRemainingMs,
} from '../../shared/domain/index.js';
import { SEC, T0, as, entryOf, meeting, mod, run } from './queue-fixture.js';

describe('countdown from timestamps', () => {
  it('counts speaking time across pause and resume, and shows overrun as negative remaining time', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:next' }, mod, T0);
    const cur = () => s.queue.current!;
    expect(turnRemainingMs(cur(), T0 + 50 * SEC)).toBe(130 * SEC);
    s = run(s, { type: 'queue:pause' }, mod, T0 + 60 * SEC);
    // While paused the clock stands still, whenever it is read.
    expect(turnElapsedMs(cur(), T0 + 60 * SEC)).toBe(60 * SEC);
    expect(turnElapsedMs(cur(), T0 + 500 * SEC)).toBe(60 * SEC);
    s = run(s, { type: 'queue:resume' }, mod, T0 + 100 * SEC);
    expect(turnElapsedMs(cur(), T0 + 110 * SEC)).toBe(70 * SEC);
    s = run(s, { type: 'queue:pause' }, mod, T0 + 120 * SEC);
    s = run(s, { type: 'queue:resume' }, mod, T0 + 125 * SEC);
    expect(turnElapsedMs(cur(), T0 + 225 * SEC)).toBe(180 * SEC);
    expect(turnRemainingMs(cur(), T0 + 245 * SEC)).toBe(-20 * SEC);
  });

  it('a client that only knows the state and its clock gets the same countdown (restart-safe)', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:next' }, mod, T0);
    const copy = JSON.parse(JSON.stringify(s)) as typeof s;
    expect(turnRemainingMs(copy.queue.current!, T0 + 42 * SEC)).toBe(turnRemainingMs(s.queue.current!, T0 + 42 * SEC));
  });

  it('warns in the last 30 seconds and marks overrun', () => {
    expect(countdownPhase(31 * SEC)).toBe('normal');
    expect(countdownPhase(30 * SEC)).toBe('warning');
    expect(countdownPhase(0)).toBe('warning');
    expect(countdownPhase(-1)).toBe('overrun');
  });

  it('a short limit is not "in its last seconds" from its first second: the warning is a third of it, at most 30 s', () => {
    expect(warningMs(180 * SEC)).toBe(30 * SEC);
    expect(warningMs(90 * SEC)).toBe(30 * SEC);
    expect(warningMs(60 * SEC)).toBe(20 * SEC);
    expect(warningMs(20 * SEC)).toBe(7 * SEC);
    expect(warningMs(10 * SEC)).toBe(3 * SEC);
    // A 20-second turn starts normal (before, it was "Last 30 seconds" from its first second).
    expect(countdownPhase(20 * SEC, 20 * SEC)).toBe('normal');
    expect(countdownPhase(8 * SEC, 20 * SEC)).toBe('normal');
    expect(countdownPhase(7 * SEC, 20 * SEC)).toBe('warning');
    expect(countdownPhase(-1, 20 * SEC)).toBe('overrun');
    expect(countdownPhase(30 * SEC, 180 * SEC)).toBe('warning');
    expect(countdownPhase(31 * SEC, 180 * SEC)).toBe('normal');
  });
});

describe('position and wait estimate', () => {
  it('is the rest of the current turn plus the limits of those ahead before anyone has finished', () => {
    let s = meeting();
    for (const [i, who] of ['gov1', 'gov2', 'cs1', 'ps1'].entries()) s = run(s, { type: 'queue:request' }, as(who), T0 + i);
    s = run(s, { type: 'queue:next' }, mod, T0 + 10 * SEC);
    const now = T0 + 70 * SEC; // gov1 has 120 s left
    expect(queuePosition(s, entryOf(s, 'ps1'), now)).toMatchObject({ position: 3, waitMs: (120 + 180 + 180) * SEC });
    expect(estimatedWaitMs(s, entryOf(s, 'gov2'), now)).toBe(120 * SEC);
    expect(estimatedWaitMs(s, 'q-nope', now)).toBeNull();
  });

  it('uses the average length of finished turns once there are some', () => {
    let s = meeting();
    for (const [i, who] of ['gov1', 'gov2', 'cs1'].entries()) s = run(s, { type: 'queue:request' }, as(who), T0 + i);
    s = run(s, { type: 'queue:next' }, mod, T0);
    s = run(s, { type: 'queue:end' }, mod, T0 + 60 * SEC);
    expect(queuePosition(s, entryOf(s, 'cs1'), T0 + 61 * SEC)).toMatchObject({ position: 2, waitMs: 60 * SEC });
  });
});

describe('speaking statistics', () => {
  it('per group and per person: turns, total, average and share, counting the running turn', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('gov1'), T0);
    s = run(s, { type: 'queue:request' }, as('cs1'), T0);
    s = run(s, { type: 'queue:request' }, as('gov2'), T0);
    s = run(s, { type: 'queue:next' }, mod, T0); // gov1 60 s
    s = run(s, { type: 'queue:next' }, mod, T0 + 60 * SEC); // cs1 120 s
    s = run(s, { type: 'queue:next' }, mod, T0 + 180 * SEC); // gov2, running
    s = run(s, { type: 'queue:request' }, as('gov1'), T0 + 190 * SEC);
    const stats = speakingStats(s, T0 + 240 * SEC); // gov2 has spoken 60 s so far
    expect(stats.totalMs).toBe(240 * SEC);
    expect(stats.meetingMs).toBe(240 * SEC);
    const gov = stats.groups.find((g) => g.group === 'government')!;
    expect(gov).toMatchObject({ turns: 2, totalMs: 120 * SEC, averageMs: 60 * SEC, share: 0.5, meetingShare: 0.5, speakers: 2 });
    expect(stats.groups.find((g) => g.group === 'academia')).toMatchObject({ turns: 0, totalMs: 0, share: 0 });
    expect(stats.groups).toHaveLength(6);
    expect(stats.people.map((p) => [p.participantId, p.turns, p.totalMs])).toEqual([
      ['cs1', 1, 120 * SEC],
      ['gov1', 1, 60 * SEC],
      ['gov2', 1, 60 * SEC],
    ]);
  });

  it('tracks overrun per person and keys floor speakers by name and group', () => {
    let s = run(meeting(), { type: 'queue:setTimeLimit', seconds: 60 });
    s = run(s, { type: 'queue:add', speaker: { name: 'Delegate of Peru', group: 'government' } });
    s = run(s, { type: 'queue:next' }, mod, T0);
    s = run(s, { type: 'queue:end' }, mod, T0 + 75 * SEC);
    s = run(s, { type: 'queue:add', speaker: { name: 'delegate of peru', group: 'government' } });
    s = run(s, { type: 'queue:next' }, mod, T0 + 80 * SEC);
    s = run(s, { type: 'queue:end' }, mod, T0 + 100 * SEC);
    const [p] = speakingStats(s, T0 + 100 * SEC).people;
    expect(p).toMatchObject({ participantId: null, name: 'Delegate of Peru', turns: 2, totalMs: 95 * SEC, overrunMs: 15 * SEC, inRoom: true });
  });
});
