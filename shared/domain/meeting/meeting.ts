/**
 * The meeting itself, its participants (with presence) and its agenda: commands, events, decide
 * handlers and reducers. Pure functions over the `MeetingState` defined in `state.ts`.
 */
import { z } from 'zod';
import {
  Id,
  Language,
  MeetingKind,
  Millis,
  Role,
  StakeholderGroup,
  fail,
  ok,
  optionalText,
  text,
} from '../common.js';
import type { AgendaItem, Participant } from './state.js';
import { defineConcern, newId, type MeetingState } from './state.js';

const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'not an IANA time zone');

export const MeetingInfo = z.object({
  title: text(200),
  description: optionalText(2000).default(''),
  kind: MeetingKind,
  /** ISO 8601 instant (with offset or Z). */
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  /** IANA zone of the host, e.g. Europe/Zurich: the meeting's times are stated in it. */
  timeZone: TimeZone,
  /** Default speaking time per turn, seconds. */
  speakingTimeSec: z.number().int().min(10).max(3600).default(180),
});
export type MeetingInfo = z.infer<typeof MeetingInfo>;

const ParticipantProfile = z.object({
  name: text(80),
  group: StakeholderGroup,
  affiliation: optionalText(120).default(''),
  language: Language,
});

export const meetingCommands = [
  z.object({ type: z.literal('meeting:create'), meetingId: Id, info: MeetingInfo }),
  z.object({ type: z.literal('meeting:update'), changes: MeetingInfo.partial() }),
  z.object({
    type: z.literal('participant:register'),
    profile: ParticipantProfile,
    role: Role.exclude(['projector', 'room']),
    inRoom: z.boolean().default(false),
    /** Only the seed or tests pass a fixed id; otherwise the domain makes one. */
    participantId: Id.optional(),
    /** Interpreters (required for them): the language of their booth, from their invite link. */
    booth: Language.optional(),
  }),
  z.object({
    type: z.literal('participant:update'),
    participantId: Id,
    changes: ParticipantProfile.partial().extend({ inRoom: z.boolean().optional() }),
  }),
  z.object({ type: z.literal('participant:presence'), participantId: Id, present: z.boolean() }),
  z.object({
    type: z.literal('agenda:add'),
    title: text(200),
    description: optionalText(2000).default(''),
    plannedMinutes: z.number().int().min(1).max(600),
    /** Position in the agenda; appended when absent. */
    index: z.number().int().nonnegative().optional(),
  }),
  z.object({
    type: z.literal('agenda:edit'),
    itemId: Id,
    changes: z.object({
      title: text(200).optional(),
      description: optionalText(2000).optional(),
      plannedMinutes: z.number().int().min(1).max(600).optional(),
    }),
  }),
  z.object({ type: z.literal('agenda:move'), itemId: Id, toIndex: z.number().int().nonnegative() }),
  z.object({ type: z.literal('agenda:remove'), itemId: Id }),
  z.object({ type: z.literal('agenda:setCurrent'), itemId: Id.nullable() }),
] as const;

export type MeetingEvent =
  | { type: 'meeting:created'; at: number; meetingId: string; info: MeetingInfo }
  | { type: 'meeting:updated'; at: number; changes: Partial<MeetingInfo> }
  | { type: 'participant:registered'; at: number; participant: Participant }
  | {
      type: 'participant:updated';
      at: number;
      participantId: string;
      changes: Partial<Pick<Participant, 'name' | 'group' | 'affiliation' | 'language' | 'inRoom'>>;
    }
  | { type: 'participant:presenceChanged'; at: number; participantId: string; present: boolean }
  | { type: 'agenda:itemAdded'; at: number; item: AgendaItem; index: number }
  | {
      type: 'agenda:itemEdited';
      at: number;
      itemId: string;
      changes: Partial<Pick<AgendaItem, 'title' | 'description' | 'plannedMinutes'>>;
    }
  | { type: 'agenda:itemMoved'; at: number; itemId: string; toIndex: number }
  | { type: 'agenda:itemRemoved'; at: number; itemId: string }
  | { type: 'agenda:currentSet'; at: number; itemId: string | null };

const findItem = (s: MeetingState, id: string) => s.agenda.items.find((i) => i.id === id);

/** Closes the running clock of the current item (if any) and starts the next one's. */
function switchCurrent(s: MeetingState, itemId: string | null, at: number): MeetingState {
  const items = s.agenda.items.map((i) => {
    if (i.id === s.agenda.currentItemId && i.activeSince !== null) {
      return { ...i, spentMs: i.spentMs + Math.max(0, at - i.activeSince), activeSince: null };
    }
    return i;
  });
  const withNew = items.map((i) => (i.id === itemId ? { ...i, activeSince: at, startedAt: i.startedAt ?? at } : i));
  return { ...s, agenda: { items: withNew, currentItemId: itemId } };
}

