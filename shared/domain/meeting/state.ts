/**
 * The shape of a meeting's state, and the tiny framework each concern (meeting, queue, polls) uses
 * to declare its commands, decide handlers and reducers. The state is plain JSON: it is what a
 * snapshot stores and what a client receives on join.
 */
import type { z } from 'zod';
import type { Actor, Language, Result, Role, StakeholderGroup } from '../common.js';
import type { MeetingInfo } from './meeting.js';
import type { PollsState } from './polls/index.js';
import type { QueueState } from './queue/index.js';
import type { InterpretationState } from './interpretation/model.js';

export interface Participant {
  id: string;
  name: string;
  group: StakeholderGroup;
  affiliation: string;
  language: Language;
  role: Extract<Role, 'moderator' | 'participant' | 'interpreter'>;
  /** Interpreters only: the language of their booth (they speak into its channel). */
  booth?: Language;
  /** Sits in the hall (joins from a phone via the projector's QR code) rather than remotely. */
  inRoom: boolean;
  present: boolean;
  /** Was present at some point (the minutes' attendance); absent from states made before it existed. */
  attended?: boolean;
  joinedAt: number;
  /**
   * A moderator removed them (`participant:remove`). They stay in the state so their past turns,
   * votes and statistics keep a name; absent on records from before removal existed.
   */
  removed?: boolean;
  /** When, why and by whom they were removed; absent unless `removed`. */
  removal?: { at: number; reason: string; by: string | null };
}

/**
 * An invitation link minted by `invite:create` (recorded by the server with `invite:minted`), so
 * moderators can see the links in circulation and revoke a leaked one. The token itself is never
 * stored: only its id (the token's `id` claim).
 */
export interface InviteRecord {
  id: string;
  role: Role;
  createdAt: number;
  expiresAt: number;
  label: string;
  /** Who created it (a moderator's participant id), if known. */
  by: string | null;
  revokedAt: number | null;
  /** Interpreter links: the booth's language. */
  booth?: Language;
}

export interface AgendaItem {
  id: string;
  title: string;
  description: string;
  plannedMinutes: number;
  /** First time the item became current; null if never. */
  startedAt: number | null;
  /** Since when the item is current (its clock is running); null when not current. */
  activeSince: number | null;
  /** Time spent on the item during earlier periods as current item. */
  spentMs: number;
}

export interface MeetingState {
  id: string;
  created: boolean;
  createdAt: number;
  /** Number of events applied: the meeting's version. */
  version: number;
  /** The shape of this state (STATE_FORMAT when it was made); stored snapshots of another are ignored. */
  stateFormat: number;
  info: MeetingInfo;
  participants: Record<string, Participant>;
  agenda: { items: AgendaItem[]; currentItemId: string | null };
  queue: QueueState;
  polls: PollsState;
  /** Invitation links minted for this meeting, by id (`invite:minted`, `invite:revoke`). */
  invites: Record<string, InviteRecord>;
  /** Interpretation booths and who is on air (interpretation/). */
  interpretation: InterpretationState;
}

/**
 * Bump when the state's shape or a reducer's meaning changes: stored snapshots made by older code are
 * then ignored and the meeting is rebuilt from its event log (the truth).
 */
export const STATE_FORMAT = 4;

/**
 * A fresh id, deterministic from the state: ids come from the version the event will get, so they
 * are unique within a meeting without clocks or randomness. `offset` picks the k-th event of one
 * decision (1 = the first event).
 */
export function newId(s: MeetingState, prefix: string, offset = 1): string {
  return `${prefix}${s.version + offset}`;
}

type AnyCommandSchema = z.ZodObject<{ type: z.ZodLiteral<string> } & z.ZodRawShape>;

type Decider<C, E> = (state: MeetingState, command: C, actor: Actor, now: number) => Result<E[]>;
type Reducer<E> = (state: MeetingState, event: E) => MeetingState;

export interface Concern<S extends readonly AnyCommandSchema[], E extends { type: string }> {
  commands: S;
  decide: { [K in z.infer<S[number]>['type'] & string]: Decider<Extract<z.infer<S[number]>, { type: K }>, E> };
  apply: { [K in E['type']]: Reducer<Extract<E, { type: K }>> };
  /**
   * Commands the server itself must issue at `now` (a poll's time limit ran out, …). The server
   * polls this about once a second for every live meeting and runs them as `system`; deadlines are
   * timestamps in the state, so a restart loses nothing.
   */
  due?: (state: MeetingState, now: number) => Array<{ type: string } & Record<string, unknown>>;
}

/**
 * Declares a concern; the mapped types make a missing handler or reducer a compile error.
 * Curried so the event union is given explicitly: `defineConcern<QueueEvent>()({ … })`.
 */
export function defineConcern<E extends { type: string }>() {
  return <S extends readonly AnyCommandSchema[]>(c: Concern<S, E>): Concern<S, E> => c;
}
