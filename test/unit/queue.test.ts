import { describe, expect, it } from 'vitest';
import { SYSTEM, floorHolder, orderedQueue } from '../../shared/domain/index.js';
import { MIN, SEC, T0, as, entryOf, item1, item2, meeting, mod, order, refused, run } from './queue-fixture.js';

const ord = (s: Parameters<typeof order>[0]) => order(s, orderedQueue);

describe('requesting the floor', () => {
  it('a present participant requests; the entry carries their group, affiliation, note and kind', () => {
    const s = run(meeting(), { type: 'queue:request', note: 'on behalf of the African Group' }, as('cs1'), T0 + 5);
    const [e] = s.queue.lists[item1(s)]!.entries;
    expect(e).toMatchObject({
      participantId: 'cs1',
      name: 'Chen',
      group: 'civil-society',
      kind: 'normal',
      note: 'on behalf of the African Group',
      requestedAt: T0 + 5,
      addedBy: 'self',
      replyTo: null,
    });
  });

  it('an absent participant may not request', () => {
    const s = run(meeting(), { type: 'participant:presence', participantId: 'cs1', present: false }, SYSTEM);
    refused(s, { type: 'queue:request' }, as('cs1'), 'participant.absent');
  });

  it('someone who is not a registered participant may not request, and a projector is forbidden', () => {
    refused(meeting(), { type: 'queue:request' }, as('ghost'), 'participant.not_found');
    refused(meeting(), { type: 'queue:request' }, { role: 'projector', participantId: null }, 'forbidden');
  });

  it('a moderator may request the floor too', () => {
    const s = run(meeting(), { type: 'queue:request' }, mod);
    expect(ord(s)).toEqual(['mod']);
  });

  it('needs a current agenda item', () => {
    const s = run(meeting(), { type: 'agenda:setCurrent', itemId: null });
    refused(s, { type: 'queue:request' }, as('cs1'), 'queue.no_current_item');
  });

  it('a closed list refuses with queue.closed but still takes points of order when allowed', () => {
    let s = run(meeting(), { type: 'queue:close', allowPointsOfOrder: true });
    refused(s, { type: 'queue:request' }, as('cs1'), 'queue.closed');
    s = run(s, { type: 'queue:request', kind: 'point_of_order', note: 'quorum' }, as('cs1'));
    expect(ord(s)).toEqual(['cs1']);
    s = run(s, { type: 'queue:close', allowPointsOfOrder: false });
    refused(s, { type: 'queue:request', kind: 'point_of_order' }, as('gov1'), 'queue.closed');
    s = run(s, { type: 'queue:reopen' });
    s = run(s, { type: 'queue:request' }, as('gov1'));
    expect(ord(s)).toEqual(['cs1', 'gov1']);
  });

  it('after closing and reopening, a request without a kind is an ordinary one: the kind is only what the command says', () => {
    let s = run(meeting(), { type: 'queue:close', allowPointsOfOrder: true });
    s = run(s, { type: 'queue:request', kind: 'point_of_order' }, as('cs1'));
    s = run(s, { type: 'queue:reopen' });
    s = run(s, { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:request', kind: 'normal' }, as('ps1'));
    const kinds = s.queue.lists[item1(s)]!.entries.map((e) => [e.participantId, e.kind]);
    expect(kinds).toEqual([['cs1', 'point_of_order'], ['gov1', 'normal'], ['ps1', 'normal']]);
    // Points of order jump the list; the ordinary requests keep arrival order behind it.
    expect(ord(s)).toEqual(['cs1', 'gov1', 'ps1']);
  });

  it('the moderator can still add speakers to a closed list', () => {
    let s = run(meeting(), { type: 'queue:close' });
    s = run(s, { type: 'queue:add', speaker: { participantId: 'ps1' } });
    expect(ord(s)).toEqual(['ps1']);
  });

  it('one open request per person and kind, unless the moderator allows more', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    refused(s, { type: 'queue:request' }, as('cs1'), 'queue.already_requested');
    s = run(s, { type: 'queue:request', kind: 'point_of_order' }, as('cs1'));
    refused(s, { type: 'queue:add', speaker: { participantId: 'cs1' } }, mod, 'queue.already_requested');
    s = run(s, { type: 'queue:allowMultiple', allow: true });
    s = run(s, { type: 'queue:request' }, as('cs1'));
    expect(s.queue.lists[item1(s)]!.entries.filter((e) => e.participantId === 'cs1')).toHaveLength(3);
  });

  it('the limit is per list: the same person may queue on another item', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'agenda:setCurrent', itemId: item2(s) });
    s = run(s, { type: 'queue:request' }, as('cs1'));
    expect(s.queue.lists[item1(s)]!.entries).toHaveLength(1);
    expect(s.queue.lists[item2(s)]!.entries).toHaveLength(1);
  });
});

