/**
 * One meeting's audio: a mediasoup router with the connections (peers) that joined it, their
 * transports, producers and consumers. The room enforces the floor itself — a client is only *told*
 * to open or close its microphone; the server pauses or closes the producer regardless.
 *
 * Every operation runs through one serial queue per room, so a produce request and a floor change
 * can never interleave (a producer created while the turn ends would otherwise escape enforcement).
 */
import type { types as ms } from 'mediasoup';
import type { FloorHolder } from '../../shared/domain/index.js';
import { enforceFloor, muteCovers, silenceTarget, type MuteTarget } from './floor.js';
import { LevelWatch } from './levels.js';
import { micRight, producerTurn } from './policy.js';
import { Peer, producerInfo } from './peer.js';
import {
  AudioError,
  type AudioJoinInfo,
  type AudioOutbox,
  type AudioServerMessage,
  type ConsumerInfo,
  type PeerInfo,
  type TransportInfo,
} from './types.js';

/** Opus only: the meeting is speech. */
export const MEDIA_CODECS: ms.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 111 },
];

export interface AudioRoomOptions {
  listenInfos: ms.TransportListenInfo[];
  silenceAfterMs: number;
  levelIntervalMs: number;
  levelThresholdDb: number;
  now?: () => number;
}

export interface Placement {
  router: ms.Router;
  worker: ms.Worker;
}

export class AudioRoom {
  private readonly peers = new Map<string, Peer>();
  private holder: FloorHolder | null = null;
  /** Turn id of the running (not paused) turn, and since when it runs: the silence clock. */
  private liveKey = '';
  private liveSince = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private levels!: LevelWatch;
  private placement!: Placement;
  private readonly now: () => number;
  private closed = false;

  private constructor(
    readonly meetingId: string,
    private readonly outbox: AudioOutbox,
    private readonly opts: AudioRoomOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** Builds the room on a router already placed by the worker pool. */
  static async create(
    meetingId: string,
    placement: Placement,
    outbox: AudioOutbox,
    opts: AudioRoomOptions,
    holder: FloorHolder | null,
  ): Promise<AudioRoom> {
    const room = new AudioRoom(meetingId, outbox, opts);
    room.setHolder(holder);
    await room.attach(placement);
    return room;
  }

  get worker(): ms.Worker {
    return this.placement.worker;
  }

  get router(): ms.Router {
    return this.placement.router;
  }

  /** A connection joins (or re-joins, after `audio:restart`) the meeting's audio. */
  join(info: PeerInfo): Promise<AudioJoinInfo> {
    return this.run(async () => {
      this.peers.get(info.id)?.closeMedia();
      const peer = new Peer(info);
      this.peers.set(info.id, peer);
      const floor = peer.notice(micRight(peer, this.holder), this.holder);
      peer.lastNotice = JSON.stringify(floor);
      const producers = [...this.peers.values()].flatMap((p) => (p !== peer && p.producer ? [producerInfo(p)] : []));
      return { routerRtpCapabilities: this.router.rtpCapabilities, producers, floor };
    });
  }

  /** One send and one receive transport per connection; asking again replaces the old one. */
  createTransport(peerId: string, direction: 'send' | 'recv'): Promise<TransportInfo> {
    return this.run(async () => {
      const peer = this.peer(peerId);
      const t = await this.router.createWebRtcTransport({
        listenInfos: this.opts.listenInfos,
        enableUdp: true,
        enableTcp: true,
        preferUdp: true,
        appData: { peerId, direction },
      });
      peer.setTransport(direction, t);
      return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters };
    });
  }

  connectTransport(peerId: string, transportId: string, dtlsParameters: ms.DtlsParameters): Promise<void> {
    return this.run(async () => {
      const t = this.peer(peerId).transport(transportId);
      await t.connect({ dtlsParameters });
    });
  }

