/**
 * The consultation's HTTP contract (docs/consultation.md): every route's path, request and response
 * shapes (zod), shared by the server (which parses requests with them) and the client (which may
 * parse responses with them). Times are epoch milliseconds unless a field says ISO; host-zone wall
 * dates are YYYY-MM-DD strings.
 */
import { z } from 'zod';
import {
  ACTION_LINES,
  ActionLine,
  AttachmentMeta,
  CallKind,
  CountryCode,
  ErrorCode,
  Id,
  Language,
  PhaseKind,
  SecretariatCommand,
  StakeholderGroup,
  SubmissionChanges,
  SubmissionFields,
  SubmissionStatus,
  TranslatableView as Translatable,
  PHASE_STATUSES,
  MeetingKind,
} from './domain/index.js';

/** Route templates (Express syntax). `:cid` is a consultation id, `:sid` a submission id. */
export const CONSULTATION_ROUTES = {
  list: '/api/consultations',
  view: '/api/consultations/:cid',
  calendar: '/api/consultations/:cid/calendar.ics',
  published: '/api/consultations/:cid/submissions/published',
  create: '/api/consultations/:cid/submissions',
  own: '/api/consultations/:cid/submissions/:sid',
  withdraw: '/api/consultations/:cid/submissions/:sid/withdraw',
  attachment: '/api/consultations/:cid/submissions/:sid/attachment',
  review: '/api/consultations/:cid/review/submissions',
  command: '/api/consultations/:cid/commands',
  compilationMd: '/api/consultations/:cid/compilation.md',
  compilationCsv: '/api/consultations/:cid/compilation.csv',
  meetingSubmissions: '/api/meetings/:mid/submissions',
} as const;

/** The default consultation id the demo seeds and `/` shows. */
export const DEMO_CONSULTATION_ID = 'wsis2021';