describe('withdrawing and acting on others’ entries', () => {
  it('a participant withdraws their own request', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:withdraw', entryId: entryOf(s, 'cs1') }, as('cs1'));
    expect(ord(s)).toEqual([]);
  });

  it('only moderators act on others’ entries', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    const id = entryOf(s, 'cs1');
    refused(s, { type: 'queue:withdraw', entryId: id }, as('gov1'), 'queue.not_your_entry');
    for (const type of ['queue:remove', 'queue:give', 'queue:refuse'] as const) {
      refused(s, { type, entryId: id }, as('gov1'), 'forbidden');
    }
    for (const type of ['queue:next', 'queue:end', 'queue:pause', 'queue:undo', 'queue:clear'] as const) {
      refused(s, { type }, as('cs1'), 'forbidden');
    }
    s = run(s, { type: 'queue:withdraw', entryId: id }, mod);
    expect(ord(s)).toEqual([]);
  });

  it('unknown entries are refused with queue.entry_not_found', () => {
    refused(meeting(), { type: 'queue:withdraw', entryId: 'q999' }, as('cs1'), 'queue.entry_not_found');
    refused(meeting(), { type: 'queue:give', entryId: 'q999' }, mod, 'queue.entry_not_found');
  });

  it('the moderator removes an entry, or refuses it with a reason the requester can see', () => {
    let s = run(meeting(), { type: 'queue:request', kind: 'point_of_order' }, as('cs1'));
    s = run(s, { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:refuse', entryId: entryOf(s, 'cs1'), reason: 'Not a point of order' }, mod, T0 + 9);
    s = run(s, { type: 'queue:remove', entryId: entryOf(s, 'gov1') });
    const list = s.queue.lists[item1(s)]!;
    expect(list.entries).toEqual([]);
    expect(list.refusals).toEqual([
      { entryId: expect.any(String), participantId: 'cs1', name: 'Chen', kind: 'point_of_order', reason: 'Not a point of order', at: T0 + 9 },
    ]);
  });
});

describe('floor speakers', () => {
  it('the moderator adds an in-room floor speaker with a name and group but no participant', () => {
    const s = run(meeting(), { type: 'queue:add', speaker: { name: 'Delegate of Kenya', group: 'government' } });
    expect(s.queue.lists[item1(s)]!.entries[0]).toMatchObject({
      participantId: null,
      name: 'Delegate of Kenya',
      group: 'government',
      inRoom: true,
      addedBy: 'moderator',
    });
  });

  it('the moderator can prepare the list of another item', () => {
    const s = run(meeting(), { type: 'queue:add', itemId: item2(meeting()), speaker: { participantId: 'gov1' } });
    expect(s.queue.lists[item2(s)]!.entries).toHaveLength(1);
    refused(s, { type: 'queue:add', itemId: 'nope', speaker: { participantId: 'gov1' } }, mod, 'agenda.item_not_found');
  });
});

