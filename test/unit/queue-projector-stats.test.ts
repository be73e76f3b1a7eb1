import { describe, expect, it } from 'vitest';
import { applyAll, projectorShowsStats } from '../../shared/domain/index.js';
import { SEC, T0, as, meeting, mod, refused, run, runE } from './queue-fixture.js';

describe('the moderator shows or hides speaking-time statistics on the projector', () => {
  it('is shown by default, also for a state saved before the setting existed', () => {
    const s = meeting();
    expect(projectorShowsStats(s.queue)).toBe(true);
    const { projectorStats: _omit, ...old } = s.queue;
    expect(projectorShowsStats(old)).toBe(true);
  });

  it('hiding and showing again are events the projector follows; repeating a setting is a no-op', () => {
    const hidden = runE(meeting(), { type: 'queue:setProjectorStats', show: false });
    expect(hidden.events).toEqual([{ type: 'queue:projectorStatsSet', at: T0, show: false, by: 'mod' }]);
    expect(projectorShowsStats(hidden.state.queue)).toBe(false);
    expect(runE(hidden.state, { type: 'queue:setProjectorStats', show: false }).events).toEqual([]);
    const shown = run(hidden.state, { type: 'queue:setProjectorStats', show: true });
    expect(projectorShowsStats(shown.queue)).toBe(true);
    // The same events replayed give the same state (what a client does with the broadcast).
    expect(applyAll(meeting(), hidden.events).queue.projectorStats).toBe(false);
  });

  it('only a moderator may change it', () => {
    refused(meeting(), { type: 'queue:setProjectorStats', show: false }, as('gov1'), 'forbidden');
  });

  it('is a display setting: not undoable, and an undo of a queue action keeps it', () => {
    let s = run(meeting(), { type: 'queue:add', speaker: { participantId: 'gov1' } }, mod, T0);
    const undoDepth = s.queue.undo.length;
    s = run(s, { type: 'queue:setProjectorStats', show: false }, mod, T0 + SEC);
    expect(s.queue.undo.length).toBe(undoDepth);
    s = run(s, { type: 'queue:undo' }, mod, T0 + 2 * SEC);
    expect(s.queue.lists[s.agenda.currentItemId!]?.entries ?? []).toEqual([]);
    expect(projectorShowsStats(s.queue)).toBe(false);
  });
});
