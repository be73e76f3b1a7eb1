/**
 * The broadcast outbox (server/meetings/outbox.ts): moderators get every batch at once; the
 * public's roster changes (presence, registrations) wait for the next public message, at most
 * `publicGapMs` apart, and anything else sends them first — public clients still see every
 * version once, in order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { VersionedEvent } from '../../shared/domain/index.js';
import { BroadcastOutbox, type AudienceBatches } from '../../server/meetings/outbox.js';

const at = 0;
const presence = (v: number): VersionedEvent => ({ v, event: { type: 'participant:presenceChanged', at, participantId: `p${v}`, present: true } });
const edit = (v: number): VersionedEvent => ({ v, event: { type: 'agenda:itemEdited', at, itemId: 'i1', changes: { title: `t${v}` } } });
const count = (v: number, voted: number): VersionedEvent => ({ v, event: { type: 'poll:voteCounted', at, pollId: 'q1', tally: { voted, results: null } } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let outbox: BroadcastOutbox | null = null;
afterEach(() => outbox?.flush());

function world(gapMs: number) {
  const sent: AudienceBatches[] = [];
  outbox = new BroadcastOutbox((_m, b) => sent.push(b), () => null, { publicGapMs: () => gapMs });
  const versions = (k: 'full' | 'public') => sent.flatMap((b) => b[k].map((e) => e.v));
  const messages = (k: 'full' | 'public') => sent.filter((b) => b[k].length).length;
  return { outbox, sent, versions, messages };
}

describe('BroadcastOutbox', () => {
  it('without a gap sends every batch to both audiences at once', () => {
    const w = world(0);
    w.outbox.sendNow('m', [presence(1)]);
    w.outbox.sendNow('m', [presence(2)]);
    expect(w.versions('full')).toEqual([1, 2]);
    expect(w.versions('public')).toEqual([1, 2]);
  });

  it('holds the public roster changes of a burst and sends them as one message after the gap', async () => {
    const w = world(80);
    for (let v = 1; v <= 30; v++) w.outbox.sendNow('m', [presence(v)]);
    expect(w.versions('full')).toEqual(Array.from({ length: 30 }, (_, i) => i + 1)); // moderators: at once
    expect(w.versions('public')).toEqual([1]); // the first goes at once, the rest wait
    await sleep(40);
    expect(w.versions('public')).toEqual([1]);
    await sleep(80);
    expect(w.versions('public')).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(w.messages('public')).toBe(2);
  });

  it('sends held roster changes first, in version order, when anything else is broadcast', () => {
    const w = world(10_000);
    w.outbox.sendNow('m', [presence(1)]);
    w.outbox.sendNow('m', [presence(2)]);
    w.outbox.sendNow('m', [presence(3)]);
    w.outbox.sendNow('m', [edit(4)]);
    expect(w.versions('public')).toEqual([1, 2, 3, 4]);
    expect(w.sent.at(-1)!.public.map((e) => e.v)).toEqual([2, 3, 4]); // one message
    // A roster change right after still waits: the last public message was just sent.
    w.outbox.sendNow('m', [presence(5)]);
    expect(w.versions('public')).toEqual([1, 2, 3, 4]);
    w.outbox.flush(); // shutdown sends what is held
    expect(w.versions('public')).toEqual([1, 2, 3, 4, 5]);
  });

  it('releases a meeting on demand (another process wrote after it) and keeps meetings apart', () => {
    const w = world(10_000);
    w.outbox.sendNow('a', [presence(1)]);
    w.outbox.sendNow('a', [presence(2)]);
    w.outbox.sendNow('b', [presence(1)]);
    w.outbox.sendNow('b', [presence(2)]);
    w.outbox.releasePublic('a');
    expect(w.sent.filter((b) => b.public.length).map((b) => b.public.map((e) => e.v))).toEqual([[1], [1], [2]]);
    w.outbox.releasePublic('a'); // nothing held any more: nothing sent
    expect(w.messages('public')).toBe(3);
  });

  it('holds vote counts too, and sends a held run of one poll as one count standing for its versions', () => {
    const w = world(10_000);
    w.outbox.sendNow('m', [count(1, 1)]);
    w.outbox.sendNow('m', [count(2, 2), count(3, 3)]);
    w.outbox.sendNow('m', [presence(4)]);
    w.outbox.sendNow('m', [count(5, 4)]);
    w.outbox.sendNow('m', [count(6, 5)]);
    expect(w.versions('public')).toEqual([1]);
    expect(w.versions('full')).toEqual([1, 2, 3, 4, 5, 6]); // moderators: every vote, at once
    w.outbox.sendNow('m', [edit(7)]);
    const last = w.sent.at(-1)!.public;
    expect(last.map((e) => [e.v, e.through ?? e.v])).toEqual([[2, 3], [4, 4], [5, 6], [7, 7]]);
    expect(last[0]!.event).toMatchObject({ type: 'poll:voteCounted', tally: { voted: 3 } });
    expect(last[2]!.event).toMatchObject({ type: 'poll:voteCounted', tally: { voted: 5 } });
  });
});
