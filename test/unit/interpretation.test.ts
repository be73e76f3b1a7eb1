/**
 * Interpretation booths and channel rules, on the pure domain: one interpreter on air per booth,
 * the two-step handover (and the take-over when the one on air left), relay choice without loops,
 * fallback to the floor, the speaker's declared language and the languages of each turn.
 */
import { describe, expect, it } from 'vitest';
import {
  FLOOR,
  SYSTEM,
  boothHears,
  boothOf,
  effectiveChannel,
  fallbackReason,
  languagesOnAirDuring,
  relayAllowed,
  type Actor,
  type MeetingState,
} from '../../shared/domain/index.js';
import { MIN, SEC, T0, meeting, mod, refused, run, runE } from './queue-fixture.js';

const interp = (participantId: string): Actor => ({ role: 'interpreter', participantId });
const FR1 = interp('fr1');
const FR2 = interp('fr2');
const AR1 = interp('ar1');

/** The queue fixture plus open French and Arabic booths: fr1, fr2 (French), ar1 (Arabic), all present. */
function withBooths(): MeetingState {
  let s = meeting();
  s = run(s, { type: 'booth:open', language: 'fr' });
  s = run(s, { type: 'booth:open', language: 'ar' });
  for (const [id, booth] of [['fr1', 'fr'], ['fr2', 'fr'], ['ar1', 'ar']] as const) {
    s = run(s, { type: 'participant:register', participantId: id, role: 'interpreter', booth, profile: { name: id, group: 'intergovernmental', language: booth } }, SYSTEM);
    s = run(s, { type: 'participant:presence', participantId: id, present: true }, SYSTEM);
  }
  return s;
}

describe('booths and the interpreter role', () => {
  it('registers an interpreter only with a booth, and records it', () => {
    const s = withBooths();
    expect(s.participants.fr1).toMatchObject({ role: 'interpreter', booth: 'fr' });
    refused(meeting(), { type: 'participant:register', role: 'interpreter', profile: { name: 'X', group: 'academia', language: 'fr' } }, SYSTEM, 'booth.language_required');
  });

  it('lets only interpreters of a booth act on it; participants cannot go on air', () => {
    const s = withBooths();
    refused(s, { type: 'booth:takeAir' }, { role: 'participant', participantId: 'gov1' }, 'forbidden');
    refused(s, { type: 'booth:takeAir' }, mod, 'forbidden');
    refused(s, { type: 'booth:leaveAir', language: 'ar' }, FR1, 'forbidden');
  });

  it('refuses a booth that is not open', () => {
    let s = withBooths();
    s = run(s, { type: 'booth:close', language: 'ar' });
    refused(s, { type: 'booth:takeAir' }, AR1, 'booth.not_found');
    refused(s, { type: 'booth:leaveAir', language: 'ar' }, mod, 'booth.not_found');
  });
});

