/**
 * One connection inside an AudioRoom: its identity, its two transports, its (single) microphone
 * producer, the consumers it listens through, and its mute flags. Bookkeeping only; the rules are
 * in policy.ts and the room.
 */
import type { types as ms } from 'mediasoup';
import type { FloorHolder, Language } from '../../shared/domain/index.js';
import type { ChannelId, ChannelNotice } from '../../shared/audio-protocol.js';
import { producerChannel } from './channels.js';
import type { MicRight } from './policy.js';
import { AudioError, type FloorNotice, type PeerInfo, type ProducerInfo } from './types.js';

/** Browsers use WebRTC transports; Node programs (benchmark, tests) plain RTP ones. */
export type AnyTransport = ms.WebRtcTransport | ms.PlainTransport;

export class Peer implements PeerInfo {
  readonly id: string;
  readonly role: PeerInfo['role'];
  readonly participantId: string | null;
  readonly name: string;
  /** Interpreters: their booth (the channel their microphone carries). */
  readonly booth: Language | undefined;
  /** The channel this connection chose to hear (`audio:setChannel`); the floor until it chooses. */
  chosen: ChannelId = 'floor';
  /** Also receive the floor while hearing a booth (ducking). */
  withFloor = false;
  /** What it hears now (the last `audio:channel` notice, or the join answer's). */
  heard: ChannelNotice | undefined;
  /** The router its receive transport lives on (one of the meeting's routers). */
  recvRouter: ms.Router | undefined;
  /** Producers this connection was told about (`audio:newProducer`) and may consume. */
  readonly announced = new Set<string>();
  /** The worker its receive transport lives on, and the listener slots reported there. */
  loadWorker: ms.Worker | undefined;
  reportedLoad = 0;
  send: AnyTransport | undefined;
  recv: AnyTransport | undefined;
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
    this.booth = info.booth;
  }

  /** The channel its microphone carries. */
  get channel(): ChannelId {
    return producerChannel(this);
  }

  /** Listener slots it takes on its receive worker: its consumers, at least one once it can receive. */
  get load(): number {
    return this.recv ? Math.max(1, this.consumers.size) : 0;
  }

  setTransport(direction: 'send' | 'recv', t: AnyTransport): void {
    this[direction]?.close();
    this[direction] = t;
    (t.observer as ms.Transport['observer']).once('close', () => {
      if (this[direction] === t) this[direction] = undefined;
    });
  }

  /** One of this peer's transports, by id. */
  transport(id: string): AnyTransport {
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
    this.send = this.recv = this.producer = this.recvRouter = undefined;
    this.consumers.clear();
    this.announced.clear();
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
  return { producerId: p.producer?.id ?? '', participantId: p.participantId, role: p.role, name: p.name, channel: p.channel };
}
