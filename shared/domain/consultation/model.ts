/**
 * The consultation's vocabulary and state: translatable texts, phases, calls for input, themes,
 * submissions and their review. Plain JSON (what the log rebuilds and the public API returns).
 */
import { z } from 'zod';
import { LANGUAGES, Language, StakeholderGroup, type Language as Lang } from '../common.js';
import type { PhaseStatus } from './time.js';

/** Kinds of phase on the timeline. */
export const PHASE_KINDS = ['opening', 'meeting', 'deadline', 'briefing'] as const;
export const PhaseKind = z.enum(PHASE_KINDS);
export type PhaseKind = z.infer<typeof PhaseKind>;

/** The calls a consultation may open (the four of the WSIS Forum consultation). */
export const CALL_KINDS = ['thematic', 'format', 'hlt-nomination', 'regional-input'] as const;
export const CallKind = z.enum(CALL_KINDS);
export type CallKind = z.infer<typeof CallKind>;

/** The eleven WSIS Action Lines (Geneva Plan of Action), used to tag submissions. */
export const ACTION_LINES = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11'] as const;
export const ActionLine = z.enum(ACTION_LINES);
export type ActionLine = z.infer<typeof ActionLine>;

/** Review status of a submission. `received` until the secretariat decides; `withdrawn` by its author. */
export const SUBMISSION_STATUSES = ['received', 'accepted', 'declined', 'duplicate', 'withdrawn'] as const;
export const SubmissionStatus = z.enum(SUBMISSION_STATUSES);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/** Limits (also enforced by the zod schemas below; the client shows them). */
export const LIMITS = {
  title: 200,
  text: 20_000,
  name: 120,
  organisation: 200,
  /** Attachment size, bytes (5 MB). */
  attachmentBytes: 5 * 1024 * 1024,
  attachmentName: 120,
  note: 1000,
  themes: 8,
} as const;

/**
 * A text written in one language (`original`) with optional translations. Readers get their
 * language when present, else the original (see `translated`).
 */
export const Translatable = z
  .object({
    original: Language,
    text: z.partialRecord(Language, z.string().trim().max(LIMITS.text)),
  })
  .refine((t) => (t.text[t.original] ?? '').length > 0, 'the original language needs a text');
export type Translatable = z.infer<typeof Translatable>;
/** A Translatable as the API sends it: an optional text (a call's description) may be empty. */
export const TranslatableView = z.object({ original: Language, text: z.partialRecord(Language, z.string()) });

/** A Translatable with only the original text. */
export const tr = (original: Lang, value: string): Translatable => ({ original, text: { [original]: value } });

/** The text for a reader of `lang`, falling back to the original; `fallback` says which one it is. */
export function translated(t: Translatable, lang: Lang): { text: string; lang: Lang; fallback: boolean } {
  const mine = t.text[lang];
  if (mine && mine.length > 0) return { text: mine, lang, fallback: false };
  return { text: t.text[t.original] ?? '', lang: t.original, fallback: lang !== t.original };
}

/** The languages a Translatable has a text in. */
export const translatedInto = (t: Translatable): Lang[] => LANGUAGES.filter((l) => (t.text[l] ?? '').length > 0);

/** ISO 3166-1 alpha-2 country code (upper case), or "ZZ" for none / international. */
export const CountryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'expected a two-letter country code');

export interface Phase {
  id: string;
  kind: PhaseKind;
  title: Translatable;
  description: Translatable;
  /** Host-zone wall time as entered: first day, last day, and times (absent: all day). */
  date: string;
  endDate: string;
  startTime: string | null;
  endTime: string | null;
  /** Instants computed from the wall time in the consultation's zone (epoch ms). */
  startsAt: number;
  endsAt: number;
  allDay: boolean;
  /** Meetings (MeetingState ids) that belong to this phase. */
  meetingIds: string[];
}

export interface Call {
  id: string;
  kind: CallKind;
  title: Translatable;
  description: Translatable;
  opensAt: number;
  /** Last day (host zone) on which submissions are accepted. */
  deadline: string;
  /** 00:00:00 host time the day after `deadline` (epoch ms): the first refused instant. */
  closesAt: number;
  /** Earlier deadlines, when the secretariat extended this one (newest last). */
  extensions: Array<{ from: string; to: string; at: number; reason: string }>;
}

export interface Theme {
  id: string;
  title: Translatable;
}

/** An uploaded PDF: metadata only; the bytes live in the attachment store (docs/consultation.md). */
export const AttachmentMeta = z.object({
  /** The file name shown to readers (sanitised by the server). */
  name: z.string().trim().min(1).max(LIMITS.attachmentName),
  size: z.number().int().positive().max(LIMITS.attachmentBytes),
  /** Hex SHA-256 of the bytes: also the file's name in the store. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

/** What a submitter fills in (create; every field but callId may be edited until the deadline). */
export const SubmissionFields = z.object({
  name: z.string().trim().min(1).max(LIMITS.name),
  organisation: z.string().trim().max(LIMITS.organisation).default(''),
  group: StakeholderGroup,
  country: CountryCode,
  language: Language,
  title: z.string().trim().min(1).max(LIMITS.title),
  text: z.string().trim().min(1).max(LIMITS.text),
  /** The author agrees that the submission (name, organisation, text, attachment) may be published. */
  consent: z.boolean(),
});
export type SubmissionFields = z.infer<typeof SubmissionFields>;
/** What an author may change: any subset of the fields, none defaulted (an absent field stays as it was). */
export const SubmissionChanges = SubmissionFields.extend({ organisation: z.string().trim().max(LIMITS.organisation) }).partial();
export type SubmissionChanges = z.infer<typeof SubmissionChanges>;

export interface AgendaLink {
  meetingId: string;
  itemId: string;
}

export interface Submission extends SubmissionFields {
  id: string;
  /** Human reference, e.g. WSIS2021-0007: shown to the author and used in correspondence. */
  ref: string;
  callId: string;
  submittedAt: number;
  updatedAt: number;
  attachment: AttachmentMeta | null;
  status: SubmissionStatus;
  /** When `duplicate`: the submission this one repeats. */
  duplicateOf: string | null;
  reviewNote: string;
  reviewedAt: number | null;
  actionLines: ActionLine[];
  themes: string[];
  published: boolean;
  agendaLinks: AgendaLink[];
}

export interface ConsultationInfo {
  title: Translatable;
  description: Translatable;
  /** Host zone: phases and deadlines are stated on its clocks. */
  timeZone: string;
  /** Prefix of reference numbers, e.g. WSIS2021. */
  refPrefix: string;
}

export interface ConsultationState {
  id: string;
  created: boolean;
  createdAt: number;
  /** Number of events applied. */
  version: number;
  info: ConsultationInfo;
  /** Ordered by start. */
  phases: Phase[];
  calls: Call[];
  themes: Theme[];
  submissions: Record<string, Submission>;
  /** Submissions ever created (reference numbers count up from it). */
  submissionCount: number;
}

export type { PhaseStatus };

/** A new, empty consultation (before `consultation:create`). */
export const emptyConsultation = (): ConsultationState => ({
  id: '',
  created: false,
  createdAt: 0,
  version: 0,
  info: { title: tr('en', '-'), description: tr('en', '-'), timeZone: 'UTC', refPrefix: 'REF' },
  phases: [],
  calls: [],
  themes: [],
  submissions: {},
  submissionCount: 0,
});
