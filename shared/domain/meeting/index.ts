/**
 * The meeting as a pure state machine: `decide(state, command, actor, now)` turns a command into
 * events or a typed refusal; `apply(state, event)` folds an event into the state. No I/O, no clock,
 * no randomness: time comes in as `now`, ids derive from the version (see `newId`).
 */
import { z } from 'zod';
import { fail, type Actor, type DomainError, type Result } from '../common.js';
import { meetingConcern, type MeetingEvent, type MeetingInfo } from './meeting.js';
import { actorRemoved, moderationConcern, type ModerationEvent } from './moderation.js';
import { initialPolls, pollsConcern, type PollEvent } from './polls/index.js';
import { initialQueue, queueConcern, type QueueEvent } from './queue/index.js';
import { initialInterpretation, interpretationConcern, type InterpretationEvent } from './interpretation/index.js';
import { isAllowed } from '../../roles.js';
import { STATE_FORMAT, type MeetingState } from './state.js';

export * from '../common.js';
export * from './state.js';
export * from './meeting.js';
export * from './queue/index.js';
export * from './polls/index.js';
export * from './moderation.js';
export * from './interpretation/index.js';

/** Every command a client (or the server itself) can issue, validated at the edge. */
export const Command = z.discriminatedUnion('type', [
  ...meetingConcern.commands,
  ...queueConcern.commands,
  ...pollsConcern.commands,
  ...moderationConcern.commands,
  ...interpretationConcern.commands,
]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];
/** What a caller passes before zod defaults are filled in (e.g. from a client). */
export type CommandInput = z.input<typeof Command>;

export type DomainEvent = MeetingEvent | QueueEvent | PollEvent | ModerationEvent | InterpretationEvent;
export type EventType = DomainEvent['type'];

/** An event with the version it got in the meeting's log. */
export interface VersionedEvent {
  v: number;
  event: DomainEvent;
  /**
   * The last version this event stands for, when it stands for several: the public's count of a
   * run of votes on one poll is one event for the whole run (`redactEvents`). Absent: just `v`.
   */
  through?: number;
}

const deciders = {
  ...meetingConcern.decide,
  ...queueConcern.decide,
  ...pollsConcern.decide,
  ...moderationConcern.decide,
  ...interpretationConcern.decide,
};
const reducers = {
  ...meetingConcern.apply,
  ...queueConcern.apply,
  ...pollsConcern.apply,
  ...moderationConcern.apply,
  ...interpretationConcern.apply,
};

/** The state of a meeting before its `meeting:created` event. */
export function emptyMeeting(): MeetingState {
  return {
    id: '',
    created: false,
    createdAt: 0,
    version: 0,
    stateFormat: STATE_FORMAT,
    info: {
      title: '',
      description: '',
      kind: 'virtual',
      startsAt: '1970-01-01T00:00:00Z',
      endsAt: '1970-01-01T00:00:00Z',
      timeZone: 'UTC',
      speakingTimeSec: 180,
    } satisfies MeetingInfo,
    participants: {},
    agenda: { items: [], currentItemId: null },
    queue: initialQueue(),
    polls: initialPolls(),
    invites: {},
    interpretation: initialInterpretation(),
  };
}

/**
 * Decides what a command means in the given state. Checks the role's permission first (the table in
 * `roles.ts`), then the concern's own rules. Never throws for a refused command.
 */
export function decide(state: MeetingState, command: Command, actor: Actor, now: number): Result<DomainEvent[]> {
  if (!isAllowed(actor.role, command.type)) {
    return fail('forbidden', `Role ${actor.role} may not ${command.type}`);
  }
  if (!state.created && command.type !== 'meeting:create') {
    return fail('meeting.not_created', 'The meeting does not exist yet');
  }
  // A removed participant may do nothing at all (their sockets are closed, but a command may race).
  if (actorRemoved(state, actor)) return fail('participant.removed', 'The moderator removed you from this meeting');
  const handler = deciders[command.type] as (s: MeetingState, c: Command, a: Actor, n: number) => Result<DomainEvent[]>;
  return handler(state, command, actor, now);
}

/** Folds one event into the state; the version goes up by one. */
export function apply(state: MeetingState, event: DomainEvent): MeetingState {
  const reducer = reducers[event.type] as (s: MeetingState, e: DomainEvent) => MeetingState;
  if (!reducer) throw new Error(`No reducer for event ${event.type}`);
  return { ...reducer(state, event), version: state.version + 1 };
}

/** Applies a versioned event: the state ends at its last version (`through`, when it stands for several). */
export function applyVersioned(state: MeetingState, e: VersionedEvent): MeetingState {
  const next = apply(state, e.event);
  return e.through === undefined ? next : { ...next, version: e.through };
}

/** Folds a list of events (e.g. a log replay). */
export function applyAll(state: MeetingState, events: readonly DomainEvent[]): MeetingState {
  return events.reduce(apply, state);
}

/** System commands that are due at `now` (timers expressed as timestamps in the state). */
export function dueCommands(state: MeetingState, now: number): Command[] {
  if (!state.created) return [];
  const out: Command[] = [];
  for (const c of [meetingConcern, queueConcern, pollsConcern, moderationConcern, interpretationConcern] as const) {
    const due = (c as { due?: (s: MeetingState, n: number) => unknown[] }).due;
    if (due) for (const cmd of due(state, now)) out.push(Command.parse(cmd));
  }
  return out;
}

/** Runs decide and, if accepted, apply: handy for tests and for the server's single writer. */
export function execute(
  state: MeetingState,
  command: Command,
  actor: Actor,
  now: number,
): { ok: true; state: MeetingState; events: DomainEvent[] } | { ok: false; error: DomainError } {
  const r = decide(state, command, actor, now);
  if (!r.ok) return r;
  return { ok: true, state: applyAll(state, r.value), events: r.value };
}
