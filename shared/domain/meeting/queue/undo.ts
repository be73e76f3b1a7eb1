/**
 * Undo of the speaking queue: each moderator undoes their own actions, newest first.
 *
 * An entry is the inverse of one action, as small as the change it made (not a copy of the queue):
 * per list it touched, the entries it took off (to put back), the ids it put on (to take off), the
 * entries it changed in place (their previous form) and the settings it changed (their previous
 * values); for the floor, the turn before and the turn it left. Undoing applies that inverse to the
 * queue as it is now, so what others did in between — a participant's request, another moderator's
 * change on another list — is kept. When the inverse no longer fits (the floor moved on or its turn
 * was paused or re-timed, a setting it changed was changed again, an entry it added has gone, the
 * person asked again meanwhile) the undo is refused with `queue.undo_conflict` rather than destroy
 * the later work.
 *
 * Events from before per-moderator undo carry no `by`: they keep the old whole-queue record
 * (`legacy`) so replaying an old log gives the state it gave then.
 */
import type { CurrentTurn, ListSettings as CarriedSettings, QueueEntry, QueueState, SpeakerList } from './model.js';
import { UNDO_DEPTH, emptyList } from './model.js';

/** List settings an action may change (entries are handled one by one). */
const SETTINGS = ['status', 'allowPointsOfOrder', 'policy', 'limitMs', 'allowMultiple', 'manualOrder'] as const;
type ListSettings = Pick<SpeakerList, (typeof SETTINGS)[number]>;

/** The inverse of an action on one list. */
export interface ListUndo {
  itemId: string;
  /** Entries the action took off the list, each with the id of the entry it followed (null: first): put back there. */
  removed: Array<{ entry: QueueEntry; after: string | null }>;
  /** Ids of entries the action put on the list: taken off again. */
  added: string[];
  /** Entries the action changed in place (a speaker's limit): their previous form. */
  changed: QueueEntry[];
  /** The previous value of each setting the action changed. */
  settings: Partial<ListSettings>;
  /** The value it set (checked before undoing: another moderator may have changed it since). */
  settingsAfter: Partial<ListSettings>;
  /** Entry ids whose refusal the action recorded: the refusal goes again. */
  refusals: string[];
}

/** The inverse of an action on the floor. */
export interface FloorUndo {
  /** The turn before the action (null: nobody had the floor). */
  before: CurrentTurn | null;
  /** The turn the action left on the floor; the undo is refused once the floor moved on from it. */
  afterTurnId: string | null;
  /** That turn's state (`turnKey`): a later pause, resume or new limit by anyone else also refuses it. */
  afterKey: string | null;
  /** History length before the action (a turn the action ended leaves the history again). */
  historyLength: number;
}

/** One undoable action. */
export interface UndoEntry {
  /** Version of the event that made the change this entry undoes. */
  version: number;
  at: number;
  /** Event type of that change, to label the undo button. */
  action: string;
  /** The moderator who did it: only they may undo it. Null on legacy entries. */
  by: string | null;
  lists: ListUndo[];
  floor: FloorUndo | null;
  /** The settings new lists started with before the action, when it changed them (a setting undone no longer carries over). */
  listDefaults?: { before: CarriedSettings | undefined };
  /** Legacy (events without `by`): the whole queue before, restored as it was. */
  legacy?: { lists: Record<string, SpeakerList>; current: CurrentTurn | null; historyLength: number };
}

/** What a list undo needs to compare two lists: entries by id. */
function diffList(itemId: string, before: SpeakerList, after: SpeakerList): ListUndo | null {
  const afterById = new Map(after.entries.map((e) => [e.id, e]));
  const beforeIds = new Set(before.entries.map((e) => e.id));
  const removed = before.entries.flatMap((entry, i) =>
    afterById.has(entry.id) ? [] : [{ entry, after: i > 0 ? before.entries[i - 1]!.id : null }],
  );
  const added = after.entries.filter((e) => !beforeIds.has(e.id)).map((e) => e.id);
  const changed = before.entries.filter((e) => afterById.has(e.id) && afterById.get(e.id) !== e);
  const settings: Partial<ListSettings> = {};
  const settingsAfter: Partial<ListSettings> = {};
  for (const k of SETTINGS) {
    if (before[k] === after[k]) continue;
    (settings as Record<string, unknown>)[k] = before[k];
    (settingsAfter as Record<string, unknown>)[k] = after[k];
  }
  const oldRefusals = new Set(before.refusals);
  const refusals = after.refusals.filter((r) => !oldRefusals.has(r)).map((r) => r.entryId);
  if (!removed.length && !added.length && !changed.length && !Object.keys(settings).length && !refusals.length) return null;
  return { itemId, removed, added, changed, settings, settingsAfter, refusals };
}

/** What identifies a turn's state for undo: who, and its pause and limit (null: nobody speaks). */
export function turnKey(t: CurrentTurn | null): string | null {
  return t ? `${t.turnId}|${t.pausedAt ?? ''}|${t.pauses.length}|${t.limitMs}|${t.limitOverridden}` : null;
}

/**
 * The undo entry of one action: what changed from `before` to `after`, found by reference (the
 * reducers never mutate, so an untouched list or turn is the very same object). Null: nothing to undo.
 */