describe('the floor', () => {
  it('next gives the floor to the first in line; the next next ends that turn into the history', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'), T0);
    s = run(s, { type: 'queue:request' }, as('gov1'), T0 + 1);
    s = run(s, { type: 'queue:next' }, mod, T0 + 10 * SEC);
    expect(floorHolder(s)).toMatchObject({ participantId: 'cs1', paused: false, itemId: item1(s) });
    expect(s.queue.current).toMatchObject({ startedAt: T0 + 10 * SEC, limitMs: 180 * SEC });
    expect(ord(s)).toEqual(['gov1']);
    s = run(s, { type: 'queue:next' }, mod, T0 + 70 * SEC);
    expect(floorHolder(s)?.participantId).toBe('gov1');
    expect(s.queue.history).toHaveLength(1);
    expect(s.queue.history[0]).toMatchObject({ participantId: 'cs1', durationMs: 60 * SEC, endedAt: T0 + 70 * SEC, endReason: 'next' });
  });

  it('never two current speakers: giving the floor ends the running turn first', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:give', entryId: entryOf(s, 'gov1') }, mod, T0 + SEC);
    s = run(s, { type: 'queue:give', entryId: entryOf(s, 'cs1') }, mod, T0 + 31 * SEC);
    expect(s.queue.current?.participantId).toBe('cs1');
    expect(s.queue.history.map((t) => [t.participantId, t.endReason, t.durationMs])).toEqual([['gov1', 'given', 30 * SEC]]);
  });

  it('next with nobody waiting ends the running turn, and is refused when nobody speaks either', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:next' });
    s = run(s, { type: 'queue:next' }, mod, T0 + 5 * SEC);
    expect(s.queue.current).toBeNull();
    expect(s.queue.history).toHaveLength(1);
    refused(s, { type: 'queue:next' }, mod, 'queue.empty');
  });

  it('pause and resume are refused when meaningless', () => {
    refused(meeting(), { type: 'queue:pause' }, mod, 'queue.no_current_speaker');
    refused(meeting(), { type: 'queue:end' }, mod, 'queue.no_current_speaker');
    refused(meeting(), { type: 'queue:putBack' }, mod, 'queue.no_current_speaker');
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:next' });
    refused(s, { type: 'queue:resume' }, mod, 'queue.not_paused');
    s = run(s, { type: 'queue:pause' });
    expect(floorHolder(s)?.paused).toBe(true);
    refused(s, { type: 'queue:pause' }, mod, 'queue.already_paused');
  });

  it('ending a turn records start, end, pauses, duration and overrun', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:next' }, mod, T0);
    s = run(s, { type: 'queue:pause' }, mod, T0 + 100 * SEC);
    s = run(s, { type: 'queue:resume' }, mod, T0 + 130 * SEC);
    s = run(s, { type: 'queue:end' }, mod, T0 + 230 * SEC);
    expect(s.queue.current).toBeNull();
    expect(s.queue.history[0]).toMatchObject({
      startedAt: T0,
      endedAt: T0 + 230 * SEC,
      pauses: [{ from: T0 + 100 * SEC, to: T0 + 130 * SEC }],
      pausedMs: 30 * SEC,
      durationMs: 200 * SEC,
      overrunMs: 20 * SEC,
      endReason: 'ended',
      inRoom: false,
      group: 'civil-society',
    });
  });

  it('ending a paused turn closes the open pause', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:next' }, mod, T0);
    s = run(s, { type: 'queue:pause' }, mod, T0 + 10 * SEC);
    s = run(s, { type: 'queue:end' }, mod, T0 + 25 * SEC);
    expect(s.queue.history[0]).toMatchObject({ durationMs: 10 * SEC, pausedMs: 15 * SEC, pauses: [{ from: T0 + 10 * SEC, to: T0 + 25 * SEC }] });
  });

  it('put back: the speaker returns to the head of the list and the partial turn is kept', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:next' }, mod, T0);
    s = run(s, { type: 'queue:putBack' }, mod, T0 + 5 * SEC);
    expect(s.queue.current).toBeNull();
    expect(orderedQueue(s, item1(s)).map((o) => [o.entry.participantId, o.reason])).toEqual([
      ['cs1', 'put_back'],
      ['gov1', 'fcfs'],
    ]);
    expect(s.queue.history[0]).toMatchObject({ participantId: 'cs1', endReason: 'put_back', durationMs: 5 * SEC });
  });

  it('the floor stays with the speaker when the agenda moves on; new requests go to the new item', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:next' });
    s = run(s, { type: 'agenda:setCurrent', itemId: item2(s) });
    expect(floorHolder(s)).toMatchObject({ participantId: 'cs1', itemId: item1(s) });
    s = run(s, { type: 'queue:request' }, as('ps1'));
    expect(ord(s)).toEqual(['ps1']);
    s = run(s, { type: 'queue:next' });
    expect(floorHolder(s)?.participantId).toBe('ps1');
    expect(s.queue.history[0]?.itemId).toBe(item1(s));
  });
});

