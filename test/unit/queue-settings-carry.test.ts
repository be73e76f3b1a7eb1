/**
 * List settings carry over: a chair who chose an ordering and a time limit on one item's list gets
 * the same on the next item's list, rather than silently falling back to first-come-first-served
 * and the meeting default. A list that already has its own settings keeps them; undo takes a
 * setting back for the lists to come as well.
 */
import { describe, expect, it } from 'vitest';
import { listFor, itemLimitMs } from '../../shared/domain/index.js';
import { item1, item2, meeting, run, SEC } from './queue-fixture.js';

describe('list settings carry over to the next item', () => {
  it('a new list starts with the ordering, time limit and repeat setting last chosen', () => {
    let s = meeting();
    // Nothing chosen yet: the meeting's defaults.
    expect(listFor(s, item2(s))).toMatchObject({ policy: 'fcfs', limitMs: null, allowMultiple: false });
    s = run(s, { type: 'queue:setPolicy', policy: 'balanced' });
    s = run(s, { type: 'queue:setTimeLimit', seconds: 120 });
    s = run(s, { type: 'queue:allowMultiple', allow: true });
    s = run(s, { type: 'agenda:setCurrent', itemId: item2(s) });
    expect(listFor(s, item2(s))).toMatchObject({ policy: 'balanced', limitMs: 120 * SEC, allowMultiple: true });
    expect(itemLimitMs(s, item2(s))).toBe(120 * SEC);
    // Materialised by a request, the list keeps the inherited settings (not the built-in defaults).
    s = run(s, { type: 'queue:request' }, { role: 'participant', participantId: 'gov1' });
    expect(s.queue.lists[item2(s)]).toMatchObject({ policy: 'balanced', limitMs: 120 * SEC, allowMultiple: true });
  });

  it('a list with settings of its own keeps them; the latest choice is what the next list inherits', () => {
    let s = meeting();
    s = run(s, { type: 'queue:setPolicy', policy: 'balanced' });
    s = run(s, { type: 'agenda:setCurrent', itemId: item2(s) });
    s = run(s, { type: 'queue:setPolicy', policy: 'fcfs' });
    s = run(s, { type: 'queue:setTimeLimit', seconds: 60 });
    // Item 1's list was set explicitly: it keeps 'balanced'.
    expect(listFor(s, item1(s)).policy).toBe('balanced');
    expect(listFor(s, item1(s)).limitMs).toBeNull();
    // A third item inherits the latest choices.
    s = run(s, { type: 'agenda:add', title: 'Closing', plannedMinutes: 10 });
    const item3 = s.agenda.items[2]!.id;
    expect(listFor(s, item3)).toMatchObject({ policy: 'fcfs', limitMs: 60 * SEC });
  });

  it('undoing a setting also takes it back for the lists to come', () => {
    let s = meeting();
    s = run(s, { type: 'queue:setTimeLimit', seconds: 90 });
    expect(listFor(s, item2(s)).limitMs).toBe(90 * SEC);
    s = run(s, { type: 'queue:undo' });
    expect(listFor(s, item1(s)).limitMs).toBeNull();
    expect(listFor(s, item2(s)).limitMs).toBeNull();
  });
});