export function recordUndo(before: QueueState, after: QueueState, meta: { version: number; at: number; action: string; by: string }): UndoEntry | null {
  const lists: ListUndo[] = [];
  for (const [itemId, l] of Object.entries(after.lists)) {
    const prev = before.lists[itemId];
    if (prev === l) continue;
    const d = diffList(itemId, prev ?? emptyList(itemId, before.listDefaults), l);
    if (d) lists.push(d);
  }
  const floorChanged = before.current !== after.current || before.history.length !== after.history.length;
  const floor = floorChanged
    ? { before: before.current, afterTurnId: after.current?.turnId ?? null, afterKey: turnKey(after.current), historyLength: before.history.length }
    : null;
  if (!lists.length && !floor) return null;
  const defaults = before.listDefaults !== after.listDefaults ? { listDefaults: { before: before.listDefaults } } : {};
  return { ...meta, lists, floor, ...defaults };
}

/** Pushes an entry, keeping at most UNDO_DEPTH per moderator (their oldest go first). */
export function pushUndo(stack: UndoEntry[], entry: UndoEntry): UndoEntry[] {
  const next = [...stack, entry];
  const mine = next.filter((u) => u.by === entry.by);
  if (mine.length <= UNDO_DEPTH) return next;
  const drop = new Set(mine.slice(0, mine.length - UNDO_DEPTH));
  return next.filter((u) => !drop.has(u));
}

/** The newest action of this moderator that an undo would revert (null: none). */
export function latestUndoOf(q: QueueState, by: string | null): UndoEntry | null {
  for (let i = q.undo.length - 1; i >= 0; i--) if (q.undo[i]!.by === by) return q.undo[i]!;
  return null;
}

const personKey = (x: { participantId: string | null; name: string; group: string }) =>
  x.participantId ?? `floor:${x.group}:${x.name.toLowerCase()}`;

/** Why the inverse no longer fits the queue as it is now, or null when the undo may go ahead. */
export function undoConflict(q: QueueState, u: UndoEntry): string | null {
  if (u.legacy) return null;
  if (u.floor && (q.current?.turnId ?? null) !== u.floor.afterTurnId) return 'the floor changed since';
  if (u.floor && u.floor.afterKey !== undefined && turnKey(q.current) !== u.floor.afterKey) return 'the turn changed since';
  for (const d of u.lists) {
    const l = q.lists[d.itemId] ?? emptyList(d.itemId, q.listDefaults);
    // The explicit order is merged instead (entries that left since drop out of it).
    for (const k of SETTINGS) {
      if (k === 'manualOrder' || !(k in (d.settingsAfter ?? {}))) continue;
      if (JSON.stringify(l[k]) !== JSON.stringify(d.settingsAfter[k])) return 'the list settings changed since';
    }
    if (d.added.some((id) => !l.entries.some((e) => e.id === id))) return 'a request it added has left the list since';
    if (!(d.settings.allowMultiple ?? l.allowMultiple)) {
      for (const { entry: e } of d.removed) {
        if (l.entries.some((x) => x.kind === e.kind && personKey(x) === personKey(e))) return 'the person asked again since';
      }
    }
  }
  return null;
}

/**
 * Entries put back where they were: after the entry they followed (the list keeps arrival order; the
 * call order is computed from it). Oldest first, so a run of removed entries re-forms in order; if
 * the one it followed is gone too, by request time.
 */
function putBack(entries: QueueEntry[], back: ListUndo['removed']): QueueEntry[] {
  const out = [...entries];
  for (const { entry, after } of back) {
    if (out.some((e) => e.id === entry.id)) continue;
    let at = after === null ? 0 : out.findIndex((e) => e.id === after) + 1;
    if (after !== null && at === 0) {
      const later = out.findIndex((e) => e.requestedAt > entry.requestedAt);
      at = later < 0 ? out.length : later;
    }
    out.splice(at, 0, entry);
  }
  return out;
}

function invertList(l: SpeakerList, d: ListUndo): SpeakerList {
  const added = new Set(d.added);
  const changed = new Map(d.changed.map((e) => [e.id, e]));
  const entries = putBack(l.entries.filter((e) => !added.has(e.id)).map((e) => changed.get(e.id) ?? e), d.removed);
  const present = new Set(entries.map((e) => e.id));
  const next: SpeakerList = { ...l, ...d.settings, entries };
  // An order restored (or kept) never names an entry that is not on the list.
  const manualOrder = next.manualOrder?.filter((m) => present.has(m.entryId)) ?? null;
  const refusals = d.refusals.length ? l.refusals.filter((r) => !d.refusals.includes(r.entryId)) : l.refusals;
  return { ...next, manualOrder: manualOrder && manualOrder.length ? manualOrder : null, refusals };
}

/** The queue with one action undone (the entry leaves the stack). Lenient: parts that no longer apply are skipped. */
export function applyUndo(q: QueueState, u: UndoEntry): QueueState {
  const undo = q.undo.filter((x) => x !== u);
  if (u.legacy) return { ...q, lists: u.legacy.lists, current: u.legacy.current, history: q.history.slice(0, u.legacy.historyLength), undo };
  const lists = { ...q.lists };
  for (const d of u.lists) lists[d.itemId] = invertList(lists[d.itemId] ?? emptyList(d.itemId, q.listDefaults), d);
  let { current, history } = q;
  if (u.floor) {
    current = u.floor.before;
    history = q.history.slice(0, u.floor.historyLength);
  }
  const listDefaults = u.listDefaults ? u.listDefaults.before : q.listDefaults;
  return { ...q, lists, current, history, undo, listDefaults };
}