describe('points of order and replies', () => {
  it('a point of order jumps ahead of normal requests, and points of order keep their own order', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('gov1'), T0);
    s = run(s, { type: 'queue:request' }, as('gov2'), T0 + 1);
    s = run(s, { type: 'queue:request', kind: 'point_of_order', note: 'interpretation' }, as('cs1'), T0 + 2);
    s = run(s, { type: 'queue:request', kind: 'point_of_order' }, as('ps1'), T0 + 3);
    expect(ord(s)).toEqual(['cs1', 'ps1', 'gov1', 'gov2']);
    expect(orderedQueue(s, item1(s)).map((o) => o.reason)).toEqual(['point_of_order', 'point_of_order', 'fcfs', 'fcfs']);
  });

  it('a reply links to the current speaker, needs one, comes after points of order and before normal turns', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('gov1'));
    refused(s, { type: 'queue:request', kind: 'reply' }, as('cs1'), 'queue.no_current_speaker');
    s = run(s, { type: 'queue:request' }, as('gov2'));
    s = run(s, { type: 'queue:next' });
    const turnId = s.queue.current!.turnId;
    refused(s, { type: 'queue:request', kind: 'reply' }, as('gov1'), 'queue.reply_to_self');
    s = run(s, { type: 'queue:request', kind: 'reply' }, as('cs1'));
    s = run(s, { type: 'queue:request', kind: 'point_of_order' }, as('ps1'));
    expect(ord(s)).toEqual(['ps1', 'cs1', 'gov2']);
    expect(s.queue.lists[item1(s)]!.entries.find((e) => e.participantId === 'cs1')?.replyTo).toBe(turnId);
  });
});

describe('moderator reordering', () => {
  it('moves an entry within its kind, shows the override, and refuses a move across kinds', () => {
    let s = run(meeting(), { type: 'queue:request', kind: 'point_of_order' }, as('ps1'));
    s = run(s, { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:request' }, as('gov2'));
    s = run(s, { type: 'queue:request' }, as('cs1'));
    refused(s, { type: 'queue:move', entryId: entryOf(s, 'cs1'), toIndex: 0 }, mod, 'queue.invalid_position');
    refused(s, { type: 'queue:move', entryId: entryOf(s, 'cs1'), toIndex: 4 }, mod, 'queue.invalid_position');
    s = run(s, { type: 'queue:move', entryId: entryOf(s, 'cs1'), toIndex: 1 });
    expect(orderedQueue(s, item1(s)).map((o) => [o.entry.participantId, o.reason])).toEqual([
      ['ps1', 'point_of_order'],
      ['cs1', 'moderator_override'],
      ['gov1', 'fcfs'],
      ['gov2', 'fcfs'],
    ]);
    // Later requests follow the frozen order; a new point of order still jumps ahead.
    s = run(s, { type: 'queue:request', kind: 'point_of_order' }, as('gov1'));
    s = run(s, { type: 'queue:request' }, mod);
    expect(ord(s)).toEqual(['ps1', 'gov1', 'cs1', 'gov1', 'gov2', 'mod']);
  });
});

describe('time limits', () => {
  it('the item limit applies to new turns and to a running turn without its own override', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:request' }, as('gov1'));
    s = run(s, { type: 'queue:next' });
    s = run(s, { type: 'queue:setTimeLimit', seconds: 120 });
    expect(s.queue.current?.limitMs).toBe(2 * MIN);
    s = run(s, { type: 'queue:setSpeakerLimit', seconds: 300 });
    expect(s.queue.current?.limitMs).toBe(5 * MIN);
    s = run(s, { type: 'queue:setTimeLimit', seconds: 60 });
    expect(s.queue.current?.limitMs).toBe(5 * MIN);
    s = run(s, { type: 'queue:next' });
    expect(s.queue.current?.limitMs).toBe(1 * MIN);
    s = run(s, { type: 'queue:setTimeLimit', seconds: null });
    expect(s.queue.current?.limitMs).toBe(3 * MIN);
  });

  it('a per-speaker override on a waiting entry carries into their turn', () => {
    let s = run(meeting(), { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:setSpeakerLimit', entryId: entryOf(s, 'cs1'), seconds: 45 });
    s = run(s, { type: 'queue:next' });
    expect(s.queue.current).toMatchObject({ limitMs: 45 * SEC, limitOverridden: true });
    refused(s, { type: 'queue:setSpeakerLimit', entryId: 'q404', seconds: 45 }, mod, 'queue.entry_not_found');
  });
});

describe('clearing', () => {
  it('clears the current item’s list, leaving other lists and the floor alone', () => {
    let s = run(meeting(), { type: 'queue:add', itemId: item2(meeting()), speaker: { participantId: 'gov1' } });
    s = run(s, { type: 'queue:request' }, as('cs1'));
    s = run(s, { type: 'queue:request' }, as('ps1'));
    s = run(s, { type: 'queue:next' });
    s = run(s, { type: 'queue:clear' });
    expect(ord(s)).toEqual([]);
    expect(s.queue.current?.participantId).toBe('cs1');
    expect(s.queue.lists[item2(s)]!.entries).toHaveLength(1);
  });
});