describe('one interpreter on air per booth', () => {
  it('puts the first on air; a colleague pressing "on air" only asks to take over', () => {
    let s = withBooths();
    s = run(s, { type: 'booth:takeAir' }, FR1, T0);
    expect(boothOf(s, 'fr')?.onAir).toBe('fr1');
    const asked = runE(s, { type: 'booth:takeAir' }, FR2, T0 + SEC);
    expect(asked.events.map((e) => e.type)).toEqual(['booth:handoverPending']);
    expect(boothOf(asked.state, 'fr')).toMatchObject({ onAir: 'fr1', pending: { from: 'fr1', to: 'fr2', askedBy: 'to' } });
    // Booths are independent.
    s = run(asked.state, { type: 'booth:takeAir' }, AR1, T0 + 2 * SEC);
    expect([boothOf(s, 'fr')?.onAir, boothOf(s, 'ar')?.onAir]).toEqual(['fr1', 'ar1']);
  });

  it('hands over in two steps: offer, then the colleague takes air (never two on air)', () => {
    let s = run(withBooths(), { type: 'booth:takeAir' }, FR1, T0);
    s = run(s, { type: 'booth:handover', to: 'fr2' }, FR1, T0 + 30 * MIN);
    expect(boothOf(s, 'fr')).toMatchObject({ onAir: 'fr1', pending: { to: 'fr2', askedBy: 'from' } });
    const took = runE(s, { type: 'booth:takeAir' }, FR2, T0 + 30 * MIN + 2 * SEC);
    expect(took.events).toEqual([{ type: 'booth:onAir', at: T0 + 30 * MIN + 2 * SEC, language: 'fr', interpreterId: 'fr2', previous: 'fr1' }]);
    expect(boothOf(took.state, 'fr')).toMatchObject({ onAir: 'fr2', pending: null });
    // One spell ended exactly where the next began.
    expect(took.state.interpretation.log).toEqual([
      { booth: 'fr', interpreterId: 'fr1', from: T0, to: T0 + 30 * MIN + 2 * SEC },
      { booth: 'fr', interpreterId: 'fr2', from: T0 + 30 * MIN + 2 * SEC, to: null },
    ]);
  });

  it('completes at once when the colleague had asked', () => {
    let s = run(withBooths(), { type: 'booth:takeAir' }, FR1, T0);
    s = run(s, { type: 'booth:takeAir' }, FR2, T0 + MIN);
    s = run(s, { type: 'booth:handover', to: 'fr2' }, FR1, T0 + 2 * MIN);
    expect(boothOf(s, 'fr')?.onAir).toBe('fr2');
  });

  it('lets a colleague take over at once when the one on air left the meeting', () => {
    let s = run(withBooths(), { type: 'booth:takeAir' }, FR1, T0);
    s = run(s, { type: 'participant:presence', participantId: 'fr1', present: false }, SYSTEM);
    s = run(s, { type: 'booth:takeAir' }, FR2, T0 + MIN);
    expect(boothOf(s, 'fr')?.onAir).toBe('fr2');
  });

  it('refuses handovers that are not between colleagues on air', () => {
    let s = run(withBooths(), { type: 'booth:takeAir' }, FR1, T0);
    refused(s, { type: 'booth:handover', to: 'fr1' }, FR2, 'booth.not_on_air');
    refused(s, { type: 'booth:handover', to: 'ar1' }, FR1, 'booth.invalid_handover');
    refused(s, { type: 'booth:handover', to: 'gov1' }, FR1, 'booth.invalid_handover');
    refused(s, { type: 'booth:handover', to: 'fr1' }, FR1, 'booth.invalid_handover');
    s = run(s, { type: 'booth:handover', to: 'fr2' }, FR1);
    s = run(s, { type: 'booth:cancelHandover' }, FR2);
    expect(boothOf(s, 'fr')?.pending).toBeNull();
  });

  it('goes off air by the interpreter or a moderator; others cannot', () => {
    let s = run(withBooths(), { type: 'booth:takeAir' }, FR1, T0);
    refused(s, { type: 'booth:leaveAir' }, FR2, 'booth.not_on_air');
    const off = runE(s, { type: 'booth:leaveAir', language: 'fr' }, mod, T0 + MIN);
    expect(off.events).toEqual([{ type: 'booth:offAir', at: T0 + MIN, language: 'fr', interpreterId: 'fr1', by: 'mod' }]);
    s = run(off.state, { type: 'booth:takeAir' }, FR2, T0 + 2 * MIN);
    s = run(s, { type: 'booth:leaveAir' }, FR2, T0 + 3 * MIN);
    expect(boothOf(s, 'fr')?.onAir).toBeNull();
  });
});

