/**
 * How an AudioRoom applies the floor to its peers: bring a producer in line with the peer's right
 * (pause, resume, close) and tell the peer when its right changed; pick what the silence watch
 * listens to; and find whom a moderator's mute is aimed at. The rights themselves are in policy.ts.
 */
import { assertNever } from '../../shared/domain/common.js';
import type { FloorHolder } from '../../shared/domain/index.js';
import type { AudioMuteTarget } from '../../shared/audio-protocol.js';
import type { SilenceTarget } from './levels.js';
import type { Peer } from './peer.js';
import { micRight, producerTurn } from './policy.js';
import type { AudioOutbox } from './types.js';

/** Whom a moderator mutes: a participant (all their connections), one producer, or the room bridge. */
export type MuteTarget = AudioMuteTarget;

/** Brings one peer's producer in line with its right, then tells the peer if anything changed. */
export async function enforceFloor(
  peer: Peer,
  holder: FloorHolder | null,
  outbox: AudioOutbox,
  onAir: ReadonlySet<string> = new Set(),
): Promise<void> {
  const right = micRight(peer, holder, onAir);
  if (right === 'none') {
    // A participant's mutes belong to their turn.
    peer.locked = false;
    peer.selfMuted = false;
  }
  const p = peer.producer;
  if (p && (right === 'none' || peer.producerTurn !== producerTurn(peer, holder))) {
    p.close();
  } else if (p) {
    const pause = right === 'held' || peer.locked || peer.selfMuted;
    if (pause && !p.paused) await p.pause();
    if (!pause && p.paused) await p.resume();
  }
  const notice = peer.notice(right, holder);
  const json = JSON.stringify(notice);
  if (json !== peer.lastNotice) {
    peer.lastNotice = json;
    outbox.send(peer.id, { event: 'audio:floor', payload: notice });
  }
}

/** The producers the silence watch listens to for a running turn, or null when there is nothing to watch. */
export function silenceTarget(holder: FloorHolder | null, peers: Peer[], liveSince: number): SilenceTarget | null {
  if (!holder || holder.paused) return null;
  // An in-room turn is carried by the hall microphone; without a bridge connected there is nothing to watch.
  const sources = holder.inRoom
    ? peers.filter((p) => p.role === 'room')
    : peers.filter((p) => p.role === 'participant' && p.participantId === holder.participantId);
  if (holder.inRoom && !sources.length) return null;
  return {
    turnId: holder.turnId,
    participantId: holder.participantId,
    name: holder.name,
    producerIds: sources.flatMap((p) => (p.producer ? [p.producer.id] : [])),
    liveSince,
  };
}

/** Whether a moderator's mute aimed at `t` covers peer `p`. */
export function muteCovers(p: Peer, t: MuteTarget): boolean {
  switch (t.kind) {
    case 'participant':
      return p.participantId === t.participantId;
    case 'producer':
      return p.producer?.id === t.producerId;
    case 'room':
      return p.role === 'room';
    default:
      return assertNever(t);
  }
}
