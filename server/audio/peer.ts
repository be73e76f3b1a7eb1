/**
 * One connection inside an AudioRoom: its identity, its two transports, its (single) microphone
 * producer, the consumers it listens through, and its mute flags. Bookkeeping only; the rules are
 * in policy.ts and the room.
 */
import type { types as ms } from 'mediasoup';
import type { FloorHolder } from '../../shared/domain/index.js';
import type { MicRight } from './policy.js';
import { AudioError, type FloorNotice, type PeerInfo, type ProducerInfo } from './types.js';

export class Peer implements PeerInfo {
  readonly id: string;
  readonly role: PeerInfo['role'];
  readonly participantId: string | null;
  readonly name: string;
  send: ms.WebRtcTransport | undefined;
  recv: ms.WebRtcTransport | undefined;
  producer: ms.Producer | undefined;
  /** The turn the producer was opened for (participants only): a new turn closes it. */
  producerTurn: string | null = null;
  /** Consumers by the producer id they receive. */
  readonly consumers = new Map<string, ms.Consumer>();
  /** Muted by a moderator: only a moderator lifts it. */
  locked = false;
  selfMuted = false;
  /** The last `audio:floor` notice sent (JSON), so unchanged rights send nothing. */
  lastNotice: string | undefined;

  constructor(info: PeerInfo) {
    this.id = info.id;
    this.role = info.role;
    this.participantId = info.participantId;
    this.name = info.name;
  }

  setTransport(direction: 'send' | 'recv', t: ms.WebRtcTransport): void {
    this[direction]?.close();
    this[direction] = t;
    t.observer.once('close', () => {
      if (this[direction] === t) this[direction] = undefined;
    });
  }

  /** One of this peer's transports, by id. */
  transport(id: string): ms.WebRtcTransport {
    if (this.send?.id === id) return this.send;
    if (this.recv?.id === id) return this.recv;
    throw new AudioError('not_found', 'No such transport');
  }

  /** Closes transports (and with them the producer and consumers). */
  closeMedia(): void {
    this.send?.close();
    this.recv?.close();
    this.producer?.close();
    for (const c of this.consumers.values()) c.close();
    this.send = this.recv = this.producer = undefined;
    this.consumers.clear();
  }

  notice(right: MicRight, holder: FloorHolder | null): FloorNotice {
    const heard = right === 'live' && !this.locked && !this.selfMuted;
    return {
      mic: right === 'none' ? 'closed' : heard ? 'open' : 'paused',
      // Listeners get no notice on every turn change: the turn only matters to a microphone.
      turnId: right === 'none' ? null : (holder?.turnId ?? null),
      lockedByModerator: this.locked,
      selfMuted: this.selfMuted,
    };
  }
}

/** How listeners see a peer's producer. */
export function producerInfo(p: Peer): ProducerInfo {
  return { producerId: p.producer?.id ?? '', participantId: p.participantId, role: p.role, name: p.name };
}
