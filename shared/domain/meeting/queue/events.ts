/**
 * Events of the speaking queue and their reducers. Events carry every value a decision computed
 * (ids, limits, the frozen order of a move), so replaying the log gives the same state even if the
 * ordering rules change later. Every event says `by` whom (the moderator's participant id, or null
 * for a participant's own action or the system): a moderator's action records its inverse on the
 * undo stack (undo.ts), so each moderator can undo their own actions and nobody else's.
 */
import type { MeetingState } from '../state.js';
import {
  MAX_REFUSALS,
  emptyList,
  listSettings,
  speakerOf,
  type CurrentTurn,
  type FinishedTurn,
  type OrderReason,
  type QueueEntry,
  type QueuePolicy,
  type QueueState,
  type SpeakerList,
} from './model.js';
import { turnElapsedMs } from './time.js';
import { applyUndo, pushUndo, recordUndo, type UndoEntry } from './undo.js';

/** A queue event without its author; `QueueEvent` adds `by`. */
type QueueEventBody =
  | { type: 'queue:requested'; at: number; itemId: string; entry: QueueEntry }
  | { type: 'queue:added'; at: number; itemId: string; entry: QueueEntry }
  | { type: 'queue:withdrawn'; at: number; itemId: string; entryId: string }
  | { type: 'queue:removed'; at: number; itemId: string; entryId: string }
  | { type: 'queue:refused'; at: number; itemId: string; entryId: string; reason: string }
  | {
      type: 'queue:turnStarted';
      at: number;
      itemId: string;
      entryId: string;
      turnId: string;
      limitMs: number;
      /** How the previous turn (if any) ends: the floor passes on. */
      how: 'next' | 'given';
    }
  | { type: 'queue:turnEnded'; at: number; turnId: string }
  /** The speaker ended their own turn (`queue:yield`); `participantId` records who. Same history as an end. */
  | { type: 'queue:turnYielded'; at: number; turnId: string; participantId: string }
  | { type: 'queue:putBack'; at: number; turnId: string; itemId: string }
  | { type: 'queue:paused'; at: number; turnId: string }
  | { type: 'queue:resumed'; at: number; turnId: string }
  | {
      type: 'queue:moved';
      at: number;
      itemId: string;
      entryId: string;
      toIndex: number;
      manualOrder: Array<{ entryId: string; reason: OrderReason }>;
    }
  | { type: 'queue:closed'; at: number; itemId: string; allowPointsOfOrder: boolean }
  | { type: 'queue:reopened'; at: number; itemId: string }
  | { type: 'queue:cleared'; at: number; itemId: string }
  | { type: 'queue:policySet'; at: number; itemId: string; policy: QueuePolicy }
  | {
      type: 'queue:timeLimitSet';
      at: number;
      itemId: string;
      limitMs: number | null;
      /** New limit of the running turn when it follows the item's limit; null if unaffected. */
      currentLimitMs: number | null;
    }
  | { type: 'queue:speakerLimitSet'; at: number; entryId: string | null; limitMs: number }
  | { type: 'queue:multipleAllowed'; at: number; itemId: string; allow: boolean }
  | { type: 'queue:undone'; at: number; undoneVersion: number }
  /** Display only (the projector's statistics): not pushed onto the undo stack. */
  | { type: 'queue:projectorStatsSet'; at: number; show: boolean };

/**
 * `by`: the moderator whose action it is (their undo may revert it), or null for a participant's own
 * action or the system. Absent on events logged before per-moderator undo (replayed as then).
 */
export type QueueEvent = QueueEventBody & { by?: string | null };

type Q = QueueState;

const withQueue = (s: MeetingState, q: Q): MeetingState => ({ ...s, queue: q });

function updateList(q: Q, itemId: string, f: (l: SpeakerList) => SpeakerList): Q {
  return { ...q, lists: { ...q.lists, [itemId]: f(q.lists[itemId] ?? emptyList(itemId, q.listDefaults)) } };
}

/** Changes a list's settings; the result becomes what the next new list starts with. */
function updateSettings(q: Q, itemId: string, f: (l: SpeakerList) => SpeakerList): Q {
  const next = updateList(q, itemId, f);
  return { ...next, listDefaults: listSettings(next.lists[itemId]!) };
}