export const meetingConcern = defineConcern<MeetingEvent>()({
  commands: meetingCommands,
  decide: {
    'meeting:create': (s, c, _a, now) => {
      if (s.created) return fail('meeting.exists', 'The meeting already exists');
      if (Date.parse(c.info.endsAt) <= Date.parse(c.info.startsAt)) {
        return fail('meeting.invalid_schedule', 'The meeting must end after it starts');
      }
      return ok([{ type: 'meeting:created', at: now, meetingId: c.meetingId, info: c.info }]);
    },
    'meeting:update': (s, c, _a, now) => {
      const merged = { ...s.info, ...c.changes };
      if (Date.parse(merged.endsAt) <= Date.parse(merged.startsAt)) {
        return fail('meeting.invalid_schedule', 'The meeting must end after it starts');
      }
      return ok([{ type: 'meeting:updated', at: now, changes: c.changes }]);
    },
    'participant:register': (s, c, _a, now) => {
      const id = c.participantId ?? newId(s, 'p');
      if (s.participants[id]) return fail('participant.exists', 'This participant is already registered');
      if (c.role === 'interpreter' && !c.booth) return fail('booth.language_required', 'An interpreter belongs to a booth');
      const participant: Participant = {
        id,
        ...c.profile,
        role: c.role,
        inRoom: c.inRoom,
        present: false,
        joinedAt: now,
        // Only interpreters carry a booth; nobody else speaks into a booth's channel.
        ...(c.role === 'interpreter' ? { booth: c.booth } : {}),
      };
      return ok([{ type: 'participant:registered', at: now, participant }]);
    },
    'participant:update': (s, c, a, now) => {
      if (!s.participants[c.participantId]) return fail('participant.not_found', 'No such participant');
      if (a.role !== 'moderator' && a.role !== 'system' && a.participantId !== c.participantId) {
        return fail('forbidden', 'You can only change your own profile');
      }
      return ok([{ type: 'participant:updated', at: now, participantId: c.participantId, changes: c.changes }]);
    },
    'participant:presence': (s, c, _a, now) => {
      const p = s.participants[c.participantId];
      if (!p) return fail('participant.not_found', 'No such participant');
      if (p.present === c.present) return ok([]);
      // A removed participant's socket may race its disconnect: they never turn present again.
      if (c.present && p.removed === true) return ok([]);
      return ok([{ type: 'participant:presenceChanged', at: now, participantId: c.participantId, present: c.present }]);
    },
    'agenda:add': (s, c, _a, now) => {
      const index = c.index ?? s.agenda.items.length;
      if (index > s.agenda.items.length) return fail('agenda.invalid_position', 'Position is past the end of the agenda');
      const item: AgendaItem = {
        id: newId(s, 'i'),
        title: c.title,
        description: c.description,
        plannedMinutes: c.plannedMinutes,
        startedAt: null,
        activeSince: null,
        spentMs: 0,
      };
      return ok([{ type: 'agenda:itemAdded', at: now, item, index }]);
    },
    'agenda:edit': (s, c, _a, now) => {
      if (!findItem(s, c.itemId)) return fail('agenda.item_not_found', 'No such agenda item');
      return ok([{ type: 'agenda:itemEdited', at: now, itemId: c.itemId, changes: c.changes }]);
    },
    'agenda:move': (s, c, _a, now) => {
      if (!findItem(s, c.itemId)) return fail('agenda.item_not_found', 'No such agenda item');
      if (c.toIndex >= s.agenda.items.length) return fail('agenda.invalid_position', 'Position is past the end of the agenda');
      return ok([{ type: 'agenda:itemMoved', at: now, itemId: c.itemId, toIndex: c.toIndex }]);
    },
    'agenda:remove': (s, c, _a, now) => {
      if (!findItem(s, c.itemId)) return fail('agenda.item_not_found', 'No such agenda item');
      if (s.agenda.currentItemId === c.itemId) {
        return fail('agenda.item_is_current', 'The current item cannot be removed; move to another item first');
      }
      return ok([{ type: 'agenda:itemRemoved', at: now, itemId: c.itemId }]);
    },
    'agenda:setCurrent': (s, c, _a, now) => {
      if (c.itemId !== null && !findItem(s, c.itemId)) return fail('agenda.item_not_found', 'No such agenda item');
      if (s.agenda.currentItemId === c.itemId) return ok([]);
      return ok([{ type: 'agenda:currentSet', at: now, itemId: c.itemId }]);
    },
  },
  apply: {
    'meeting:created': (s, e) => ({ ...s, created: true, id: e.meetingId, info: e.info, createdAt: e.at }),
    'meeting:updated': (s, e) => ({ ...s, info: { ...s.info, ...e.changes } }),
    'participant:registered': (s, e) => ({
      ...s,
      participants: { ...s.participants, [e.participant.id]: e.participant },
    }),
    'participant:updated': (s, e) => {
      const p = s.participants[e.participantId];
      if (!p) return s;
      return { ...s, participants: { ...s.participants, [p.id]: { ...p, ...e.changes } } };
    },
    'participant:presenceChanged': (s, e) => {
      const p = s.participants[e.participantId];
      if (!p) return s;
      const attended = p.attended === true || e.present;
      return { ...s, participants: { ...s.participants, [p.id]: { ...p, present: e.present, attended } } };
    },
    'agenda:itemAdded': (s, e) => {
      const items = [...s.agenda.items];
      items.splice(e.index, 0, e.item);
      return { ...s, agenda: { ...s.agenda, items } };
    },
    'agenda:itemEdited': (s, e) => ({
      ...s,
      agenda: {
        ...s.agenda,
        items: s.agenda.items.map((i) => (i.id === e.itemId ? { ...i, ...e.changes } : i)),
      },
    }),
    'agenda:itemMoved': (s, e) => {
      const items = s.agenda.items.filter((i) => i.id !== e.itemId);
      const item = findItem(s, e.itemId);
      if (!item) return s;
      items.splice(e.toIndex, 0, item);
      return { ...s, agenda: { ...s.agenda, items } };
    },
    'agenda:itemRemoved': (s, e) => ({
      ...s,
      agenda: { ...s.agenda, items: s.agenda.items.filter((i) => i.id !== e.itemId) },
    }),
    'agenda:currentSet': (s, e) => switchCurrent(s, e.itemId, e.at),
  },
});

/** Milliseconds spent on an agenda item so far, counting the running clock of the current item. */
export function itemElapsedMs(item: AgendaItem, now: number): number {
  return item.spentMs + (item.activeSince !== null ? Math.max(0, now - item.activeSince) : 0);
}

export { Millis };
