import { describe, expect, it } from 'vitest';
import { SYSTEM, emptyMeeting, execute, type Actor, type MeetingState } from '../../shared/domain/index.js';

const moderator: Actor = { role: 'moderator', participantId: 'p-mod' };
const participant: Actor = { role: 'participant', participantId: 'p-x' };
const T0 = Date.parse('2021-01-29T09:00:00Z');

function created(): MeetingState {
  const r = execute(emptyMeeting(), {
    type: 'meeting:create',
    meetingId: 'm1',
    info: {
      title: 'Second meeting',
      description: '',
      kind: 'hybrid',
      startsAt: '2021-01-29T10:00:00+01:00',
      endsAt: '2021-01-29T11:00:00+01:00',
      timeZone: 'Europe/Zurich',
      speakingTimeSec: 180,
    },
  }, SYSTEM, T0);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

describe('agenda', () => {
  it('a moderator adds an item and the version moves by one', () => {
    const s = created();
    const r = execute(s, { type: 'agenda:add', title: 'Opening', description: '', plannedMinutes: 10 }, moderator, T0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.agenda.items.map((i) => i.title)).toEqual(['Opening']);
    expect(r.state.version).toBe(s.version + 1);
  });

  it('a participant may not edit the agenda', () => {
    const r = execute(created(), { type: 'agenda:add', title: 'X', description: '', plannedMinutes: 5 }, participant, T0);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