/** Removes an entry from a list and from its manual order. */
export function dropEntry(l: SpeakerList, entryId: string): SpeakerList {
  const manualOrder = l.manualOrder?.filter((m) => m.entryId !== entryId) ?? null;
  return {
    ...l,
    entries: l.entries.filter((e) => e.id !== entryId),
    manualOrder: manualOrder && manualOrder.length ? manualOrder : null,
  };
}

/** Closes the running turn into a history record. */
function finish(cur: CurrentTurn, at: number, endReason: FinishedTurn['endReason']): FinishedTurn {
  const pauses = cur.pauses.map((p) => (p.to === null ? { ...p, to: at } : p));
  const pausedMs = cur.pausedMs + (cur.pausedAt !== null ? Math.max(0, at - cur.pausedAt) : 0);
  const durationMs = turnElapsedMs(cur, at);
  const { pausedAt: _p, ...rest } = cur;
  return { ...rest, pauses, pausedMs, endedAt: at, durationMs, overrunMs: Math.max(0, durationMs - cur.limitMs), endReason };
}

/** Ends the running turn (if any) into the history. */
export function endCurrent(q: Q, at: number, endReason: FinishedTurn['endReason']): Q {
  if (!q.current) return q;
  return { ...q, current: null, history: [...q.history, finish(q.current, at, endReason)] };
}

function entryFromTurn(t: CurrentTurn): QueueEntry {
  return {
    id: t.entryId,
    ...speakerOf(t),
    limitMs: t.limitOverridden ? t.limitMs : null,
  };
}

type Reducers = { [K in QueueEvent['type']]: (q: Q, e: Extract<QueueEvent, { type: K }>) => Q };

type NotUndoable = 'queue:undone' | 'queue:projectorStatsSet';

const queueReducers: Omit<Reducers, NotUndoable> = {
  'queue:requested': (q, e) => updateList(q, e.itemId, (l) => ({ ...l, entries: [...l.entries, e.entry] })),
  'queue:added': (q, e) => updateList(q, e.itemId, (l) => ({ ...l, entries: [...l.entries, e.entry] })),
  'queue:withdrawn': (q, e) => updateList(q, e.itemId, (l) => dropEntry(l, e.entryId)),
  'queue:removed': (q, e) => updateList(q, e.itemId, (l) => dropEntry(l, e.entryId)),
  'queue:refused': (q, e) =>
    updateList(q, e.itemId, (l) => {
      const entry = l.entries.find((x) => x.id === e.entryId);
      if (!entry) return l;
      const refusal = { entryId: entry.id, participantId: entry.participantId, name: entry.name, kind: entry.kind, reason: e.reason, at: e.at };
      return { ...dropEntry(l, e.entryId), refusals: [...l.refusals, refusal].slice(-MAX_REFUSALS) };
    }),
  'queue:turnStarted': (q, e) => {
    const entry = q.lists[e.itemId]?.entries.find((x) => x.id === e.entryId);
    if (!entry) return q;
    const ended = endCurrent(q, e.at, e.how);
    const current: CurrentTurn = {
      turnId: e.turnId,
      entryId: entry.id,
      itemId: e.itemId,
      ...speakerOf(entry),
      startedAt: e.at,
      pausedAt: null,
      pausedMs: 0,
      pauses: [],
      limitMs: e.limitMs,
      limitOverridden: entry.limitMs !== null,
    };
    return { ...updateList(ended, e.itemId, (l) => dropEntry(l, e.entryId)), current };
  },
  'queue:turnEnded': (q, e) => endCurrent(q, e.at, 'ended'),
  'queue:turnYielded': (q, e) => endCurrent(q, e.at, 'ended'),
  'queue:putBack': (q, e) => {
    if (!q.current) return q;
    const entry = entryFromTurn(q.current);
    const ended = endCurrent(q, e.at, 'put_back');
    return updateList(ended, e.itemId, (l) => ({
      ...l,
      entries: [entry, ...l.entries],
      manualOrder: [{ entryId: entry.id, reason: 'put_back' as const }, ...(l.manualOrder ?? [])],
    }));
  },
  'queue:paused': (q, e) =>
    q.current ? { ...q, current: { ...q.current, pausedAt: e.at, pauses: [...q.current.pauses, { from: e.at, to: null }] } } : q,
  'queue:resumed': (q, e) => {
    const c = q.current;
    if (!c || c.pausedAt === null) return q;
    const pauses = c.pauses.map((p) => (p.to === null ? { ...p, to: e.at } : p));
    return { ...q, current: { ...c, pausedAt: null, pausedMs: c.pausedMs + Math.max(0, e.at - c.pausedAt), pauses } };
  },
  'queue:moved': (q, e) => updateList(q, e.itemId, (l) => ({ ...l, manualOrder: e.manualOrder })),
  'queue:closed': (q, e) => updateList(q, e.itemId, (l) => ({ ...l, status: 'closed', allowPointsOfOrder: e.allowPointsOfOrder })),
  'queue:reopened': (q, e) => updateList(q, e.itemId, (l) => ({ ...l, status: 'open' })),
  'queue:cleared': (q, e) => updateList(q, e.itemId, (l) => ({ ...l, entries: [], manualOrder: null })),
  'queue:policySet': (q, e) => updateSettings(q, e.itemId, (l) => ({ ...l, policy: e.policy, manualOrder: null })),
  'queue:timeLimitSet': (q, e) => {
    const next = updateSettings(q, e.itemId, (l) => ({ ...l, limitMs: e.limitMs }));
    if (e.currentLimitMs === null || !next.current) return next;
    return { ...next, current: { ...next.current, limitMs: e.currentLimitMs } };
  },
  'queue:speakerLimitSet': (q, e) => {
    if (e.entryId === null) {
      return q.current ? { ...q, current: { ...q.current, limitMs: e.limitMs, limitOverridden: true } } : q;
    }
    const lists = Object.fromEntries(
      Object.entries(q.lists).map(([id, l]) => [
        id,
        l.entries.some((x) => x.id === e.entryId)
          ? { ...l, entries: l.entries.map((x) => (x.id === e.entryId ? { ...x, limitMs: e.limitMs } : x)) }
          : l,
      ]),
    );
    return { ...q, lists };
  },
  'queue:multipleAllowed': (q, e) => updateSettings(q, e.itemId, (l) => ({ ...l, allowMultiple: e.allow })),
};

