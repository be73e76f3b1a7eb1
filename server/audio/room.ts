/**
 * One meeting's audio: its routers (the primary, and more on other workers as listeners grow:
 * routers.ts), the connections (peers) that joined, their transports, producers and consumers.
 * The room enforces the floor and the booths itself — a client is only *told* to open or close its
 * microphone; the server pauses or closes the producer regardless — and routes each producer only
 * to the connections that hear its channel (the floor, or a booth: channels.ts, routing.ts).
 *
 * Every operation runs through one serial queue per room, so a produce request and a floor change
 * can never interleave (a producer created while the turn ends would otherwise escape enforcement).
 */
import type { types as ms } from 'mediasoup';
import { floorHolder, type FloorHolder, type Language, type MeetingState } from '../../shared/domain/index.js';
import type { ChannelId, ChannelNotice } from '../../shared/audio-protocol.js';
import { channelExists, channelStatuses, onAirInterpreters } from './channels.js';
import { enforceFloor, muteCovers, silenceTarget, type MuteTarget } from './floor.js';
import { LevelWatch } from './levels.js';
import { micRight, producerTurn } from './policy.js';
import { Peer, producerInfo } from './peer.js';
import { RoomRouters, type Placement, type RouterPool } from './routers.js';
import { ChannelRouting } from './routing.js';
import {
  AudioError,
  type AudioJoinInfo,
  type AudioOutbox,
  type ConsumerInfo,
  type PeerInfo,
  type TransportInfo,
} from './types.js';

export type { Placement } from './routers.js';

const NO_SILENCE: ReadonlySet<Language> = new Set();

/** Opus only: the meeting is speech. */
export const MEDIA_CODECS: ms.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 111 },
];

export interface AudioRoomOptions {
  listenInfos: ms.TransportListenInfo[];
  silenceAfterMs: number;
  levelIntervalMs: number;
  levelThresholdDb: number;
  /** A booth on air with nothing heard this long: its listeners fall back to the floor. */
  boothSilenceMs?: number;
  /** Listener slots per worker before the meeting spreads to the next worker. */
  consumersPerWorker?: number;
  /** The pool new routers come from when the meeting spreads; null: one router only. */
  pool?: RouterPool | null;
  now?: () => number;
}

/** A transport a Node program (benchmark, test) drives with plain RTP over UDP, without a browser. */
export interface PlainTransportInfo {
  id: string;
  ip: string;
  port: number;
}

export class AudioRoom {
  private readonly peers = new Map<string, Peer>();
  private holder: FloorHolder | null = null;
  private state: MeetingState | null = null;
  /** What of the meeting audio follows (floor holder, booths), to skip events that change neither. */
  private meetingKey = '';
  private onAir: ReadonlySet<string> = new Set();
  /** Turn id of the running (not paused) turn, and since when it runs: the silence clock. */
  private liveKey = '';
  private liveSince = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private levels!: LevelWatch;
  private routers!: RoomRouters;
  private readonly routing: ChannelRouting;
  private readonly now: () => number;
  private closed = false;

  private constructor(
    readonly meetingId: string,
    private readonly outbox: AudioOutbox,
    private readonly opts: AudioRoomOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.routing = new ChannelRouting(this.peers, outbox, {
      boothSilenceMs: opts.boothSilenceMs ?? 5000,
      now: this.now,
      heardAt: (id) => this.levels.heardAt(id),
      isOnAir: (p) => p.participantId !== null && this.onAir.has(p.participantId),
    });
  }

  /** Builds the room on a router already placed by the worker pool; `state` gives floor and booths. */
  static async create(
    meetingId: string,
    placement: Placement,
    outbox: AudioOutbox,
    opts: AudioRoomOptions,
    state: MeetingState | FloorHolder | null,
  ): Promise<AudioRoom> {
    const room = new AudioRoom(meetingId, outbox, opts);
    if (state && 'participants' in state) room.setState(state);
    else room.setHolder(state);
    await room.attach(placement);
    return room;
  }

  get worker(): ms.Worker {
    return this.routers.primary.worker;
  }

  get router(): ms.Router {
    return this.routers.primary.router;
  }

  /** Every router of the meeting (the primary first), for diagnostics, tests and the benchmark. */
  get placements(): readonly Placement[] {
    return this.routers.all;
  }

