/**
 * The audio side of the server: a worker pool and one AudioRoom per meeting that has audio
 * connections. The socket layer calls `room(meetingId)` for every audio:* request; the meeting
 * service calls `onApplied` after every accepted batch so the floor is enforced the moment it changes.
 */
import type { MeetingState } from '../../shared/domain/index.js';
import { listenInfos, type AudioConfig } from './config.js';
import { AudioRoom, MEDIA_CODECS, type AudioRoomOptions } from './room.js';
import { AudioError, type AudioJoinInfo, type AudioOutbox, type PeerInfo } from './types.js';
import { WorkerPool } from './workers.js';

export interface AudioServiceDeps {
  outbox: AudioOutbox;
  /** The meeting's current state, to know the floor when its audio room is created. */
  loadState?: (meetingId: string) => Promise<MeetingState | null> | MeetingState | null;
  /** Where operational problems go (a worker died, enforcement failed); defaults to nowhere. */
  log?: (level: 'warn' | 'error', message: string, detail?: Record<string, unknown>) => void;
  /** Test hook: the clock for silence detection. */
  now?: () => number;
  /** A meeting's room closed (its last connection left): e.g. give up owning its audio. */
  onRoomClosed?: (meetingId: string) => void;
}

export class AudioService {
  private readonly rooms = new Map<string, AudioRoom>();
  private readonly creating = new Map<string, Promise<AudioRoom>>();
  private readonly roomOptions: AudioRoomOptions;
  private starting: Promise<void> | undefined;

  private constructor(
    readonly config: AudioConfig,
    private readonly deps: AudioServiceDeps,
    readonly pool: WorkerPool | null,
  ) {
    this.roomOptions = {
      listenInfos: listenInfos(config),
      silenceAfterMs: config.silenceAfterMs,
      levelIntervalMs: config.levelIntervalMs,
      levelThresholdDb: config.levelThresholdDb,
      boothSilenceMs: config.boothSilenceMs,
      consumersPerWorker: config.consumersPerWorker,
      pool,
      ...(deps.now ? { now: deps.now } : {}),
    };
  }

  /**
   * A service whose workers start on first use (so servers and tests that never use audio spawn no
   * worker); `start` starts them at once. Audio disabled → every room request is `audio.unavailable`.
   */
  static create(config: AudioConfig, deps: AudioServiceDeps): AudioService {
    if (!config.enabled) return new AudioService(config, deps, null);
    const log = deps.log ?? (() => undefined);
    const pool = new WorkerPool({
      size: config.workers,
      logLevel: config.logLevel,
      onDied: (pid, error) => log('error', 'mediasoup worker died; replacing it', { pid, error: error.message }),
    });
    const service = new AudioService(config, deps, pool);
    pool.onReplaced((dead) => void service.relocate(dead));
    return service;
  }

  /** Creates the service and starts its workers now; rejects if they cannot start. */
  static async start(config: AudioConfig, deps: AudioServiceDeps): Promise<AudioService> {
    const service = AudioService.create(config, deps);
    await service.ensureStarted();
    return service;
  }

  get enabled(): boolean {
    return this.pool !== null;
  }

  /** The meeting's audio room, created on first use on the least-loaded worker. */
  async room(meetingId: string): Promise<AudioRoom> {
    const pool = this.pool;
    if (!pool) throw new AudioError('audio.unavailable', 'Audio is disabled on this server');
    const existing = this.rooms.get(meetingId);
    if (existing) return existing;
    let pending = this.creating.get(meetingId);
    if (!pending) {
      pending = this.ensureStarted()
        .then(() => this.createRoom(meetingId, pool))
        .finally(() => this.creating.delete(meetingId));
      this.creating.set(meetingId, pending);
    }
    return pending;
  }

  /** Starts the workers once; a failed start is retried on the next request. */
  private ensureStarted(): Promise<void> {
    if (!this.pool) return Promise.resolve();
    const pool = this.pool;
    this.starting ??= pool.start().catch((e: unknown) => {
      this.starting = undefined;
      this.log('error', 'mediasoup workers could not start', { error: String(e) });
      throw new AudioError('audio.unavailable', 'The audio server could not start');
    });
    return this.starting;
  }

  /**
   * A connection joins the meeting's audio. If the room closed meanwhile (its last peer left while
   * this request waited), a fresh room is made and the join retried once.
   */
  async join(meetingId: string, info: PeerInfo): Promise<AudioJoinInfo> {
    const room = await this.room(meetingId);
    try {
      return await room.join(info);
    } catch (e) {
      if (!(e instanceof AudioError && e.code === 'audio.unavailable' && this.rooms.get(meetingId) !== room)) throw e;
      return (await this.room(meetingId)).join(info);
    }
  }

  /** The room if it exists; never creates one. */
  existing(meetingId: string): AudioRoom | undefined {
    return this.rooms.get(meetingId);
  }

  /**
   * After every applied batch: enforce the floor in the meeting's room, if it has one. Never throws;
   * a failure is logged, and the next change enforces again from the full state.
   */
  onApplied(meetingId: string, state: MeetingState): void {
    const apply = (room: AudioRoom) =>
      room.applyMeeting(state).catch((e: unknown) => this.log('error', 'audio floor enforcement failed', { meetingId, error: String(e) }));
    const room = this.rooms.get(meetingId);
    if (room) void apply(room);
    else void this.creating.get(meetingId)?.then(apply, () => undefined);
  }

  /** A connection leaves; an empty room is closed so its router stops using the worker. */
  async leave(meetingId: string, peerId: string): Promise<void> {
    const room = this.rooms.get(meetingId);
    if (!room) return;
    await room.leave(peerId).catch(() => undefined);
    if (room.peerCount === 0 && this.rooms.get(meetingId) === room) {
      this.rooms.delete(meetingId);
      room.close();
      this.deps.onRoomClosed?.(meetingId);
    }
  }

  async close(): Promise<void> {
    for (const r of this.rooms.values()) r.close();
    this.rooms.clear();
    await this.pool?.close();
  }

  private async createRoom(meetingId: string, pool: WorkerPool): Promise<AudioRoom> {
    const state = await this.deps.loadState?.(meetingId);
    const placement = await pool.createRouter({ mediaCodecs: MEDIA_CODECS, appData: { meetingId } });
    const room = await AudioRoom.create(meetingId, placement, this.deps.outbox, this.roomOptions, state ?? null);
    this.rooms.set(meetingId, room);
    return room;
  }

  /** A worker died and was replaced: every room it hosted gets a new router and its clients re-join. */
  private async relocate(dead: { pid: number }): Promise<void> {
    if (!this.pool) return;
    for (const room of this.rooms.values()) {
      if (!room.usesWorker(dead.pid)) continue;
      try {
        const placement = await this.pool.createRouter({ mediaCodecs: MEDIA_CODECS, appData: { meetingId: room.meetingId } });
        await room.rebuild(placement);
      } catch (e) {
        this.log('error', 'could not re-create an audio router', { meetingId: room.meetingId, error: String(e) });
      }
    }
  }

  private log(level: 'warn' | 'error', message: string, detail?: Record<string, unknown>): void {
    this.deps.log?.(level, message, detail);
  }
}
