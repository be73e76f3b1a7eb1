/**
 * Vocabulary shared by every concern of the meeting domain: languages, stakeholder groups, roles,
 * the actor who issues a command, the closed list of error codes and the Result type of `decide`.
 * Pure: no I/O, no clock, no randomness.
 */
import { z } from 'zod';

/** The six official UN languages; the UI is translated into each. */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'es', 'ru'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;
export const RTL_LANGUAGES: readonly Language[] = ['ar'];

/** The six stakeholder groups of the WSIS multistakeholder consultation. */
export const STAKEHOLDER_GROUPS = [
  'government',
  'civil-society',
  'private-sector',
  'academia',
  'technical-community',
  'intergovernmental',
] as const;
export const StakeholderGroup = z.enum(STAKEHOLDER_GROUPS);
export type StakeholderGroup = z.infer<typeof StakeholderGroup>;

/**
 * Roles a join token can carry. `room` is the in-room audio desk (room bridge); `interpreter` works
 * in one language's booth (the token names it) and speaks into that booth's channel.
 */
export const ROLES = ['moderator', 'participant', 'projector', 'room', 'interpreter'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const MEETING_KINDS = ['virtual', 'hybrid', 'in-person'] as const;
export const MeetingKind = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof MeetingKind>;

/**
 * Who issues a command. `system` is the server itself (presence, timers, seeding): server-initiated
 * changes go through the same command path as a user's.
 */
export interface Actor {
  role: Role | 'system';
  /** The participant behind the connection; null for projector, room bridge and system. */
  participantId: string | null;
}
export const SYSTEM: Actor = { role: 'system', participantId: null };

/**
 * Closed list of error codes. Transport codes come first; domain codes are `concern.reason`.
 * Clients translate by code, so every code needs a key `errors.<code>` in every locale.
 */
export const ERROR_CODES = [
  // transport / edge
  'bad_request',
  'unknown_event',
  'unauthorized',
  'token_expired',
  /** The link was revoked by a moderator (`invite:revoke`). */
  'token_revoked',
  'forbidden',
  'not_found',
  'rate_limited',
  'payload_too_large',
  'conflict',
  'internal',
  /** Client-side: not connected, the command was not sent (nothing changed). */
  'offline',
  /** Client-side: the connection dropped before the server answered; it may or may not have been applied. */
  'no_answer',
  /** This person (or link) already has MAX_CONNECTIONS_PER_TOKEN connections to this server process. */
  'too_many_connections',
  /** The store (Redis) cannot be reached right now; retry shortly (the command may or may not have been written). */
  'unavailable',
  // meeting & participants
  'meeting.exists',
  'meeting.not_created',
  'meeting.invalid_schedule',
  'participant.not_found',
  'participant.exists',
  'participant.absent',
  /** The moderator removed this participant from the meeting (`participant:remove`). */
  'participant.removed',
  'participant.remove_self',
  'participant.last_moderator',
  // invitation links
  'invite.not_found',
  // agenda
  'agenda.item_not_found',
  'agenda.invalid_position',
  'agenda.item_is_current',
  // speaking queue
  'queue.closed',
  'queue.no_current_item',
  'queue.already_requested',
  'queue.entry_not_found',
  'queue.not_your_entry',
  'queue.no_current_speaker',
  'queue.speaker_active',
  'queue.empty',
  'queue.nothing_to_undo',
  /** The undo no longer fits what others did since (the floor moved on, a request left or came back). */
  'queue.undo_conflict',
  'queue.not_paused',
  'queue.already_paused',
  'queue.invalid_position',
  'queue.reply_to_self',
  // polls
  'poll.not_found',
  'poll.invalid',
  'poll.wrong_status',
  'poll.not_eligible',
  'poll.invalid_choice',
  'poll.published',
  // interpretation booths
  /** The booth of that language is not open (params: language). */
  'booth.not_found',
  /** Only an interpreter of a booth may do this. */
  'booth.not_interpreter',
  /** Only the interpreter on air may do this (hand over, go off air). */
  'booth.not_on_air',
  /** Handover to someone who is not a colleague of the same booth. */
  'booth.invalid_handover',
  /** A relay of itself, of a booth that is not open, or in a loop. */
  'booth.invalid_relay',
  /** An interpreter link must name its booth's language. */
  'booth.language_required',
  // audio
  'audio.no_floor',
  'audio.unavailable',
  // consultation (shared/domain/consultation/, docs/consultation.md)
  'consultation.exists',
  'consultation.not_created',
  'consultation.invalid_phase',
  'consultation.phase_not_found',
  'consultation.call_not_found',
  'consultation.call_exists',
  /** The call opens later (params.opensAt, ISO). */
  'consultation.call_not_open',
  /** Past 23:59:59 of the deadline day in the host zone (params.deadline, params.timeZone). */
  'consultation.deadline_passed',
  'consultation.invalid_deadline',
  'consultation.theme_not_found',
  'consultation.theme_exists',
  // submissions to a consultation
  'submission.not_found',
  'submission.withdrawn',
  'submission.not_accepted',
  'submission.no_consent',
  'submission.invalid_duplicate',
  /** The attachment is not a PDF (checked by content, not by name). */
  'submission.not_pdf',
  /** The attachment is larger than the limit (params.maxBytes). */
  'submission.attachment_too_large',
  /** No such channel: the booth of that language is not open. */
  'audio.no_channel',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** A refusal: the code is for machines and translations, the message is plain English for logs. */
export interface DomainError {
  code: ErrorCode;
  message: string;
  /** Values a translated message may interpolate (e.g. `{ max: 3 }`). */
  params?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (
  code: ErrorCode,
  message: string,
  params?: Record<string, string | number>,
): { ok: false; error: DomainError } => ({
  ok: false,
  error: params ? { code, message, params } : { code, message },
});

/** Compile-time exhaustiveness check for `switch` over discriminated unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

/** C0 and C1 control characters (and DEL): never part of a name or a title. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, except tab and line breaks, which a longer text (description, note) may hold. */
const CONTROL_IN_PROSE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Something a reader can see: not only spaces and invisible format characters (zero-width, bidi). */
const VISIBLE = /[^\s\p{Cf}]/u;

/**
 * Short trimmed one-line text with a maximum length: names, titles, questions. Control characters
 * (they would corrupt exports and terminals) and text with nothing visible are refused.
 */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters')
    .refine((s) => VISIBLE.test(s), 'must contain a visible character');
/** Optional trimmed text (descriptions, notes, reasons): line breaks and tabs allowed, other control characters not. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !CONTROL_IN_PROSE.test(s), 'must not contain control characters');
/** Identifiers are short, opaque strings made by the domain (see `newId`). */
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
/** Epoch milliseconds. */
export const Millis = z.number().int().nonnegative();