  /**
   * Creates the connection's microphone producer, refused with `audio.no_floor` unless the floor
   * rules allow it. It starts paused when the right is only `held` or a mute applies.
   */
  produce(peerId: string, transportId: string, kind: ms.MediaKind, rtpParameters: ms.RtpParameters): Promise<{ producerId: string }> {
    return this.run(async () => {
      const peer = this.peer(peerId);
      if (kind !== 'audio') throw new AudioError('bad_request', 'Only audio can be produced');
      const right = micRight(peer, this.holder);
      if (right === 'none') throw new AudioError('audio.no_floor', 'You do not hold the floor');
      const t = peer.transport(transportId);
      if (t !== peer.send) throw new AudioError('bad_request', 'Produce on the send transport');
      peer.producer?.close();
      const producer = await t.produce({
        kind,
        rtpParameters,
        paused: right === 'held' || peer.locked || peer.selfMuted,
        appData: { peerId },
      });
      peer.producer = producer;
      peer.producerTurn = producerTurn(peer, this.holder);
      producer.observer.once('close', () => this.onProducerClosed(peer, producer));
      await this.levels.add(producer.id);
      this.broadcast({ event: 'audio:newProducer', payload: producerInfo(peer) }, peer.id);
      return { producerId: producer.id };
    });
  }

  /** A paused consumer of another connection's producer; the client resumes it once ready. */
  consume(peerId: string, transportId: string, producerId: string, rtpCapabilities: ms.RtpCapabilities): Promise<ConsumerInfo> {
    return this.run(async () => {
      const peer = this.peer(peerId);
      const t = peer.transport(transportId);
      if (t !== peer.recv) throw new AudioError('bad_request', 'Consume on the receive transport');
      const owner = [...this.peers.values()].find((p) => p.producer?.id === producerId);
      if (!owner) throw new AudioError('not_found', 'No such producer');
      if (owner === peer) throw new AudioError('bad_request', 'Cannot consume your own producer');
      if (!this.router.canConsume({ producerId, rtpCapabilities })) {
        throw new AudioError('bad_request', 'Your device cannot receive this audio');
      }
      peer.consumers.get(producerId)?.close();
      const c = await t.consume({ producerId, rtpCapabilities, paused: true });
      peer.consumers.set(producerId, c);
      c.observer.once('close', () => {
        if (peer.consumers.get(producerId) === c) peer.consumers.delete(producerId);
      });
      return { consumerId: c.id, producerId, kind: c.kind, rtpParameters: c.rtpParameters };
    });
  }

  resumeConsumer(peerId: string, consumerId: string): Promise<void> {
    return this.run(async () => {
      const c = [...this.peer(peerId).consumers.values()].find((x) => x.id === consumerId);
      if (!c) throw new AudioError('not_found', 'No such consumer');
      await c.resume();
    });
  }

  /**
   * Mutes or unmutes. Without a target the connection mutes itself (and cannot lift a moderator's
   * mute); with a target only a moderator may act, and the mute is locked until a moderator lifts it.
   */
  setMuted(peerId: string, target: MuteTarget | undefined, muted: boolean): Promise<void> {
    return this.run(async () => {
      const actor = this.peer(peerId);
      if (!target) {
        if (!muted && actor.locked && actor.role !== 'moderator') {
          throw new AudioError('forbidden', 'A moderator muted your microphone');
        }
        actor.selfMuted = muted;
        if (!muted) actor.locked = false;
        await enforceFloor(actor, this.holder, this.outbox);
        return;
      }
      if (actor.role !== 'moderator') throw new AudioError('forbidden', 'Only a moderator can mute others');
      const targets = [...this.peers.values()].filter((p) => muteCovers(p, target));
      if (!targets.length) throw new AudioError('not_found', 'Nobody to mute');
      for (const p of targets) {
        p.locked = muted;
        await enforceFloor(p, this.holder, this.outbox);
      }
    });
  }

  leave(peerId: string): Promise<void> {
    return this.run(async () => {
      this.peers.get(peerId)?.closeMedia();
      this.peers.delete(peerId);
    });
  }

