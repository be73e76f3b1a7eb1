/**
 * The speaking queue (list of speakers per agenda item) and the floor. STUB: filled in by the
 * speaking-queue issue. Its public contract, which audio and views rely on, is `floorHolder`.
 */
import { defineConcern, type MeetingState } from './state.js';

export interface QueueState {
  /** Who holds the floor now, or null. */
  current: { turnId: string; participantId: string | null; name: string; inRoom: boolean; pausedAt: number | null } | null;
}

export const initialQueue = (): QueueState => ({ current: null });

export type QueueEvent = never;

export const queueConcern = defineConcern<QueueEvent>()({
  commands: [] as const,
  decide: {},
  apply: {},
});

/** Who may speak now (audio follows this): the current speaker unless paused, or null. */
export interface FloorHolder {
  turnId: string;
  /** Null for a floor speaker added by the moderator who has no Plenary session (in-room). */
  participantId: string | null;
  name: string;
  inRoom: boolean;
  paused: boolean;
}

export function floorHolder(s: MeetingState): FloorHolder | null {
  const c = s.queue.current;
  if (!c) return null;
  return { turnId: c.turnId, participantId: c.participantId, name: c.name, inRoom: c.inRoom, paused: c.pausedAt !== null };
}
