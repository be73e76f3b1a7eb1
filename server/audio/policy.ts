/**
 * Who may speak into the meeting, decided only from the floor (`floorHolder` of the domain) and the
 * connection's role. Pure: the AudioRoom applies these answers to real producers.
 */
import { assertNever, type Role } from '../../shared/domain/common.js';
import type { FloorHolder } from '../../shared/domain/index.js';

/**
 * What a connection's microphone may do now:
 * - `live`: may produce and is heard;
 * - `held`: may keep (or create) a producer, but the server keeps it paused;
 * - `none`: may not produce; an existing producer is closed.
 */
export type MicRight = 'live' | 'held' | 'none';

/** The identity part of an audio peer that the rules need. */
export interface PeerIdentity {
  role: Role;
  participantId: string | null;
}

/**
 * Whether the room bridge (the hall's microphone) is heard remotely.
 *
 * The hall microphone is open except while a *remote* speaker holds a running turn: then the floor is
 * theirs, and the hall's loudspeakers play their voice, which the hall microphone would send straight
 * back to them (echo). So the bridge is live for in-room turns, while a turn is paused (the chair
 * usually speaks) and between turns (the chair in the hall introduces items, calls the next speaker).
 */
export function bridgeLive(holder: FloorHolder | null): boolean {
  return !(holder && !holder.inRoom && !holder.paused);
}

const NOBODY: ReadonlySet<string> = new Set();

/**
 * The microphone right of one connection. `onAir`: the interpreters on air (participant ids).
 *
 * - moderator: always live (the chair microphone); other moderators can still mute it.
 * - room bridge: follows the floor as described in `bridgeLive`.
 * - participant: live only while they hold a running, *remote* turn; paused while their turn is
 *   paused. An in-room holder is heard through the hall microphone (the bridge), so their phone is not
 *   a second microphone in the hall (that would feed back).
 * - projector: never.
 * - interpreter: live while on air in their booth, held otherwise.
 */
export function micRight(peer: PeerIdentity, holder: FloorHolder | null, onAir: ReadonlySet<string> = NOBODY): MicRight {
  switch (peer.role) {
    case 'moderator':
      return 'live';
    case 'room':
      return bridgeLive(holder) ? 'live' : 'held';
    case 'participant':
      if (!holder || holder.inRoom || holder.participantId === null) return 'none';
      if (holder.participantId !== peer.participantId) return 'none';
      return holder.paused ? 'held' : 'live';
    case 'projector':
      return 'none';
    // An interpreter may keep a producer open (microphone check, instant handover); it is live into
    // the booth's channel only while they are the booth's interpreter on air.
    case 'interpreter':
      return peer.participantId !== null && onAir.has(peer.participantId) ? 'live' : 'held';
    default:
      return assertNever(peer.role);
  }
}

/**
 * The turn a participant's producer belongs to: when the turn changes the producer is closed, even if
 * the same person speaks again, so every turn starts from an explicit "open your microphone".
 * Null for roles whose microphone is not tied to a turn.
 */
export function producerTurn(peer: PeerIdentity, holder: FloorHolder | null): string | null {
  return peer.role === 'participant' ? (holder?.turnId ?? null) : null;
}