describe('channel rules', () => {
  it('hears a booth only while it is on air and not silent, else the floor (and why)', () => {
    let s = withBooths();
    expect(effectiveChannel(s, 'fr')).toBe(FLOOR);
    expect(fallbackReason(s, 'fr')).toBe('off_air');
    s = run(s, { type: 'booth:takeAir' }, FR1);
    expect(effectiveChannel(s, 'fr')).toBe('fr');
    expect(fallbackReason(s, 'fr')).toBeNull();
    expect(effectiveChannel(s, 'fr', new Set(['fr']))).toBe(FLOOR);
    expect(fallbackReason(s, 'fr', new Set(['fr']))).toBe('silent');
    expect(effectiveChannel(s, 'zh')).toBe(FLOOR); // no such booth
    expect(effectiveChannel(s, FLOOR, new Set(['fr']))).toBe(FLOOR);
    s = run(s, { type: 'booth:leaveAir' }, FR1);
    expect(effectiveChannel(s, 'fr')).toBe(FLOOR);
  });

  it('lets a booth relay another open booth, but not itself, a closed one, or in a loop', () => {
    let s = withBooths();
    expect(relayAllowed(s, 'ar', 'fr')).toBe(true);
    expect(relayAllowed(s, 'ar', 'ar')).toBe(false);
    expect(relayAllowed(s, 'ar', 'zh')).toBe(false);
    s = run(s, { type: 'booth:setSource', source: 'fr' }, AR1);
    expect(boothOf(s, 'ar')?.source).toBe('fr');
    refused(s, { type: 'booth:setSource', source: 'ar' }, FR1, 'booth.invalid_relay');
    // The Arabic booth hears French while French is on air, the floor otherwise.
    expect(boothHears(s, 'ar')).toBe(FLOOR);
    s = run(s, { type: 'booth:takeAir' }, FR1);
    expect(boothHears(s, 'ar')).toBe('fr');
    // Closing the relayed booth sends its relays back to the floor.
    s = run(s, { type: 'booth:close', language: 'fr' });
    expect(boothOf(s, 'ar')?.source).toBe(FLOOR);
  });

  it('signals "slow down" to the chair once per 10 s, until a moderator clears it', () => {
    let s = run(withBooths(), { type: 'booth:slowDown' }, AR1, T0);
    expect(boothOf(s, 'ar')?.slowDown).toEqual({ at: T0, by: 'ar1' });
    expect(runE(s, { type: 'booth:slowDown' }, AR1, T0 + 5 * SEC).events).toEqual([]);
    s = run(s, { type: 'booth:clearSlowDown', language: 'ar' }, mod, T0 + 6 * SEC);
    expect(boothOf(s, 'ar')?.slowDown).toBeNull();
    refused(s, { type: 'booth:slowDown' }, { role: 'participant', participantId: 'gov1' }, 'forbidden');
  });
});

describe('languages of a turn', () => {
  it('keeps the declared language on the request, the turn and the floor holder; default: the profile', () => {
    let s = withBooths();
    s = run(s, { type: 'queue:request', language: 'fr' }, { role: 'participant', participantId: 'gov1' }, T0);
    s = run(s, { type: 'queue:request' }, { role: 'participant', participantId: 'gov2' }, T0);
    const entries = Object.values(s.queue.lists)[0]?.entries ?? [];
    expect(entries.map((e) => e.language)).toEqual(['fr', 'en']);
    s = run(s, { type: 'queue:next' }, mod, T0 + SEC);
    expect(s.queue.current?.language).toBe('fr');
  });

  it('lists the booths on air during a turn, for the minutes', () => {
    let s = withBooths();
    s = run(s, { type: 'queue:request', language: 'en' }, { role: 'participant', participantId: 'gov1' }, T0);
    s = run(s, { type: 'queue:next' }, mod, T0 + MIN);
    s = run(s, { type: 'booth:takeAir' }, FR1, T0 + 2 * MIN);
    s = run(s, { type: 'queue:end' }, mod, T0 + 3 * MIN);
    s = run(s, { type: 'booth:takeAir' }, AR1, T0 + 4 * MIN);
    const turn = s.queue.history[0];
    expect(turn?.language).toBe('en');
    expect(languagesOnAirDuring(s, turn!.startedAt, turn!.endedAt)).toEqual(['fr']);
    expect(languagesOnAirDuring(s, T0 + 4 * MIN, null)).toEqual(['ar', 'fr']);
  });
});

describe('minutes', () => {
  it('say the language of each turn and the booths on air during it', async () => {
    const { meetingMinutes } = await import('../../server/http/minutes.js');
    let s = withBooths();
    s = run(s, { type: 'queue:request', language: 'es' }, { role: 'participant', participantId: 'gov1' }, T0);
    s = run(s, { type: 'queue:next' }, mod, T0 + MIN);
    s = run(s, { type: 'booth:takeAir' }, FR1, T0 + 2 * MIN);
    s = run(s, { type: 'booth:takeAir' }, AR1, T0 + 2 * MIN);
    s = run(s, { type: 'queue:end' }, mod, T0 + 3 * MIN);
    const md = meetingMinutes(s, T0 + 4 * MIN);
    expect(md).toContain('| Languages |');
    expect(md).toMatch(/\| Amina \|.*\| Spanish → Arabic, French \|/);
  });
});
