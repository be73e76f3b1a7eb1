/** A consultation built through its own commands, for the unit tests (host zone Europe/Zurich). */
import type { z } from 'zod';
import {
  CONSULTATION_SYSTEM,
  ConsultationCommand,
  applyConsultationAll,
  decideConsultation,
  emptyConsultation,
  tr,
  SubmissionFields,
  type ConsultationActor,
  type ConsultationCommandInput,
  type ConsultationState,
  type DomainError,
} from '../../shared/domain/index.js';

export const SECRETARIAT: ConsultationActor = { role: 'secretariat', submissionId: null };
export const PUBLIC: ConsultationActor = { role: 'public', submissionId: null };
export const author = (submissionId: string): ConsultationActor => ({ role: 'author', submissionId });
export const T0 = Date.parse('2020-10-01T12:00:00Z');

/** Runs a command (parsed as the HTTP edge parses it); throws on refusal. */
export function run(s: ConsultationState, input: ConsultationCommandInput, actor: ConsultationActor = SECRETARIAT, now = T0): ConsultationState {
  const r = decideConsultation(s, ConsultationCommand.parse(input), actor, now);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return applyConsultationAll(s, r.value);
}

/** The refusal of a command (fails the test if it is accepted). */
export function refusal(s: ConsultationState, input: ConsultationCommandInput, actor: ConsultationActor = SECRETARIAT, now = T0): DomainError {
  const r = decideConsultation(s, ConsultationCommand.parse(input), actor, now);
  if (r.ok) throw new Error(`expected a refusal of ${input.type}`);
  return r.error;
}

export const FIELDS = {
  name: 'Wanjiru Kamau',
  organisation: 'Digital Inclusion Network Kenya',
  group: 'civil-society',
  country: 'ke',
  language: 'en',
  title: 'Community networks',
  text: 'Please discuss community networks.',
  consent: true,
} as const;

/** A consultation in Zurich with one thematic call open from 9 Sep 2020 15:00 until 8 Mar 2021 (host days). */
export function consultation(deadline = '2021-03-08'): ConsultationState {
  let s = run(emptyConsultation(), { type: 'consultation:create', consultationId: 'c1', info: { title: tr('en', 'Consultation'), description: tr('en', 'About'), timeZone: 'Europe/Zurich', refPrefix: 'WSIS2021' } }, CONSULTATION_SYSTEM);
  s = run(s, { type: 'call:add', callId: 'thematic', call: { kind: 'thematic', title: tr('en', 'Thematic'), opensAt: '2020-09-09T15:00:00+02:00', deadline } });
  s = run(s, { type: 'theme:add', themeId: 'inclusion', title: tr('en', 'Inclusion') });
  return s;
}

/** Adds a submission by the public at `now`; returns the state and its id. */
export function submit(s: ConsultationState, now = T0, fields: Partial<z.input<typeof SubmissionFields>> = {}): { s: ConsultationState; id: string } {
  const next = run(s, { type: 'submission:create', callId: 'thematic', fields: { ...FIELDS, ...fields } }, PUBLIC, now);
  const id = Object.keys(next.submissions).find((k) => !s.submissions[k])!;
  return { s: next, id };
}
