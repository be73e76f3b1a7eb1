/**
 * Builders for the poll unit tests: a created meeting with registered, present participants.
 * Every change goes through `execute`, the same path as the server's single writer.
 */
import {
  SYSTEM,
  emptyMeeting,
  execute,
  type Actor,
  type Command,
  type CommandInput,
  type DomainEvent,
  type MeetingState,
  type StakeholderGroup,
  Command as CommandSchema,
} from '../../shared/domain/index.js';
import { createMeetingCommand } from './meeting-fixture.js';

export const T0 = Date.parse('2021-01-29T09:00:00Z');
export const moderator: Actor = { role: 'moderator', participantId: 'mod' };
export const as = (participantId: string): Actor => ({ role: 'participant', participantId });

/** A deterministic stand-in for the server's HMAC ballot key (the real one lives at the edge). */
export const keyOf = (pollId: string, participantId: string) => `key_${pollId}_${participantId}`.padEnd(16, 'x');

export interface World {
  state: MeetingState;
  events: DomainEvent[];
}

/** Runs a command (parsed like the edge does) and returns the result without touching the world. */
export function tryRun(w: World, input: CommandInput, actor: Actor, now = T0) {
  return execute(w.state, CommandSchema.parse(input) as Command, actor, now);
}

/** Runs a command that must succeed; records its events. */
export function run(w: World, input: CommandInput, actor: Actor = moderator, now = T0): DomainEvent[] {
  const r = tryRun(w, input, actor, now);
  if (!r.ok) throw new Error(`${input.type} refused: ${r.error.code} ${r.error.message}`);
  w.state = r.state;
  w.events.push(...r.events);
  return r.events;
}

/** A meeting with a moderator and the given participants (id → group), all present. */
export function meeting(people: Record<string, StakeholderGroup> = {}): World {
  const w: World = { state: emptyMeeting(), events: [] };
  run(w, createMeetingCommand(), SYSTEM);
  const all: Record<string, StakeholderGroup> = { mod: 'intergovernmental', ...people };
  for (const [id, group] of Object.entries(all)) {
    run(w, {
      type: 'participant:register',
      participantId: id,
      role: id === 'mod' ? 'moderator' : 'participant',
      profile: { name: `Person ${id}`, group, language: 'en' },
    }, SYSTEM);
    run(w, { type: 'participant:presence', participantId: id, present: true }, SYSTEM);
  }
  return w;
}

/** Creates a poll and returns its id. */
export function createPoll(w: World, draft: Record<string, unknown>): string {
  const [e] = run(w, { type: 'poll:create', ...draft } as CommandInput);
  if (!e || e.type !== 'poll:created') throw new Error('no poll:created');
  return e.poll.id;
}

/** A vote as the edge would send it: with the server's ballot key. */
export const vote = (pollId: string, participantId: string, choices: string[]): CommandInput => ({
  type: 'poll:vote',
  pollId,
  choices,
  ballotKey: keyOf(pollId, participantId),
});
