/**
 * The data model of the speaking queue: lists of speakers (one per agenda item), the current turn,
 * the history of finished turns and the undo stack (its entries are defined in `undo.ts`). Plain JSON, no behaviour beyond small lookups;
 * the commands live in `queue.ts`, ordering in `queue-order.ts`, time and statistics in `queue-time.ts`.
 */
import { z } from 'zod';
import type { Language, StakeholderGroup } from '../../common.js';
import type { MeetingState } from '../state.js';
import type { UndoEntry } from './undo.js';

/** Kinds of intervention: a normal turn, a point of order (jumps the list), a reply to the current speaker. */
export const TURN_KINDS = ['normal', 'point_of_order', 'reply'] as const;
export const TurnKind = z.enum(TURN_KINDS);
export type TurnKind = z.infer<typeof TurnKind>;

/** First come first served, or balanced between stakeholder groups and first-time speakers. */
export const QUEUE_POLICIES = ['fcfs', 'balanced'] as const;
export const QueuePolicy = z.enum(QUEUE_POLICIES);
export type QueuePolicy = z.infer<typeof QueuePolicy>;

/** Why an entry sits where it does in the ordered list; shown to the moderator. */
export type OrderReason =
  | 'point_of_order'
  | 'reply'
  | 'put_back'
  | 'first_time_speaker'
  | 'group_less_time'
  | 'fcfs'
  | 'moderator_override';

/**
 * Who asked to speak and how: copied from a queue entry into the turn it becomes, so a turn still
 * says who spoke after the participant changed their profile or the entry left the list.
 * Floor speakers added by the moderator have no participant.
 */
export interface SpeakerRequest {
  participantId: string | null;
  name: string;
  group: StakeholderGroup;
  affiliation: string;
  inRoom: boolean;
  kind: TurnKind;
  note: string;
  requestedAt: number;
  /** For a reply: the turn it answers. */
  replyTo: string | null;
  addedBy: 'self' | 'moderator';
  /**
   * The language the speaker declared they will speak in (booths of that language relay or go off
   * air); absent on records from before it existed and for floor speakers added without one.
   */
  language?: Language;
}

/** The speaker fields of an entry or turn alone (a spread would carry the rest along). */
export function speakerOf(x: SpeakerRequest): SpeakerRequest {
  return {
    participantId: x.participantId,
    name: x.name,
    group: x.group,
    affiliation: x.affiliation,
    inRoom: x.inRoom,
    kind: x.kind,
    note: x.note,
    requestedAt: x.requestedAt,
    replyTo: x.replyTo,
    addedBy: x.addedBy,
    ...(x.language ? { language: x.language } : {}),
  };
}

/** One request to speak. */
export interface QueueEntry extends SpeakerRequest {
  id: string;
  /** Per-speaker time limit override, ms; null means the list's limit. */
  limitMs: number | null;
}

/** A point of order or reply the moderator refused, kept so the requester sees why. */
export interface Refusal {
  entryId: string;
  participantId: string | null;
  name: string;
  kind: TurnKind;
  reason: string;
  at: number;
}

/** The list of speakers of one agenda item. */
export interface SpeakerList {
  itemId: string;
  /** In arrival order; the displayed order is computed by `orderedQueue`. */
  entries: QueueEntry[];
  status: 'open' | 'closed';
  /** While closed, points of order may still be requested. */
  allowPointsOfOrder: boolean;
  policy: QueuePolicy;
  /** Speaking time per turn for this item, ms; null means the meeting's default. */
  limitMs: number | null;
  /** More than one open request of the same kind per person. */
  allowMultiple: boolean;
  /**
   * The moderator's explicit order (set by a move or a put-back), with the reason each entry had when
   * the order was frozen. Within each section (points of order, replies, normal) listed entries come
   * first in this order; the others follow in the section's natural order. Null: no override.
   */
  manualOrder: Array<{ entryId: string; reason: OrderReason }> | null;
  /** Most recent refusals, newest last (bounded). */
  refusals: Refusal[];
}

/** A pause of a turn; `to` is null while it lasts. */
export interface Pause {
  from: number;
  to: number | null;
}

