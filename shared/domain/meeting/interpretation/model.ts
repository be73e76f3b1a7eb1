/**
 * Simultaneous interpretation, the data: one booth per language, which of its interpreters is on
 * air, what the booth interprets from (the floor, or another booth: relay), a pending handover, the
 * last "slow down" signal, and the on-air log (who was on air when) that the minutes read.
 *
 * And the channel rules, pure: a listener chooses the floor or a booth; they hear the booth only
 * while it is on air and not silent (silence is measured by the server and passed in), otherwise the
 * floor. The server applies these answers to real consumers (server/audio/channels.ts).
 */
import { z } from 'zod';
import { Language, LANGUAGES } from '../../common.js';
import type { MeetingState, Participant } from '../state.js';

/** What a listener hears: the floor (original sound) or a booth's language. */
export const ChannelId = z.union([z.literal('floor'), Language]);
export type ChannelId = z.infer<typeof ChannelId>;
export const FLOOR = 'floor' as const;

/** A handover in progress inside a booth: `from` is on air, `to` is the colleague taking over. */
export interface PendingHandover {
  from: string;
  to: string;
  /** `from` offered it (waits for `to` to take air), or `to` asked (waits for `from` to hand over). */
  askedBy: 'from' | 'to';
  at: number;
}

export interface Booth {
  language: Language;
  /** The interpreter (participant id) on air, or null: then the booth's listeners hear the floor. */
  onAir: string | null;
  onAirSince: number | null;
  /** What the booth interprets from: the floor, or another booth's channel (relay). */
  source: ChannelId;
  pending: PendingHandover | null;
  /** The last "slow down" signal to the chair, until a moderator clears it. */
  slowDown: { at: number; by: string } | null;
}

/** One stretch of a booth on air, for the minutes (the languages of each turn). */
export interface AirSpell {
  booth: Language;
  interpreterId: string;
  from: number;
  /** Null while it lasts. */
  to: number | null;
}

export interface InterpretationState {
  /** Open booths by language. */
  booths: Partial<Record<Language, Booth>>;
  /** On-air log, oldest first (a spell per interpreter per stretch; a meeting has a few dozen). */
  log: AirSpell[];
}

export const initialInterpretation = (): InterpretationState => ({ booths: {}, log: [] });

/** The interpretation slice of a state; states made before interpretation existed have none. */
export const interpretationOf = (s: MeetingState): InterpretationState => s.interpretation ?? initialInterpretation();

/** The open booths, in the order of LANGUAGES (stable for displays). */
export function boothList(s: MeetingState): Booth[] {
  const booths = interpretationOf(s).booths;
  return LANGUAGES.flatMap((l) => (booths[l] ? [booths[l]] : []));
}

/** The booth of a language, or undefined when it is not open. */
export const boothOf = (s: MeetingState, language: Language): Booth | undefined => interpretationOf(s).booths[language];

/** Whether a participant is an interpreter of this booth (and still in the meeting). */
export function isInterpreterOf(p: Participant | undefined, language: Language): p is Participant {
  return !!p && p.role === 'interpreter' && p.booth === language && p.removed !== true;
}

/** The interpreters registered for a booth (present or not), in registration order. */
export function boothInterpreters(s: MeetingState, language: Language): Participant[] {
  return Object.values(s.participants)
    .filter((p) => isInterpreterOf(p, language))
    .sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id));
}

/** Whether a booth's channel carries an interpreter now (domain view; silence is the server's). */
export const boothOnAir = (s: MeetingState, language: Language): boolean => (boothOf(s, language)?.onAir ?? null) !== null;

/**
 * The channel a listener actually hears. The floor is always there; a booth only while it is open,
 * on air and not silent (`silent`: booths the server hears nothing from) — otherwise the floor
 * (fallback), and the chosen booth again as soon as it is back.
 */
export function effectiveChannel(s: MeetingState, chosen: ChannelId, silent: ReadonlySet<Language> = new Set()): ChannelId {
  if (chosen === FLOOR) return FLOOR;
  return boothOnAir(s, chosen) && !silent.has(chosen) ? chosen : FLOOR;
}

/** Why a listener does not hear the booth they chose; null when they do. */
export function fallbackReason(s: MeetingState, chosen: ChannelId, silent: ReadonlySet<Language> = new Set()): 'off_air' | 'silent' | null {
  if (chosen === FLOOR) return null;
  if (!boothOnAir(s, chosen)) return 'off_air';
  return silent.has(chosen) ? 'silent' : null;
}

/**
 * Whether `booth` may take `source` as its source: the floor always; another open booth unless that
 * would make a loop (A relays B relays A: nobody would hear the original).
 */
export function relayAllowed(s: MeetingState, booth: Language, source: ChannelId): boolean {
  if (source === FLOOR) return true;
  if (source === booth || !boothOf(s, source)) return false;
  const seen = new Set<ChannelId>([booth]);
  let at: ChannelId = source;
  while (at !== FLOOR) {
    if (seen.has(at)) return false;
    seen.add(at);
    at = boothOf(s, at)?.source ?? FLOOR;
  }
  return true;
}

/**
 * What a booth's interpreters hear now: its source if that is the floor or a booth on air (and not
 * silent), the floor otherwise (a relay that went off air falls back, like any listener).
 */
export const boothHears = (s: MeetingState, language: Language, silent?: ReadonlySet<Language>): ChannelId =>
  effectiveChannel(s, boothOf(s, language)?.source ?? FLOOR, silent);

/**
 * The booths that were on air during a time span (a turn's `startedAt`…`endedAt`), for the minutes:
 * a turn "was interpreted into" these languages. `to` null: up to now.
 */
export function languagesOnAirDuring(s: MeetingState, from: number, to: number | null): Language[] {
  const end = to ?? Number.POSITIVE_INFINITY;
  const hit = new Set<Language>();
  for (const spell of interpretationOf(s).log) {
    if (spell.from < end && (spell.to === null || spell.to > from)) hit.add(spell.booth);
  }
  return LANGUAGES.filter((l) => hit.has(l));
}
