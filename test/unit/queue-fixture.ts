/**
 * A small meeting for the queue's unit tests: a moderator and four present participants from three
 * stakeholder groups, two agenda items with the first one current. Times are fixed epoch millis.
 */
import { expect } from 'vitest';
import {
  SYSTEM,
  emptyMeeting,
  execute,
  type Actor,
  type CommandInput,
  Command,
  type DomainEvent,
  type ErrorCode,
  type MeetingState,
  type StakeholderGroup,
} from '../../shared/domain/index.js';
import { createMeetingCommand } from './meeting-fixture.js';

export const T0 = Date.parse('2021-01-29T09:00:00Z');
export const SEC = 1000;
export const MIN = 60 * SEC;

export const mod: Actor = { role: 'moderator', participantId: 'mod' };
export const as = (participantId: string): Actor => ({ role: 'participant', participantId });

/** Runs a command (parsed as the socket edge does, so defaults apply) that must succeed; returns the new state. */
export function run(s: MeetingState, command: CommandInput, actor: Actor = mod, now = T0): MeetingState {
  const r = execute(s, Command.parse(command), actor, now);
  if (!r.ok) throw new Error(`${command.type} refused: ${r.error.code} ${r.error.message}`);
  return r.state;
}

/** Runs a command that must succeed; returns the state and the events. */
export function runE(s: MeetingState, command: CommandInput, actor: Actor = mod, now = T0): { state: MeetingState; events: DomainEvent[] } {
  const r = execute(s, Command.parse(command), actor, now);
  if (!r.ok) throw new Error(`${command.type} refused: ${r.error.code} ${r.error.message}`);
  return { state: r.state, events: r.events };
}

/** Asserts that a command is refused with the given code. */
export function refused(s: MeetingState, command: CommandInput, actor: Actor, code: ErrorCode, now = T0): void {
  const r = execute(s, Command.parse(command), actor, now);
  expect(r.ok ? 'accepted' : r.error.code).toBe(code);
}

const people: Array<[string, string, StakeholderGroup, 'moderator' | 'participant']> = [
  ['mod', 'Chair', 'intergovernmental', 'moderator'],
  ['gov1', 'Amina', 'government', 'participant'],
  ['gov2', 'Bruno', 'government', 'participant'],
  ['cs1', 'Chen', 'civil-society', 'participant'],
  ['ps1', 'Dolores', 'private-sector', 'participant'],
];

/** A created meeting with everyone registered and present and item 1 current (180 s default limit). */
export function meeting(): MeetingState {
  let s = run(emptyMeeting(), createMeetingCommand({ title: 'WSIS Forum 2021 — second consultation meeting', speakingTimeSec: 180 }), SYSTEM);
  for (const [id, name, group, role] of people) {
    s = run(s, { type: 'participant:register', participantId: id, role, profile: { name, group, language: 'en' } }, SYSTEM);
    s = run(s, { type: 'participant:presence', participantId: id, present: true }, SYSTEM);
  }
  s = run(s, { type: 'agenda:add', title: 'Thematic aspects', plannedMinutes: 30 });
  s = run(s, { type: 'agenda:add', title: 'Format innovations', plannedMinutes: 30 });
  return run(s, { type: 'agenda:setCurrent', itemId: item1(s) });
}

export const item1 = (s: MeetingState): string => s.agenda.items[0]!.id;
export const item2 = (s: MeetingState): string => s.agenda.items[1]!.id;

/** The current item's entries in call order, as participant ids (or names for floor speakers). */
export function order(s: MeetingState, orderedQueue: (s: MeetingState, i: string) => Array<{ entry: { participantId: string | null; name: string } }>): string[] {
  return orderedQueue(s, s.agenda.currentItemId!).map((o) => o.entry.participantId ?? o.entry.name);
}

/** The entry id of a participant's (first) request on the current list. */
export function entryOf(s: MeetingState, participantId: string): string {
  const e = s.queue.lists[s.agenda.currentItemId!]?.entries.find((x) => x.participantId === participantId);
  if (!e) throw new Error(`no entry for ${participantId}`);
  return e.id;
}