  /** The floor changed (or may have): pause, resume or close producers and tell each connection. */
  applyFloor(holder: FloorHolder | null): Promise<void> {
    return this.run(async () => {
      this.setHolder(holder);
      for (const peer of this.peers.values()) await enforceFloor(peer, this.holder, this.outbox);
    });
  }

  /**
   * The router's worker died: move to a new router, forget every transport (they died with it) and
   * ask each connection to re-join. Peers, floor and mutes stay.
   */
  rebuild(placement: Placement): Promise<void> {
    return this.run(async () => {
      this.levels.close();
      if (!this.router.closed) this.router.close();
      for (const p of this.peers.values()) p.closeMedia();
      await this.attach(placement);
      for (const p of this.peers.values()) {
        p.lastNotice = undefined;
        this.outbox.send(p.id, { event: 'audio:restart', payload: { reason: 'worker_died' } });
      }
    });
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** Plain facts for diagnostics and tests. */
  describe(): {
    routerId: string;
    workerPid: number;
    peers: Array<{ id: string; role: PeerInfo['role']; participantId: string | null; producer: { id: string; paused: boolean } | null; consumers: number }>;
  } {
    return {
      routerId: this.router.id,
      workerPid: this.worker.pid,
      peers: [...this.peers.values()].map((p) => ({
        id: p.id,
        role: p.role,
        participantId: p.participantId,
        producer: p.producer ? { id: p.producer.id, paused: p.producer.paused } : null,
        consumers: p.consumers.size,
      })),
    };
  }

  close(): void {
    this.closed = true;
    this.levels.close();
    for (const p of this.peers.values()) p.closeMedia();
    this.peers.clear();
    if (!this.router.closed) this.router.close();
  }

  private async attach(placement: Placement): Promise<void> {
    this.placement = placement;
    this.levels = await LevelWatch.create(placement.router, {
      intervalMs: this.opts.levelIntervalMs,
      thresholdDb: this.opts.levelThresholdDb,
      silenceAfterMs: this.opts.silenceAfterMs,
      now: this.now,
      onLevels: (entries) => this.onLevels(entries),
      onSilence: (notice) => this.toModerators({ event: 'audio:silence', payload: notice }),
      target: () => silenceTarget(this.holder, [...this.peers.values()], this.liveSince),
    });
  }

  private setHolder(holder: FloorHolder | null): void {
    this.holder = holder;
    const key = holder && !holder.paused ? holder.turnId : '';
    if (key !== this.liveKey) {
      this.liveKey = key;
      this.liveSince = this.now();
    }
  }

  private onProducerClosed(peer: Peer, producer: ms.Producer): void {
    if (peer.producer === producer) peer.producer = undefined;
    this.levels.forget(producer.id);
    // The worker closes these consumers too, but asynchronously; do it now so the bookkeeping is exact.
    for (const p of this.peers.values()) p.consumers.get(producer.id)?.close();
    if (this.closed) return;
    this.broadcast({ event: 'audio:producerClosed', payload: { producerId: producer.id } }, peer.id);
  }

  private onLevels(entries: Array<{ producerId: string; volume: number }>): void {
    const speaking = entries.flatMap((e) => {
      const owner = [...this.peers.values()].find((p) => p.producer?.id === e.producerId);
      return owner ? [{ ...producerInfo(owner), volume: e.volume }] : [];
    });
    this.broadcast({ event: 'audio:levels', payload: { speaking } });
  }

  private broadcast(message: AudioServerMessage, exceptPeerId?: string): void {
    for (const p of this.peers.values()) if (p.id !== exceptPeerId) this.outbox.send(p.id, message);
  }

  private toModerators(message: AudioServerMessage): void {
    for (const p of this.peers.values()) if (p.role === 'moderator') this.outbox.send(p.id, message);
  }

  private peer(peerId: string): Peer {
    const p = this.peers.get(peerId);
    if (!p) throw new AudioError('not_found', 'Join audio first');
    return p;
  }

  /** Runs `fn` after every earlier operation of this room; a failure does not block the next one. */
  private run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(() => {
      if (this.closed) throw new AudioError('audio.unavailable', 'Audio for this meeting has stopped');
      return fn();
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
