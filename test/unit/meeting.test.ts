import { describe, expect, it } from 'vitest';
import {
  Command,
  SYSTEM,
  applyAll,
  decide,
  emptyMeeting,
  execute,
  itemElapsedMs,
  type Actor,
  type CommandInput,
  type DomainEvent,
  type MeetingState,
} from '../../shared/domain/index.js';
import { createMeetingCommand } from './meeting-fixture.js';

const moderator: Actor = { role: 'moderator', participantId: 'chair' };
const T0 = Date.parse('2021-01-29T09:00:00Z');

/** Parses like the socket edge does (defaults filled), then executes; throws on refusal. */
function run(s: MeetingState, input: CommandInput, actor: Actor = moderator, now = T0) {
  const r = execute(s, Command.parse(input), actor, now);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r;
}

function refusal(s: MeetingState, input: CommandInput, actor: Actor = moderator, now = T0) {
  const r = decide(s, Command.parse(input), actor, now);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

function meeting(): MeetingState {
  let s = run(emptyMeeting(), createMeetingCommand({ endsAt: '2021-01-29T11:00:00+01:00' }), SYSTEM).state;
  s = run(s, {
    type: 'participant:register',
    participantId: 'chair',
    role: 'moderator',
    profile: { name: 'Chair', group: 'intergovernmental', language: 'en' },
  }, SYSTEM).state;
  s = run(s, {
    type: 'participant:register',
    participantId: 'amina',
    role: 'participant',
    profile: { name: 'Amina', group: 'government', affiliation: 'Ministry of ICT', language: 'ar' },
  }, SYSTEM).state;
  return s;
}

const amina: Actor = { role: 'participant', participantId: 'amina' };

describe('meeting', () => {
  it('is created once, with schema defaults filled in', () => {
    const s = meeting();
    expect(s.created).toBe(true);
    expect(s.info.speakingTimeSec).toBe(180);
    expect(s.info.description).toBe('');
    expect(refusal(s, { type: 'meeting:create', meetingId: 'm1', info: { ...s.info } }, SYSTEM).code).toBe('meeting.exists');
  });

  it('refuses a schedule that ends before it starts', () => {
    expect(refusal(meeting(), { type: 'meeting:update', changes: { endsAt: '2021-01-29T08:00:00+01:00' } }).code)
      .toBe('meeting.invalid_schedule');
  });

  it('rejects an unknown time zone at the schema', () => {
    expect(Command.safeParse({ type: 'meeting:update', changes: { timeZone: 'Mars/Olympus' } }).success).toBe(false);
    expect(Command.safeParse({ type: 'meeting:update', changes: { timeZone: 'Europe/Zurich' } }).success).toBe(true);
  });

  it('refuses every command before the meeting exists', () => {
    expect(refusal(emptyMeeting(), { type: 'agenda:add', title: 'x', plannedMinutes: 5 }).code).toBe('meeting.not_created');
  });

  it('keeps system-only commands away from people', () => {
    const s = meeting();
    expect(refusal(s, { type: 'participant:presence', participantId: 'amina', present: true }).code).toBe('forbidden');
    expect(refusal(s, { type: 'participant:register', role: 'moderator', profile: { name: 'X', group: 'academia', language: 'fr' } }, amina).code).toBe('forbidden');
  });
});

describe('participants', () => {
  it('registers with an id derived from the version, deterministically', () => {
    const s = meeting();
    const a = run(s, { type: 'participant:register', role: 'participant', profile: { name: 'Li', group: 'academia', language: 'zh' } }, SYSTEM);
    const b = run(s, { type: 'participant:register', role: 'participant', profile: { name: 'Li', group: 'academia', language: 'zh' } }, SYSTEM);
    expect(a.events).toEqual(b.events);
    const ids = Object.keys(a.state.participants);
    expect(new Set(ids).size).toBe(ids.length);
    expect(a.state.participants[`p${s.version + 1}`]?.name).toBe('Li');
  });

  it('tracks presence, and a repeated presence is a no-op', () => {
    let s = meeting();
    s = run(s, { type: 'participant:presence', participantId: 'amina', present: true }, SYSTEM).state;
    expect(s.participants.amina?.present).toBe(true);
    const again = run(s, { type: 'participant:presence', participantId: 'amina', present: true }, SYSTEM);
    expect(again.events).toEqual([]);
    expect(again.state.version).toBe(s.version);
  });

  it('lets participants change their own profile only', () => {
    const s = meeting();
    const r = run(s, { type: 'participant:update', participantId: 'amina', changes: { language: 'fr' } }, amina);
    expect(r.state.participants.amina?.language).toBe('fr');
    expect(refusal(s, { type: 'participant:update', participantId: 'chair', changes: { name: 'Hacker' } }, amina).code).toBe('forbidden');
    expect(refusal(s, { type: 'participant:update', participantId: 'nobody', changes: { name: 'X' } }).code).toBe('participant.not_found');
  });
});

describe('agenda', () => {
  function withItems(): MeetingState {
    let s = meeting();
    for (const title of ['Opening', 'Thematic aspects', 'Format innovations']) {
      s = run(s, { type: 'agenda:add', title, plannedMinutes: 15 }).state;
    }
    return s;
  }
  const titles = (s: MeetingState) => s.agenda.items.map((i) => i.title);

  it('adds items at the end or at a position', () => {
    let s = withItems();
    s = run(s, { type: 'agenda:add', title: 'Welcome', plannedMinutes: 5, index: 0 }).state;
    expect(titles(s)).toEqual(['Welcome', 'Opening', 'Thematic aspects', 'Format innovations']);
    expect(refusal(s, { type: 'agenda:add', title: 'Far', plannedMinutes: 5, index: 9 }).code).toBe('agenda.invalid_position');
  });

  it('edits, moves and removes items', () => {
    let s = withItems();
    const [a, b, c] = s.agenda.items;
    s = run(s, { type: 'agenda:edit', itemId: b!.id, changes: { title: 'Thematic aspects of WSIS 2021', plannedMinutes: 20 } }).state;
    expect(s.agenda.items[1]).toMatchObject({ title: 'Thematic aspects of WSIS 2021', plannedMinutes: 20 });
    s = run(s, { type: 'agenda:move', itemId: c!.id, toIndex: 0 }).state;
    expect(s.agenda.items.map((i) => i.id)).toEqual([c!.id, a!.id, b!.id]);
    s = run(s, { type: 'agenda:remove', itemId: a!.id }).state;
    expect(s.agenda.items.map((i) => i.id)).toEqual([c!.id, b!.id]);
    expect(refusal(s, { type: 'agenda:remove', itemId: a!.id }).code).toBe('agenda.item_not_found');
    expect(refusal(s, { type: 'agenda:move', itemId: b!.id, toIndex: 2 }).code).toBe('agenda.invalid_position');
  });

  it('rejects empty titles and absurd durations at the schema', () => {
    expect(Command.safeParse({ type: 'agenda:add', title: '   ', plannedMinutes: 5 }).success).toBe(false);
    expect(Command.safeParse({ type: 'agenda:add', title: 'x', plannedMinutes: 0 }).success).toBe(false);
    expect(Command.safeParse({ type: 'agenda:add', title: 'x', plannedMinutes: 5, extra: 1 }).success).toBe(true);
  });

  it('counts elapsed time per item across switches, and refuses removing the current one', () => {
    let s = withItems();
    const [a, b] = s.agenda.items;
    s = run(s, { type: 'agenda:setCurrent', itemId: a!.id }, moderator, T0).state;
    expect(refusal(s, { type: 'agenda:remove', itemId: a!.id }).code).toBe('agenda.item_is_current');
    s = run(s, { type: 'agenda:setCurrent', itemId: b!.id }, moderator, T0 + 10 * 60_000).state;
    s = run(s, { type: 'agenda:setCurrent', itemId: a!.id }, moderator, T0 + 15 * 60_000).state;
    const itemA = s.agenda.items.find((i) => i.id === a!.id)!;
    const itemB = s.agenda.items.find((i) => i.id === b!.id)!;
    expect(itemElapsedMs(itemA, T0 + 17 * 60_000)).toBe(12 * 60_000);
    expect(itemElapsedMs(itemB, T0 + 17 * 60_000)).toBe(5 * 60_000);
    expect(itemA.startedAt).toBe(T0);
  });
});

describe('event log', () => {
  it('replaying the events yields exactly the same state', () => {
    let s = meeting();
    const log: DomainEvent[] = [];
    const steps: CommandInput[] = [
      { type: 'agenda:add', title: 'Opening', plannedMinutes: 10 },
      { type: 'agenda:add', title: 'Submissions', plannedMinutes: 20 },
    ];
    for (const c of steps) {
      const r = run(s, c);
      log.push(...r.events);
      s = r.state;
    }
    expect(applyAll(meeting(), log)).toEqual(s);
  });
});