/** Every error body: `{ ok: false, error: { code, message, params? } }` with an HTTP status (docs). */
export const ErrorResponse = z.object({
  ok: z.literal(false),
  error: z.object({ code: ErrorCode, message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

const Status = z.enum(PHASE_STATUSES);

/** A meeting of a phase, as the public page shows it. */
export const PublicMeeting = z.object({
  id: Id,
  title: z.string(),
  kind: MeetingKind,
  startsAt: z.string(), // ISO with the host offset, as the meeting stores it
  endsAt: z.string(),
  timeZone: z.string(),
  status: Status,
  /** Public registration link (an invite) while the meeting has not ended; null afterwards. */
  joinUrl: z.string().nullable(),
  /**
   * The meeting's agenda items in order, id and title only (what every participant already sees),
   * read from the meeting itself: the secretariat attaches submissions to them by title.
   */
  agenda: z.array(z.object({ id: Id, title: z.string() })),
});
export type PublicMeeting = z.infer<typeof PublicMeeting>;

export const PublicPhase = z.object({
  id: Id,
  kind: PhaseKind,
  title: Translatable,
  description: Translatable,
  date: z.string(),
  endDate: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  startsAt: z.number(),
  endsAt: z.number(),
  allDay: z.boolean(),
  status: Status,
  meetings: z.array(PublicMeeting),
});
export type PublicPhase = z.infer<typeof PublicPhase>;

export const PublicCall = z.object({
  id: Id,
  kind: CallKind,
  title: Translatable,
  description: Translatable,
  opensAt: z.number(),
  /** Last day (host zone) accepted; `closesAt` is 00:00 host time the next day. */
  deadline: z.string(),
  closesAt: z.number(),
  status: Status,
  extensions: z.array(z.object({ from: z.string(), to: z.string(), at: z.number(), reason: z.string() })),
  /** Submissions received for this call (all statuses but withdrawn). */
  received: z.number().int(),
});
export type PublicCall = z.infer<typeof PublicCall>;

/** GET view: the public page's data (no token). */
export const PublicConsultation = z.object({
  ok: z.literal(true),
  id: Id,
  version: z.number().int(),
  /** The server's clock when answering (the demo's clock may be injected): count down from it. */
  now: z.number(),
  title: Translatable,
  description: Translatable,
  timeZone: z.string(),
  phases: z.array(PublicPhase),
  calls: z.array(PublicCall),
  themes: z.array(z.object({ id: Id, title: Translatable })),
  actionLines: z.array(ActionLine),
  published: z.number().int(),
  links: z.object({ calendar: z.string(), compilationMd: z.string(), compilationCsv: z.string(), published: z.string() }),
});
export type PublicConsultation = z.infer<typeof PublicConsultation>;

/** GET list. */
export const ConsultationList = z.object({ ok: z.literal(true), consultations: z.array(z.object({ id: Id, title: Translatable })) });

/** A published submission (GET published; also the meeting route). Contact details are never public beyond name and organisation. */
export const PublicSubmission = z.object({
  id: Id,
  ref: z.string(),
  callId: Id,
  name: z.string(),
  organisation: z.string(),
  group: StakeholderGroup,
  country: CountryCode,
  language: Language,
  title: z.string(),
  text: z.string(),
  submittedAt: z.number(),
  actionLines: z.array(ActionLine),
  themes: z.array(Id),
  attachment: AttachmentMeta.extend({ url: z.string() }).nullable(),
  agendaLinks: z.array(z.object({ meetingId: Id, itemId: Id })),
});
export type PublicSubmission = z.infer<typeof PublicSubmission>;
export const PublishedList = z.object({ ok: z.literal(true), submissions: z.array(PublicSubmission) });

/** The full record (author through the edit link; secretariat). */
export const FullSubmission = PublicSubmission.extend({
  consent: z.boolean(),
  updatedAt: z.number(),
  status: SubmissionStatus,
  duplicateOf: Id.nullable(),
  reviewNote: z.string(),
  reviewedAt: z.number().nullable(),
  published: z.boolean(),
});
export type FullSubmission = z.infer<typeof FullSubmission>;

/** POST create: body. */
export const CreateSubmissionRequest = z.object({ callId: Id, fields: SubmissionFields });
export type CreateSubmissionRequest = z.input<typeof CreateSubmissionRequest>;

/** What the author gets back on create and on every own-submission route. */
export const AuthorSubmissionResponse = z.object({
  ok: z.literal(true),
  submission: FullSubmission,
  /** The private edit token (also inside editUrl): keep it; it is the only key to edit. */
  editToken: z.string(),
  /** Client path of the edit page, e.g. /c/wsis2021/edit/s12?t=… */
  editUrl: z.string(),
  /** Until when edits are accepted (the call's closesAt); reading stays possible afterwards. */
  editableUntil: z.number(),
  editable: z.boolean(),
});
export type AuthorSubmissionResponse = z.infer<typeof AuthorSubmissionResponse>;

/** PATCH own: body (any subset of the fields). */
export const EditSubmissionRequest = z.object({ changes: SubmissionChanges });

/** GET review: query filters (all optional, combined with AND). */
export const ReviewQuery = z.object({
  call: Id.optional(),
  group: StakeholderGroup.optional(),
  language: Language.optional(),
  status: SubmissionStatus.optional(),
  actionLine: ActionLine.optional(),
  theme: Id.optional(),
});
export type ReviewQuery = z.infer<typeof ReviewQuery>;
export const ReviewList = z.object({
  ok: z.literal(true),
  submissions: z.array(FullSubmission),
  /** Totals over the whole consultation (not the filter): per status, call, group, language. */
  counts: z.object({
    total: z.number().int(),
    status: z.record(z.string(), z.number().int()),
    call: z.record(z.string(), z.number().int()),
    group: z.record(z.string(), z.number().int()),
    language: z.record(z.string(), z.number().int()),
  }),
});
export type ReviewList = z.infer<typeof ReviewList>;

/** POST command: body is one SecretariatCommand; the answer carries the new version and, for submission commands, the record. */
export const CommandRequest = SecretariatCommand;
export const CommandResponse = z.object({ ok: z.literal(true), version: z.number().int(), submission: FullSubmission.optional() });

/** GET compilation.md / .csv query. `scope=accepted` needs a secretariat token; default `published`. */
export const CompilationQuery = z.object({
  lang: Language.default('en'),
  scope: z.enum(['published', 'accepted']).default('published'),
});

/** GET meeting submissions: the query and answer (published ones; all linked ones for a moderator token of the meeting). */
export const MeetingSubmissionsQuery = z.object({ item: Id.optional() });
export const MeetingSubmissions = z.object({
  ok: z.literal(true),
  consultationId: Id.nullable(),
  submissions: z.array(PublicSubmission.extend({ status: SubmissionStatus, published: z.boolean() })),
});

export { ACTION_LINES };
