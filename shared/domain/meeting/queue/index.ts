/**
 * The speaking queue (one list of speakers per agenda item) and the floor: commands and the rules
 * that decide them. The model is in `queue-model.ts`, events and reducers in `queue-events.ts`, the
 * computed order in `queue-order.ts`, time and statistics in `queue-time.ts`; all re-exported here.
 * Public contract relied on by audio and views: `floorHolder(state)`.
 */
import { z } from 'zod';
import { Id, Language, StakeholderGroup, fail, ok, optionalText, text, type Actor, type Result } from '../../common.js';
import { defineConcern, newId, type Concern, type MeetingState } from '../state.js';
import { queueApply, type QueueEvent } from './events.js';
import {
  QueuePolicy,
  TurnKind,
  entryLimitMs,
  findEntry,
  listFor,
  personKey,
  projectorShowsStats,
  type QueueEntry,
} from './model.js';
import { orderedQueue, SECTION_ORDER } from './order.js';
import { latestUndoOf, undoConflict } from './undo.js';

export * from './model.js';
export * from './order.js';
export * from './time.js';
export type { QueueEvent } from './events.js';
export { latestUndoOf, undoConflict, type UndoEntry, type ListUndo, type FloorUndo } from './undo.js';

const Note = optionalText(200).default('');
const Seconds = z.number().int().min(10).max(3600);
/** Optional target item; defaults to the current agenda item. */
const ItemRef = { itemId: Id.optional() };

export const queueCommands = [
  z.object({
    type: z.literal('queue:request'),
    kind: TurnKind.default('normal'),
    note: Note,
    /** The language the speaker will speak in; defaults to their profile's language. */
    language: Language.optional(),
  }),
  z.object({ type: z.literal('queue:withdraw'), entryId: Id }),
  z.object({
    type: z.literal('queue:add'),
    ...ItemRef,
    speaker: z.union([
      z.object({ participantId: Id }),
      z.object({
        name: text(80),
        group: StakeholderGroup,
        affiliation: optionalText(120).default(''),
        inRoom: z.boolean().default(true),
      }),
    ]),
    kind: TurnKind.default('normal'),
    note: Note,
    /** The language the speaker will speak in; defaults to a participant's profile language. */
    language: Language.optional(),
  }),
  z.object({ type: z.literal('queue:next') }),
  z.object({ type: z.literal('queue:give'), entryId: Id }),
  z.object({ type: z.literal('queue:pause') }),
  z.object({ type: z.literal('queue:resume') }),
  z.object({ type: z.literal('queue:end') }),
  /** The speaker who holds the floor ends their own turn (hands the floor back). */
  z.object({ type: z.literal('queue:yield') }),
  z.object({ type: z.literal('queue:putBack') }),
  z.object({ type: z.literal('queue:remove'), entryId: Id }),
  z.object({ type: z.literal('queue:move'), entryId: Id, toIndex: z.number().int().nonnegative() }),
  z.object({ type: z.literal('queue:close'), ...ItemRef, allowPointsOfOrder: z.boolean().default(true) }),
  z.object({ type: z.literal('queue:reopen'), ...ItemRef }),
  z.object({ type: z.literal('queue:clear'), ...ItemRef }),
  /** `version`: the action the moderator means to undo (from the undo button); refused if another came since. */
  z.object({ type: z.literal('queue:undo'), version: z.number().int().positive().optional() }),
  z.object({ type: z.literal('queue:setPolicy'), ...ItemRef, policy: QueuePolicy }),
  z.object({ type: z.literal('queue:setTimeLimit'), ...ItemRef, seconds: Seconds.nullable() }),
  /** Without `entryId`: the current speaker's limit. */
  z.object({ type: z.literal('queue:setSpeakerLimit'), entryId: Id.optional(), seconds: Seconds }),
  z.object({ type: z.literal('queue:refuse'), entryId: Id, reason: optionalText(200).default('') }),
  z.object({ type: z.literal('queue:allowMultiple'), ...ItemRef, allow: z.boolean() }),
  /** Show or hide the speaking-time statistics on the projector (meeting-wide). */
  z.object({ type: z.literal('queue:setProjectorStats'), show: z.boolean() }),
] as const;