/**
 * Wraps a reducer so a moderator's action records its inverse on the undo stack. Events without
 * `by` (logged before per-moderator undo) keep the old whole-queue record, so old logs replay alike.
 */
function undoable<E extends QueueEvent>(f: (q: Q, e: E) => Q) {
  return (s: MeetingState, e: E): MeetingState => {
    const q = s.queue;
    const next = f(q, e);
    const meta = { version: s.version + 1, at: e.at, action: e.type };
    if (e.by === undefined) {
      const legacy: UndoEntry = { ...meta, by: null, lists: [], floor: null, legacy: { lists: q.lists, current: q.current, historyLength: q.history.length } };
      return withQueue(s, { ...next, undo: pushUndo(q.undo, legacy) });
    }
    if (e.by === null) return withQueue(s, next);
    const entry = recordUndo(q, next, { ...meta, by: e.by });
    return withQueue(s, entry ? { ...next, undo: pushUndo(q.undo, entry) } : next);
  };
}

function undone(s: MeetingState, e: Extract<QueueEvent, { type: 'queue:undone' }>): MeetingState {
  const entry = s.queue.undo.find((u) => u.version === e.undoneVersion);
  return entry ? withQueue(s, applyUndo(s.queue, entry)) : s;
}

type Applies = { [K in QueueEvent['type']]: (s: MeetingState, e: Extract<QueueEvent, { type: K }>) => MeetingState };

/** The reducers of every queue event, over the whole meeting state. */
export const queueApply: Applies = {
  ...(Object.fromEntries(
    Object.entries(queueReducers).map(([k, f]) => [k, undoable(f as (q: Q, e: QueueEvent) => Q)]),
  ) as Omit<Applies, NotUndoable>),
  'queue:undone': undone,
  'queue:projectorStatsSet': (s, e) => withQueue(s, { ...s.queue, projectorStats: e.show }),
};