  /** A connection joins (or re-joins, after `audio:restart`) the meeting's audio. A re-join keeps its channel. */
  join(info: PeerInfo): Promise<AudioJoinInfo> {
    return this.run(async () => {
      const old = this.peers.get(info.id);
      old?.closeMedia();
      const peer = new Peer(info);
      if (old) {
        peer.chosen = old.chosen;
        peer.withFloor = old.withFloor;
      }
      this.releaseLoad(old);
      this.peers.set(info.id, peer);
      const floor = peer.notice(micRight(peer, this.holder, this.onAir), this.holder);
      peer.lastNotice = JSON.stringify(floor);
      const channel = this.routing.route(this.state, peer, 'join');
      const producers = [...peer.announced].flatMap((id) => {
        const owner = this.ownerOf(id);
        return owner ? [producerInfo(owner)] : [];
      });
      this.routing.countsChanged(peer.role === 'moderator');
      return { routerRtpCapabilities: this.router.rtpCapabilities, producers, floor, channels: this.routing.statuses(this.state), channel };
    });
  }

  /**
   * One send and one receive transport per connection; asking again replaces the old one. Send
   * transports live on the primary router (every microphone is there, piped out from it); receive
   * transports on whichever of the meeting's routers has room (routers.ts).
   */
  createTransport(peerId: string, direction: 'send' | 'recv'): Promise<TransportInfo> {
    return this.run(async () => {
      const peer = this.peer(peerId);
      const placement = await this.placementFor(direction);
      const t = await placement.router.createWebRtcTransport({
        listenInfos: this.opts.listenInfos,
        enableUdp: true,
        enableTcp: true,
        preferUdp: true,
        appData: { peerId, direction },
      });
      this.install(peer, direction, t, placement);
      return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters };
    });
  }

  /**
   * A plain RTP transport instead of WebRTC, for listeners and speakers that are Node programs (the
   * audio-fanout benchmark, tests): `send` takes RTP from whoever sends to it first (comedia);
   * `recv` sends the consumed RTP to `remote`. Same placement and channel rules as a browser's.
   */
  createPlainTransport(peerId: string, direction: 'send' | 'recv', remote?: { ip: string; port: number }): Promise<PlainTransportInfo> {
    return this.run(async () => {
      const peer = this.peer(peerId);
      const placement = await this.placementFor(direction);
      const ip = this.opts.listenInfos[0]?.ip ?? '127.0.0.1';
      const t = await placement.router.createPlainTransport({
        listenInfo: { protocol: 'udp', ip },
        rtcpMux: true,
        comedia: direction === 'send',
        appData: { peerId, direction },
      });
      if (direction === 'recv' && remote) await t.connect({ ip: remote.ip, port: remote.port });
      this.install(peer, direction, t, placement);
      return { id: t.id, ip: t.tuple.localAddress ?? ip, port: t.tuple.localPort };
    });
  }

  connectTransport(peerId: string, transportId: string, dtlsParameters: ms.DtlsParameters): Promise<void> {
    return this.run(async () => {
      const t = this.peer(peerId).transport(transportId);
      if (t.type !== 'webrtc') throw new AudioError('bad_request', 'Not a WebRTC transport');
      await (t as ms.WebRtcTransport).connect({ dtlsParameters });
    });
  }

  /**
   * Creates the connection's microphone producer, refused with `audio.no_floor` unless the floor
   * rules allow it. It starts paused when the right is only `held` or a mute applies. It is piped to
   * every router of the meeting, then announced to the connections that hear its channel.
   */
  produce(peerId: string, transportId: string, kind: ms.MediaKind, rtpParameters: ms.RtpParameters): Promise<{ producerId: string }> {
    return this.run(async () => {
      const peer = this.peer(peerId);
      if (kind !== 'audio') throw new AudioError('bad_request', 'Only audio can be produced');
      const right = micRight(peer, this.holder, this.onAir);
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
      await this.routers.pipeEverywhere(producer.id);
      await this.levels.add(producer.id);
      this.routing.routeAll(this.state);
      return { producerId: producer.id };
    });
  }

  /** A paused consumer of a producer this connection hears; the client resumes it once ready. */
  consume(peerId: string, transportId: string, producerId: string, rtpCapabilities: ms.RtpCapabilities): Promise<ConsumerInfo> {
    return this.run(async () => {
      const peer = this.peer(peerId);
      const t = peer.transport(transportId);
      if (t !== peer.recv || !peer.recvRouter) throw new AudioError('bad_request', 'Consume on the receive transport');
      const owner = this.ownerOf(producerId);
      if (!owner) throw new AudioError('not_found', 'No such producer');
      if (owner === peer) throw new AudioError('bad_request', 'Cannot consume your own producer');
      if (!peer.announced.has(producerId)) throw new AudioError('forbidden', 'This producer is not on the channel you hear');
      if (!peer.recvRouter.canConsume({ producerId, rtpCapabilities })) {
        throw new AudioError('bad_request', 'Your device cannot receive this audio');
      }
      peer.consumers.get(producerId)?.close();
      const c = await t.consume({ producerId, rtpCapabilities, paused: true });
      peer.consumers.set(producerId, c);
      c.observer.once('close', () => {
        if (peer.consumers.get(producerId) === c) peer.consumers.delete(producerId);
        this.syncLoad(peer);
      });
      this.syncLoad(peer);
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
   * What this connection hears: the floor or a booth (`withFloor`: the floor too, for ducking). The
   * consumers are swapped on its receive transport: `audio:producerClosed` for what it leaves,
   * `audio:newProducer` for what it now hears.
   */
  setChannel(peerId: string, channel: ChannelId, withFloor: boolean): Promise<ChannelNotice> {
    return this.run(async () => {
      const peer = this.peer(peerId);
      if (!channelExists(this.state, channel)) throw new AudioError('audio.no_channel', 'No booth of that language is open');
      peer.chosen = channel;
      peer.withFloor = withFloor;
      const notice = this.routing.route(this.state, peer, 'ack');
      this.routing.countsChanged();
      return notice;
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
        await enforceFloor(actor, this.holder, this.outbox, this.onAir);
        return;
      }
      if (actor.role !== 'moderator') throw new AudioError('forbidden', 'Only a moderator can mute others');
      const targets = [...this.peers.values()].filter((p) => muteCovers(p, target));
      if (!targets.length) throw new AudioError('not_found', 'Nobody to mute');
      for (const p of targets) {
        p.locked = muted;
        await enforceFloor(p, this.holder, this.outbox, this.onAir);
      }
    });
  }

  leave(peerId: string): Promise<void> {
    return this.run(async () => {
      const peer = this.peers.get(peerId);
      this.releaseLoad(peer);
      peer?.closeMedia();
      this.peers.delete(peerId);
      this.routing.countsChanged();
    });
  }

  /** The floor changed (or may have): pause, resume or close producers and tell each connection. */
  applyFloor(holder: FloorHolder | null): Promise<void> {
    return this.run(async () => {
      this.setHolder(holder);
      for (const peer of this.peers.values()) await enforceFloor(peer, this.holder, this.outbox, this.onAir);
    });
  }

  /** The meeting changed: the floor, and who is on air in which booth. Producers follow, then routes. */
  applyMeeting(state: MeetingState): Promise<void> {
    return this.run(async () => {
      // Most events (votes, requests to speak) change neither the floor nor the booths: with a
      // thousand connections, re-checking every one of them for each would be the room's main cost.
      const key = JSON.stringify([floorHolder(state), channelStatuses(state, NO_SILENCE)]);
      const same = key === this.meetingKey;
      this.meetingKey = key;
      this.state = state;
      if (same) return;
      this.setState(state);
      for (const peer of this.peers.values()) await enforceFloor(peer, this.holder, this.outbox, this.onAir);
      this.routing.routeAll(this.state);
    });
  }

  /**
   * A worker of the meeting died: move to a new primary router, forget every transport (they died
   * with it) and ask each connection to re-join. Peers, floor, mutes and channel choices stay.
   */
  rebuild(placement: Placement): Promise<void> {
    return this.run(async () => {
      this.levels.close();
      for (const p of this.peers.values()) {
        this.releaseLoad(p);
        p.closeMedia();
      }
      this.routers.close();
      await this.attach(placement);
      for (const p of this.peers.values()) {
        p.lastNotice = undefined;
        p.heard = undefined;
        this.outbox.send(p.id, { event: 'audio:restart', payload: { reason: 'worker_died' } });
      }
    });
  }

  /** Whether one of the meeting's routers is on that worker process. */
  usesWorker(pid: number): boolean {
    return this.routers.usesWorker(pid);
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** Plain facts for diagnostics and tests. */
  describe(): {
    routerId: string;
    workerPid: number;
    routers: Array<{ routerId: string; workerPid: number }>;
    peers: Array<{
      id: string;
      role: PeerInfo['role'];
      participantId: string | null;
      producer: { id: string; paused: boolean } | null;
      consumers: number;
      chosen: ChannelId;
      hears: ChannelId | null;
      recvWorkerPid: number | null;
    }>;
    silentBooths: Language[];
  } {
    return {
      routerId: this.router.id,
      workerPid: this.worker.pid,
      routers: this.routers.all.map((p) => ({ routerId: p.router.id, workerPid: p.worker.pid })),
      peers: [...this.peers.values()].map((p) => ({
        id: p.id,
        role: p.role,
        participantId: p.participantId,
        producer: p.producer ? { id: p.producer.id, paused: p.producer.paused } : null,
        consumers: p.consumers.size,
        chosen: p.chosen,
        hears: p.heard?.effective ?? null,
        recvWorkerPid: p.loadWorker?.pid ?? null,
      })),
      silentBooths: [...this.routing.silent],
    };
  }

  close(): void {
    this.closed = true;
    this.levels.close();
    this.routing.close();
    for (const p of this.peers.values()) {
      this.releaseLoad(p);
      p.closeMedia();
    }
    this.peers.clear();
    this.routers.close();
  }

  private async attach(placement: Placement): Promise<void> {
    const options = { mediaCodecs: MEDIA_CODECS, appData: { meetingId: this.meetingId } };
    this.routers = new RoomRouters(placement, this.opts.pool ?? null, this.opts.consumersPerWorker ?? 500, options);
    this.levels = await LevelWatch.create(placement.router, {
      intervalMs: this.opts.levelIntervalMs,
      thresholdDb: this.opts.levelThresholdDb,
      silenceAfterMs: this.opts.silenceAfterMs,
      tickMs: Math.min(this.opts.silenceAfterMs, this.opts.boothSilenceMs ?? 5000) / 4,
      now: this.now,
      onLevels: (entries) => this.routing.levels(entries, (id) => this.ownerOf(id)),
      onSilence: (notice) => this.routing.toModerators({ event: 'audio:silence', payload: notice }),
      target: () => silenceTarget(this.holder, [...this.peers.values()], this.liveSince),
      onTick: () => this.routing.checkBooths(this.state),
    });
  }

  private async placementFor(direction: 'send' | 'recv'): Promise<Placement> {
    if (direction === 'send') return this.routers.primary;
    const producerIds = [...this.peers.values()].flatMap((p) => (p.producer ? [p.producer.id] : []));
    return this.routers.forListener(producerIds);
  }

  private install(peer: Peer, direction: 'send' | 'recv', t: ms.WebRtcTransport | ms.PlainTransport, placement: Placement): void {
    // A second receive transport replaces the first, whose consumers die with it: what the peer
    // hears is announced again for the new one. The first one needs nothing: the join answer
    // listed the producers it hears.
    const replacing = direction === 'recv' && peer.recv !== undefined;
    if (direction === 'recv') this.releaseLoad(peer);
    if (replacing) peer.announced.clear();
    peer.setTransport(direction, t);
    if (direction === 'recv') {
      peer.recvRouter = placement.router;
      peer.loadWorker = placement.worker;
      this.syncLoad(peer);
      (t.observer as ms.Transport['observer']).once('close', () => this.syncLoad(peer));
      if (replacing) this.routing.route(this.state, peer, 'ack');
    }
  }

  /** Reports a peer's listener slots to the pool (the measure that spreads listeners over workers). */
  private syncLoad(peer: Peer): void {
    this.routers.report(peer, this.peers.get(peer.id) === peer ? peer.load : 0);
  }

  private releaseLoad(peer: Peer | undefined): void {
    if (peer) this.routers.report(peer, 0);
  }

  private setState(state: MeetingState): void {
    this.state = state;
    this.onAir = onAirInterpreters(state);
    this.setHolder(floorHolder(state));
  }

  private setHolder(holder: FloorHolder | null): void {
    this.holder = holder;
    const key = holder && !holder.paused ? holder.turnId : '';
    if (key !== this.liveKey) {
      this.liveKey = key;
      this.liveSince = this.now();
    }
  }

  private ownerOf(producerId: string): Peer | undefined {
    return [...this.peers.values()].find((p) => p.producer?.id === producerId);
  }

  private onProducerClosed(peer: Peer, producer: ms.Producer): void {
    if (peer.producer === producer) peer.producer = undefined;
    this.levels.forget(producer.id);
    if (this.closed) return;
    this.routing.producerGone(producer.id);
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
