/**
 * The order of a list of speakers, computed (never stored) from the list, the meeting's speaking
 * history and the moderator's overrides, with the reason for every position so the moderator can see
 * why the list is in that order. Pure and deterministic: no clock (the current turn counts with its
 * limit, not its elapsed time, so the order does not drift second by second).
 */
import type { MeetingState } from '../state.js';
import {
  entryLimitMs,
  listFor,
  personKey,
  type OrderReason,
  type QueueEntry,
  type SpeakerList,
  type TurnKind,
} from './model.js';

/** One position of the ordered list. `position` is 1-based. */
export interface OrderedEntry {
  entry: QueueEntry;
  reason: OrderReason;
  position: number;
}

/** Sections in the order they are served: points of order jump the list, replies come next. */
export const SECTION_ORDER: readonly TurnKind[] = ['point_of_order', 'reply', 'normal'];

/**
 * The list of an agenda item in the order speakers will be called.
 * Within each section: the moderator's explicit order first (moves, put-backs), then the rest in the
 * section's natural order — arrival for points of order and replies, the list's policy for normal turns.
 */
export function orderedQueue(s: MeetingState, itemId: string): OrderedEntry[] {
  const list = listFor(s, itemId);
  const out: Array<{ entry: QueueEntry; reason: OrderReason }> = [];
  for (const kind of SECTION_ORDER) out.push(...orderSection(s, list, kind));
  return out.map((o, i) => ({ ...o, position: i + 1 }));
}

function orderSection(s: MeetingState, list: SpeakerList, kind: TurnKind): Array<{ entry: QueueEntry; reason: OrderReason }> {
  const entries = list.entries.filter((e) => e.kind === kind);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const head: Array<{ entry: QueueEntry; reason: OrderReason }> = [];
  for (const m of list.manualOrder ?? []) {
    const entry = byId.get(m.entryId);
    if (entry) {
      head.push({ entry, reason: m.reason });
      byId.delete(m.entryId);
    }
  }
  const rest = entries.filter((e) => byId.has(e.id));
  switch (kind) {
    case 'point_of_order':
    case 'reply':
      return [...head, ...rest.map((entry) => ({ entry, reason: kind }))];
    case 'normal':
      if (list.policy === 'fcfs') return [...head, ...rest.map((entry) => ({ entry, reason: 'fcfs' as const }))];
      return [...head, ...balanced(s, list.itemId, rest, head.map((h) => h.entry))];
    default:
      return assertNeverKind(kind);
  }
}

function assertNeverKind(k: never): never {
  throw new Error(`Unexpected kind ${String(k)}`);
}

/**
 * Balanced ordering: repeatedly call the entry whose stakeholder group has spoken least in the meeting
 * so far (finished turns, the current turn at its limit, and the turns already planned ahead of it at
 * their limits), preferring people who have not spoken yet, then arrival. Planning ahead is what
 * interleaves the groups: once a group is called, its expected time grows and another group goes next.
 */
function balanced(
  s: MeetingState,
  itemId: string,
  entries: QueueEntry[],
  ahead: QueueEntry[],
): Array<{ entry: QueueEntry; reason: OrderReason }> {
  const groupMs = new Map<string, number>();
  const spoken = new Set<string>();
  const add = (group: string, ms: number) => groupMs.set(group, (groupMs.get(group) ?? 0) + ms);
  for (const t of s.queue.history) {
    add(t.group, t.durationMs);
    spoken.add(personKey(t));
  }
  const cur = s.queue.current;
  if (cur) {
    add(cur.group, cur.limitMs);
    spoken.add(personKey(cur));
  }
  // Entries the moderator already placed ahead count as planned speech too.
  for (const e of [...ahead, ...entriesOfOtherSections(s, itemId)]) {
    add(e.group, entryLimitMs(s, itemId, e));
    spoken.add(personKey(e));
  }

  const remaining = [...entries];
  const out: Array<{ entry: QueueEntry; reason: OrderReason }> = [];
  const score = (e: QueueEntry) => [groupMs.get(e.group) ?? 0, spoken.has(personKey(e)) ? 1 : 0] as const;
  while (remaining.length) {
    let bestIdx = 0;
    for (let i = 1; i < remaining.length; i++) {
      const [g, p] = score(remaining[i]!);
      const [bg, bp] = score(remaining[bestIdx]!);
      if (g < bg || (g === bg && p < bp)) bestIdx = i;
    }
    const best = remaining[bestIdx]!;
    const earliest = remaining[0]!; // entries are in arrival order
    let reason: OrderReason = 'fcfs';
    if (best !== earliest) {
      reason = score(best)[0] < score(earliest)[0] ? 'group_less_time' : 'first_time_speaker';
    }
    out.push({ entry: best, reason });
    remaining.splice(bestIdx, 1);
    add(best.group, entryLimitMs(s, itemId, best));
    spoken.add(personKey(best));
  }
  return out;
}

/** Points of order and replies are served before normal turns, so they count as planned speech. */
function entriesOfOtherSections(s: MeetingState, itemId: string): QueueEntry[] {
  return listFor(s, itemId).entries.filter((e) => e.kind !== 'normal');
}