const isMod = (a: Actor) => a.role === 'moderator' || a.role === 'system';

/** The item a command targets: the given one (must exist) or the current one. */
function targetItem(s: MeetingState, itemId: string | undefined): Result<string> {
  if (itemId !== undefined) {
    if (!s.agenda.items.some((i) => i.id === itemId)) return fail('agenda.item_not_found', 'No such agenda item');
    return ok(itemId);
  }
  if (s.agenda.currentItemId === null) return fail('queue.no_current_item', 'No agenda item is current');
  return ok(s.agenda.currentItemId);
}

/** One open request per person, kind and list, unless the moderator allowed more. */
function duplicateCheck(s: MeetingState, itemId: string, who: Pick<QueueEntry, 'participantId' | 'name' | 'group' | 'kind'>) {
  const list = listFor(s, itemId);
  if (list.allowMultiple) return null;
  const key = personKey(who);
  if (list.entries.some((e) => e.kind === who.kind && personKey(e) === key)) {
    return fail('queue.already_requested', 'This person already has an open request of this kind on this list');
  }
  return null;
}

/** A reply answers the current speaker; it needs one, and not oneself. */
function replyTarget(s: MeetingState, kind: z.infer<typeof TurnKind>, participantId: string | null) {
  if (kind !== 'reply') return ok<string | null>(null);
  const cur = s.queue.current;
  if (!cur) return fail('queue.no_current_speaker', 'A reply needs someone speaking');
  if (participantId !== null && cur.participantId === participantId) return fail('queue.reply_to_self', 'You cannot reply to yourself');
  return ok<string | null>(cur.turnId);
}

type QueueDeciders = Concern<typeof queueCommands, QueueEvent>['decide'];

/**
 * Stamps every event with its author (`by`): a moderator's id makes the action theirs to undo; a
 * participant's own action (a request, a withdrawal, a hand-back) or the system's is nobody's.
 */
function authored(handlers: QueueDeciders): QueueDeciders {
  return Object.fromEntries(
    Object.entries(handlers).map(([type, h]) => [
      type,
      (s: MeetingState, c: never, a: Actor, now: number) => {
        const r = (h as (s: MeetingState, c: never, a: Actor, now: number) => Result<QueueEvent[]>)(s, c, a, now);
        if (!r.ok) return r;
        const by = a.role === 'moderator' ? a.participantId : null;
        return ok(r.value.map((e) => ({ ...e, by })));
      },
    ]),
  ) as QueueDeciders;
}

