/**
 * The `meeting:create` command the unit-test worlds start from: meeting m1, hybrid, 29 January 2021
 * 10:00–12:00 in Zurich. A test overrides only what it is about.
 */
import type { CommandInput } from '../../shared/domain/index.js';

type CreateMeeting = Extract<CommandInput, { type: 'meeting:create' }>;

/** `meeting:create` for m1 with the default schedule, `info` overriding single fields. */
export function createMeetingCommand(info: Partial<CreateMeeting['info']> = {}): CreateMeeting {
  return {
    type: 'meeting:create',
    meetingId: 'm1',
    info: {
      title: 'Second meeting of the open consultation',
      kind: 'hybrid',
      startsAt: '2021-01-29T10:00:00+01:00',
      endsAt: '2021-01-29T12:00:00+01:00',
      timeZone: 'Europe/Zurich',
      ...info,
    },
  };
}
