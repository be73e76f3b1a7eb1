/**
 * Commands of the consultation aggregate (zod: the HTTP edge parses with these) and who may issue
 * them. Actors are not meeting roles: the public (anyone, no token), the author of one submission
 * (holder of its private edit link), the secretariat (a secretariat token) and the server itself.
 */
import { z } from 'zod';
import { Id } from '../common.js';
import {
  ActionLine,
  AttachmentMeta,
  CallKind,
  LIMITS,
  PhaseKind,
  SubmissionChanges,
  SubmissionFields,
  SubmissionStatus,
  Translatable,
} from './model.js';
import { LocalDate, LocalTime, TimeZoneId } from './time.js';

export const CONSULTATION_ROLES = ['public', 'author', 'secretariat', 'system'] as const;
export type ConsultationRole = (typeof CONSULTATION_ROLES)[number];

/** Who issues a consultation command. `submissionId` is set for `author` (the edit link's submission). */
export interface ConsultationActor {
  role: ConsultationRole;
  submissionId: string | null;
}
export const CONSULTATION_SYSTEM: ConsultationActor = { role: 'system', submissionId: null };
export const PUBLIC_ACTOR: ConsultationActor = { role: 'public', submissionId: null };

const PhaseInput = z
  .object({
    kind: PhaseKind,
    title: Translatable,
    description: Translatable.optional(),
    /** First day (host zone). */
    date: LocalDate,
    /** Last day; default `date`. */
    endDate: LocalDate.optional(),
    /** Both or neither: without them the phase lasts whole days. */
    startTime: LocalTime.optional(),
    endTime: LocalTime.optional(),
    meetingIds: z.array(Id).max(20).default([]),
  })
  .refine((p) => (p.startTime === undefined) === (p.endTime === undefined), 'give both startTime and endTime, or neither');
export type PhaseInput = z.infer<typeof PhaseInput>;

const CallInput = z.object({
  kind: CallKind,
  title: Translatable,
  description: Translatable.optional(),
  /** ISO instant from which submissions are accepted. */
  opensAt: z.iso.datetime({ offset: true }),
  deadline: LocalDate,
});

const Info = z.object({
  title: Translatable,
  description: Translatable,
  timeZone: TimeZoneId,
  refPrefix: z.string().regex(/^[A-Z0-9]{2,12}$/),
});

export const SecretariatCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('consultation:update'), changes: Info.partial() }),
  z.object({ type: z.literal('phase:add'), phaseId: Id.optional(), phase: PhaseInput }),
  z.object({ type: z.literal('phase:update'), phaseId: Id, phase: PhaseInput }),
  z.object({ type: z.literal('phase:remove'), phaseId: Id }),
  z.object({ type: z.literal('call:add'), callId: Id.optional(), call: CallInput }),
  /** Moves a call's deadline (later or earlier); recorded with a reason, shown on the public page. */
  z.object({ type: z.literal('call:extend'), callId: Id, deadline: LocalDate, reason: z.string().trim().min(1).max(LIMITS.note) }),
  z.object({ type: z.literal('theme:add'), themeId: Id.optional(), title: Translatable }),
  z.object({
    type: z.literal('submission:review'),
    submissionId: Id,
    status: SubmissionStatus.exclude(['withdrawn']),
    /** Required when status is `duplicate`. */
    duplicateOf: Id.optional(),
    note: z.string().trim().max(LIMITS.note).default(''),
  }),
  /** Replaces the submission's tags. */
  z.object({
    type: z.literal('submission:tag'),
    submissionId: Id,
    actionLines: z.array(ActionLine).max(11).default([]),
    themes: z.array(Id).max(LIMITS.themes).default([]),
  }),
  z.object({ type: z.literal('submission:publish'), submissionId: Id, published: z.boolean() }),
  /** The server checks that the meeting and item exist before deciding. */
  z.object({ type: z.literal('submission:linkAgenda'), submissionId: Id, meetingId: Id, itemId: Id, linked: z.boolean().default(true) }),
]);
export type SecretariatCommand = z.infer<typeof SecretariatCommand>;

export const AuthorCommand = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('submission:create'),
    callId: Id,
    fields: SubmissionFields,
    /** Only the server (seed, import of a submission received by post or e-mail) passes these. */
    submissionId: Id.optional(),
    receivedAt: z.iso.datetime({ offset: true }).optional(),
  }),
  z.object({ type: z.literal('submission:edit'), submissionId: Id, changes: SubmissionChanges }),
  /** Set or remove (null) the PDF; the server stores the bytes first, then issues this. */
  z.object({ type: z.literal('submission:attach'), submissionId: Id, attachment: AttachmentMeta.nullable() }),
  z.object({ type: z.literal('submission:withdraw'), submissionId: Id }),
]);
export type AuthorCommand = z.infer<typeof AuthorCommand>;

export const SystemCommand = z.object({
  type: z.literal('consultation:create'),
  consultationId: Id,
  info: Info,
});

export const ConsultationCommand = z.discriminatedUnion('type', [
  SystemCommand,
  ...SecretariatCommand.options,
  ...AuthorCommand.options,
]);
export type ConsultationCommand = z.infer<typeof ConsultationCommand>;
export type ConsultationCommandInput = z.input<typeof ConsultationCommand>;
export type ConsultationCommandType = ConsultationCommand['type'];

const S: readonly ConsultationRole[] = ['secretariat', 'system'];
/** Who may issue what (finer rules — an author only edits their own submission — live in decide). */
export const CONSULTATION_PERMISSIONS: { readonly [K in ConsultationCommandType]: readonly ConsultationRole[] } = {
  'consultation:create': ['system'],
  'consultation:update': S,
  'phase:add': S,
  'phase:update': S,
  'phase:remove': S,
  'call:add': S,
  'call:extend': S,
  'theme:add': S,
  'submission:review': S,
  'submission:tag': S,
  'submission:publish': S,
  'submission:linkAgenda': S,
  'submission:create': ['public', 'system'],
  'submission:edit': ['author'],
  'submission:attach': ['author'],
  'submission:withdraw': ['author'],
};