export const queueConcern = defineConcern<QueueEvent>()({
  commands: queueCommands,
  decide: authored({
    'queue:request': (s, c, a, now) => {
      const p = a.participantId ? s.participants[a.participantId] : undefined;
      if (!p) return fail('participant.not_found', 'Only registered participants may request the floor');
      if (!p.present) return fail('participant.absent', 'Only present participants may request the floor');
      const item = targetItem(s, undefined);
      if (!item.ok) return item;
      const list = listFor(s, item.value);
      if (list.status === 'closed' && !(c.kind === 'point_of_order' && list.allowPointsOfOrder)) {
        return fail('queue.closed', 'The list of speakers is closed');
      }
      const reply = replyTarget(s, c.kind, p.id);
      if (!reply.ok) return reply;
      const dup = duplicateCheck(s, item.value, { participantId: p.id, name: p.name, group: p.group, kind: c.kind });
      if (dup) return dup;
      const entry: QueueEntry = {
        id: newId(s, 'q'),
        participantId: p.id,
        name: p.name,
        group: p.group,
        affiliation: p.affiliation,
        inRoom: p.inRoom,
        kind: c.kind,
        note: c.note,
        requestedAt: now,
        replyTo: reply.value,
        limitMs: null,
        addedBy: 'self',
        language: c.language ?? p.language,
      };
      return ok([{ type: 'queue:requested', at: now, itemId: item.value, entry }]);
    },
    'queue:withdraw': (s, c, a, now) => {
      const found = findEntry(s, c.entryId);
      if (!found) return fail('queue.entry_not_found', 'No such request');
      if (!isMod(a) && found.entry.participantId !== a.participantId) {
        return fail('queue.not_your_entry', 'Only the moderator may withdraw someone else’s request');
      }
      return ok([{ type: 'queue:withdrawn', at: now, itemId: found.list.itemId, entryId: c.entryId }]);
    },
    'queue:add': (s, c, _a, now) => {
      const item = targetItem(s, c.itemId);
      if (!item.ok) return item;
      let who: Pick<QueueEntry, 'participantId' | 'name' | 'group' | 'affiliation' | 'inRoom'>;
      if ('participantId' in c.speaker) {
        const p = s.participants[c.speaker.participantId];
        if (!p) return fail('participant.not_found', 'No such participant');
        if (p.removed === true) return fail('participant.removed', 'This participant was removed from the meeting');
        who = { participantId: p.id, name: p.name, group: p.group, affiliation: p.affiliation, inRoom: p.inRoom };
      } else {
        who = { participantId: null, ...c.speaker };
      }
      const reply = replyTarget(s, c.kind, who.participantId);
      if (!reply.ok) return reply;
      const language = c.language ?? (who.participantId ? s.participants[who.participantId]?.language : undefined);
      const dup = duplicateCheck(s, item.value, { ...who, kind: c.kind });
      if (dup) return dup;
      const entry: QueueEntry = {
        id: newId(s, 'q'),
        ...who,
        kind: c.kind,
        note: c.note,
        requestedAt: now,
        replyTo: reply.value,
        limitMs: null,
        addedBy: 'moderator',
        ...(language ? { language } : {}),
      };
      return ok([{ type: 'queue:added', at: now, itemId: item.value, entry }]);
    },
    'queue:next': (s, _c, _a, now) => {
      const item = targetItem(s, undefined);
      if (!item.ok) return item;
      const next = orderedQueue(s, item.value)[0];
      if (!next) {
        if (s.queue.current) return ok([{ type: 'queue:turnEnded', at: now, turnId: s.queue.current.turnId }]);
        return fail('queue.empty', 'Nobody is waiting to speak');
      }
      const limitMs = entryLimitMs(s, item.value, next.entry);
      return ok([{ type: 'queue:turnStarted', at: now, itemId: item.value, entryId: next.entry.id, turnId: newId(s, 't'), limitMs, how: 'next' }]);
    },
    'queue:give': (s, c, _a, now) => {
      const found = findEntry(s, c.entryId);
      if (!found) return fail('queue.entry_not_found', 'No such request');
      const itemId = found.list.itemId;
      const limitMs = entryLimitMs(s, itemId, found.entry);
      return ok([{ type: 'queue:turnStarted', at: now, itemId, entryId: c.entryId, turnId: newId(s, 't'), limitMs, how: 'given' }]);
    },
    'queue:pause': (s, _c, _a, now) => {
      const cur = s.queue.current;
      if (!cur) return fail('queue.no_current_speaker', 'Nobody has the floor');
      if (cur.pausedAt !== null) return fail('queue.already_paused', 'The speaker is already paused');
      return ok([{ type: 'queue:paused', at: now, turnId: cur.turnId }]);
    },
    'queue:resume': (s, _c, _a, now) => {
      const cur = s.queue.current;
      if (!cur) return fail('queue.no_current_speaker', 'Nobody has the floor');
      if (cur.pausedAt === null) return fail('queue.not_paused', 'The speaker is not paused');
      return ok([{ type: 'queue:resumed', at: now, turnId: cur.turnId }]);
    },
    'queue:end': (s, _c, _a, now) => {
      const cur = s.queue.current;
      if (!cur) return fail('queue.no_current_speaker', 'Nobody has the floor');
      return ok([{ type: 'queue:turnEnded', at: now, turnId: cur.turnId }]);
    },
    'queue:yield': (s, _c, a, now) => {
      const cur = s.queue.current;
      if (!cur) return fail('queue.no_current_speaker', 'Nobody has the floor');
      // A floor speaker without a session (participantId null) cannot be matched by a null actor.
      if (a.participantId === null || cur.participantId !== a.participantId) {
        return fail('forbidden', 'Only the speaker who holds the floor may hand it back');
      }
      return ok([{ type: 'queue:turnYielded', at: now, turnId: cur.turnId, participantId: a.participantId }]);
    },
    'queue:putBack': (s, _c, _a, now) => {
      const cur = s.queue.current;
      if (!cur) return fail('queue.no_current_speaker', 'Nobody has the floor');
      return ok([{ type: 'queue:putBack', at: now, turnId: cur.turnId, itemId: cur.itemId }]);
    },
    'queue:remove': (s, c, _a, now) => {
      const found = findEntry(s, c.entryId);
      if (!found) return fail('queue.entry_not_found', 'No such request');
      return ok([{ type: 'queue:removed', at: now, itemId: found.list.itemId, entryId: c.entryId }]);
    },
    'queue:move': (s, c, _a, now) => {
      const found = findEntry(s, c.entryId);
      if (!found) return fail('queue.entry_not_found', 'No such request');
      const itemId = found.list.itemId;
      const ordered = orderedQueue(s, itemId);
      const from = ordered.findIndex((o) => o.entry.id === c.entryId);
      const section = ordered.filter((o) => o.entry.kind === found.entry.kind);
      const start = ordered.findIndex((o) => o.entry.kind === found.entry.kind);
      if (c.toIndex < start || c.toIndex >= start + section.length) {
        return fail('queue.invalid_position', 'An entry moves within its own kind of turn', { min: start, max: start + section.length - 1 });
      }
      if (c.toIndex === from) return ok([]);
      const mine = section.filter((o) => o.entry.id !== c.entryId).map((o) => ({ entryId: o.entry.id, reason: o.reason }));
      mine.splice(c.toIndex - start, 0, { entryId: c.entryId, reason: 'moderator_override' });
      // Keep the frozen order of the other sections; this section's order is now fully explicit.
      const others = (found.list.manualOrder ?? []).filter((m) => !section.some((o) => o.entry.id === m.entryId));
      const manualOrder = SECTION_ORDER.flatMap((k) =>
        k === found.entry.kind ? mine : others.filter((m) => found.list.entries.find((e) => e.id === m.entryId)?.kind === k),
      );
      return ok([{ type: 'queue:moved', at: now, itemId, entryId: c.entryId, toIndex: c.toIndex, manualOrder }]);
    },
    'queue:close': (s, c, _a, now) => {
      const item = targetItem(s, c.itemId);
      if (!item.ok) return item;
      const l = listFor(s, item.value);
      if (l.status === 'closed' && l.allowPointsOfOrder === c.allowPointsOfOrder) return ok([]);
      return ok([{ type: 'queue:closed', at: now, itemId: item.value, allowPointsOfOrder: c.allowPointsOfOrder }]);
    },
    'queue:reopen': (s, c, _a, now) => {
      const item = targetItem(s, c.itemId);
      if (!item.ok) return item;
      if (listFor(s, item.value).status === 'open') return ok([]);
      return ok([{ type: 'queue:reopened', at: now, itemId: item.value }]);
    },
    'queue:clear': (s, c, _a, now) => {
      const item = targetItem(s, c.itemId);
      if (!item.ok) return item;
      if (!listFor(s, item.value).entries.length) return ok([]);
      return ok([{ type: 'queue:cleared', at: now, itemId: item.value }]);
    },
    'queue:undo': (s, c, a, now) => {
      // Only the moderator's own actions: a participant's request or another moderator's change is theirs.
      const mine = latestUndoOf(s.queue, a.participantId);
      if (!mine) return fail('queue.nothing_to_undo', 'There is nothing to undo');
      if (c.version !== undefined && c.version !== mine.version) {
        return fail('conflict', 'Your last action is not the one shown; look at the list again before undoing');
      }
      const why = undoConflict(s.queue, mine);
      if (why) return fail('queue.undo_conflict', `This cannot be undone any more: ${why}`);
      return ok([{ type: 'queue:undone', at: now, undoneVersion: mine.version }]);
    },
    'queue:setPolicy': (s, c, _a, now) => {
      const item = targetItem(s, c.itemId);
      if (!item.ok) return item;
      return ok([{ type: 'queue:policySet', at: now, itemId: item.value, policy: c.policy }]);
    },
    'queue:setTimeLimit': (s, c, _a, now) => {
      const item = targetItem(s, c.itemId);
      if (!item.ok) return item;
      const limitMs = c.seconds === null ? null : c.seconds * 1000;
      const cur = s.queue.current;
      const follows = cur !== null && cur.itemId === item.value && !cur.limitOverridden;
      const currentLimitMs = follows ? (limitMs ?? s.info.speakingTimeSec * 1000) : null;
      return ok([{ type: 'queue:timeLimitSet', at: now, itemId: item.value, limitMs, currentLimitMs }]);
    },
    'queue:setSpeakerLimit': (s, c, _a, now) => {
      if (c.entryId === undefined) {
        if (!s.queue.current) return fail('queue.no_current_speaker', 'Nobody has the floor');
      } else if (!findEntry(s, c.entryId)) {
        return fail('queue.entry_not_found', 'No such request');
      }
      return ok([{ type: 'queue:speakerLimitSet', at: now, entryId: c.entryId ?? null, limitMs: c.seconds * 1000 }]);
    },
    'queue:refuse': (s, c, _a, now) => {
      const found = findEntry(s, c.entryId);
      if (!found) return fail('queue.entry_not_found', 'No such request');
      return ok([{ type: 'queue:refused', at: now, itemId: found.list.itemId, entryId: c.entryId, reason: c.reason }]);
    },
    'queue:allowMultiple': (s, c, _a, now) => {
      const item = targetItem(s, c.itemId);
      if (!item.ok) return item;
      if (listFor(s, item.value).allowMultiple === c.allow) return ok([]);
      return ok([{ type: 'queue:multipleAllowed', at: now, itemId: item.value, allow: c.allow }]);
    },
    'queue:setProjectorStats': (s, c, _a, now) => {
      if (projectorShowsStats(s.queue) === c.show) return ok([]);
      return ok([{ type: 'queue:projectorStatsSet', at: now, show: c.show }]);
    },
  }),
  apply: queueApply,
});

/** Who may speak now (audio follows this): the current speaker unless paused, or null. */
export interface FloorHolder {
  turnId: string;
  /** Null for a floor speaker added by the moderator who has no Plenary session (in-room). */
  participantId: string | null;
  name: string;
  inRoom: boolean;
  paused: boolean;
  /** The agenda item the turn belongs to (optional so hand-built holders in tests stay valid). */
  itemId?: string;
  /** The language the speaker declared (interpreters' consoles show it); absent when not stated. */
  language?: Language;
}

export function floorHolder(s: MeetingState): FloorHolder | null {
  const c = s.queue.current;
  if (!c) return null;
  return {
    turnId: c.turnId,
    participantId: c.participantId,
    name: c.name,
    inRoom: c.inRoom,
    paused: c.pausedAt !== null,
    itemId: c.itemId,
    ...(c.language ? { language: c.language } : {}),
  };
}
