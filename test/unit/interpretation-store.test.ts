/**
 * What the interpreter console and the chair's overview show, derived by the interpretation store
 * (client/stores/interpretation.ts) from a real meeting state built with domain commands: my booth,
 * who is on air, my partner, each side of a handover, the slow-down signals and the speaker's language.
 */
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM, type Actor, type MeetingState } from '../../shared/domain/index.js';
import { useInterpretationStore } from '../../client/stores/interpretation.js';
import { useMeetingStore } from '../../client/stores/meeting.js';
import { SEC, T0, meeting, mod, run } from './queue-fixture.js';

const interp = (participantId: string): Actor => ({ role: 'interpreter', participantId });

/** Open Spanish and French booths; es1, es2 (Spanish) and fr1 (French), all present. */
function withBooths(): MeetingState {
  let s = meeting();
  s = run(s, { type: 'booth:open', language: 'es' });
  s = run(s, { type: 'booth:open', language: 'fr' });
  for (const [id, booth, name] of [['es1', 'es', 'Lucía'], ['es2', 'es', 'Amira'], ['fr1', 'fr', 'Camille']] as const) {
    s = run(s, { type: 'participant:register', participantId: id, role: 'interpreter', booth, profile: { name, group: 'intergovernmental', language: booth } }, SYSTEM);
    s = run(s, { type: 'participant:presence', participantId: id, present: true }, SYSTEM);
  }
  return s;
}

/** The stores as the page of `participantId` (an interpreter) sees `state`. */
function as(participantId: string, state: MeetingState) {
  const m = useMeetingStore();
  m.state = state;
  m.me = { meetingId: 'm', role: state.participants[participantId]?.role ?? 'moderator', participantId };
  return useInterpretationStore();
}

beforeEach(() => setActivePinia(createPinia()));

describe('interpretation store', () => {
  it('knows my booth, my partner and that nobody is on air yet', () => {
    const b = as('es1', withBooths());
    expect(b.myBooth).toBe('es');
    expect(b.partner?.name).toBe('Amira');
    expect(b.iAmOnAir).toBe(false);
    expect(b.onAirName).toBeNull();
    expect(b.booths.map((r) => [r.language, r.onAirName, r.interpreters.length])).toEqual([['fr', null, 1], ['es', null, 2]]);
  });

  it('follows on air, and each side of a handover the colleague asked for', () => {
    let s = run(withBooths(), { type: 'booth:takeAir' }, interp('es1'));
    expect(as('es1', s).iAmOnAir).toBe(true);
    expect(as('es2', s).onAirName).toBe('Lucía');
    s = run(s, { type: 'booth:takeAir' }, interp('es2')); // es2 asks to take over
    expect(as('es1', s).handover).toEqual({ kind: 'askedOfMe', other: 'Amira' });
    expect(as('es2', s).handover).toEqual({ kind: 'iAsked', other: 'Lucía' });
    expect(as('fr1', s).handover).toBeNull();
    s = run(s, { type: 'booth:handover', to: 'es2' }, interp('es1')); // es1 accepts
    expect(as('es2', s).iAmOnAir).toBe(true);
    expect(as('es1', s).handover).toBeNull();
  });

  it('shows an offer to the colleague as theirs to take', () => {
    let s = run(withBooths(), { type: 'booth:takeAir' }, interp('es1'));
    s = run(s, { type: 'booth:handover', to: 'es2' }, interp('es1'));
    expect(as('es1', s).handover).toEqual({ kind: 'iOffered', other: 'Amira' });
    expect(as('es2', s).handover).toEqual({ kind: 'offeredToMe', other: 'Lucía' });
  });

  it('lists slow-down signals newest first until cleared', () => {
    let s = run(withBooths(), { type: 'booth:slowDown' }, interp('fr1'));
    s = run(s, { type: 'booth:slowDown' }, interp('es2'), T0 + 5 * SEC);
    const chair = as('es1', s);
    expect(chair.slowDowns.map((x) => x.language)).toEqual(['es', 'fr']);
    s = run(s, { type: 'booth:clearSlowDown', language: 'es' }, mod);
    expect(as('es1', s).slowDowns.map((x) => x.language)).toEqual(['fr']);
  });

  it('has no booth for a page that is not an interpreter', () => {
    const s = withBooths();
    const m = useMeetingStore();
    m.state = s;
    m.me = { meetingId: 'm', role: 'moderator', participantId: null };
    const b = useInterpretationStore();
    expect(b.myBooth).toBeNull();
    expect(b.partner).toBeNull();
    expect(b.booths).toHaveLength(2);
  });
});