/** The turn in progress. `turnId`, `participantId`, `name`, `inRoom`, `pausedAt` are read by audio. */
export interface CurrentTurn extends SpeakerRequest {
  turnId: string;
  entryId: string;
  itemId: string;
  startedAt: number;
  pausedAt: number | null;
  /** Total of finished pauses, ms. */
  pausedMs: number;
  pauses: Pause[];
  limitMs: number;
  /** The moderator set this speaker's limit: item limit changes no longer apply to it. */
  limitOverridden: boolean;
}

/** A finished turn, as kept in the history (and exported as CSV). */
export interface FinishedTurn extends Omit<CurrentTurn, 'pausedAt'> {
  endedAt: number;
  /** Speaking time without pauses, ms. */
  durationMs: number;
  /** Time spoken beyond the limit, ms (0 if none). */
  overrunMs: number;
  /** `removed`: the moderator removed the speaker from the meeting (`participant:remove`). */
  endReason: 'ended' | 'next' | 'given' | 'put_back' | 'removed';
}

/** The settings of a list that carry over to the next item's list. */
export type ListSettings = Pick<SpeakerList, 'policy' | 'limitMs' | 'allowMultiple'>;

export interface QueueState {
  lists: Record<string, SpeakerList>;
  /** Who holds the floor now, or null; at most one meeting-wide. */
  current: CurrentTurn | null;
  history: FinishedTurn[];
  /** Moderators' undoable actions (inverses, see undo.ts), newest last; at most `UNDO_DEPTH` per moderator. */
  undo: UndoEntry[];
  /**
   * The settings a list starts with: the ordering, time limit and repeat setting the moderator last
   * chose on any list, so the next item's list carries them over. Absent: the built-in defaults.
   */
  listDefaults?: ListSettings;
  /**
   * The projector shows the speaking time by group (`queue:setProjectorStats`). A display setting,
   * not a queue change: never undone. Absent (states from before the setting) means shown.
   */
  projectorStats?: boolean;
}

export const UNDO_DEPTH = 20;

/** Whether the projector shows speaking-time statistics (shown unless the moderator hid them). */
export const projectorShowsStats = (q: QueueState): boolean => q.projectorStats !== false;
export const MAX_REFUSALS = 20;

export const initialQueue = (): QueueState => ({ lists: {}, current: null, history: [], undo: [] });

/**
 * A list for an item nobody has touched yet: open and empty, with the settings last chosen
 * (`QueueState.listDefaults`) or the built-in ones (first come first served, the meeting's limit).
 */
export const emptyList = (itemId: string, defaults?: ListSettings): SpeakerList => ({
  itemId,
  entries: [],
  status: 'open',
  allowPointsOfOrder: true,
  policy: defaults?.policy ?? 'fcfs',
  limitMs: defaults?.limitMs ?? null,
  allowMultiple: defaults?.allowMultiple ?? false,
  manualOrder: null,
  refusals: [],
});

/** The list of an agenda item, existing or new (with the settings that carry over). */
export function listFor(s: MeetingState, itemId: string): SpeakerList {
  return s.queue.lists[itemId] ?? emptyList(itemId, s.queue.listDefaults);
}

/** The settings of a list, as the next list inherits them. */
export const listSettings = (l: SpeakerList): ListSettings => ({ policy: l.policy, limitMs: l.limitMs, allowMultiple: l.allowMultiple });

/** The list of the current agenda item (the active list), or null when no item is current. */
export function activeList(s: MeetingState): SpeakerList | null {
  const id = s.agenda.currentItemId;
  return id === null ? null : listFor(s, id);
}

/** Effective speaking time per turn for an item, ms. */
export function itemLimitMs(s: MeetingState, itemId: string): number {
  return listFor(s, itemId).limitMs ?? s.info.speakingTimeSec * 1000;
}

/** Effective limit for an entry, ms. */
export function entryLimitMs(s: MeetingState, itemId: string, e: QueueEntry): number {
  return e.limitMs ?? itemLimitMs(s, itemId);
}

/** A stable key for a person: the participant, or the floor speaker's name and group. */
export function personKey(x: { participantId: string | null; name: string; group: string }): string {
  return x.participantId ?? `floor:${x.group}:${x.name.toLowerCase()}`;
}

/** Finds an entry in any list. */
export function findEntry(s: MeetingState, entryId: string): { list: SpeakerList; entry: QueueEntry } | null {
  for (const list of Object.values(s.queue.lists)) {
    const entry = list.entries.find((e) => e.id === entryId);
    if (entry) return { list, entry };
  }
  return null;
}
