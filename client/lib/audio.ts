/**
 * The browser's side of meeting audio: a mediasoup-client Device over the `audio:*` socket events.
 * `listen()` (from a click, for autoplay rules) joins, receives every producer and follows new ones;
 * the microphone opens when the server says so (`audio:floor`) for participants and the room bridge,
 * or on demand for the chair. The server enforces the floor; this only follows it. Reconnects by
 * itself after a lost connection or a media-server restart.
 */
import { Device, type types as msc } from 'mediasoup-client';
import type { AckError, FloorNotice, ServerToClientEvents, SilenceNotice, SpeakingEntry } from '../../shared/protocol.js';
import type { AudioMuteTarget, ChannelCounts, ChannelId, ChannelNotice, ChannelStatus, ProducerInfo } from '../../shared/audio-protocol.js';
import { channelGain } from './audio-channels.js';
import { LevelMeter, MicError, Playback, type MicOptions, type MicProblem } from './audio-media.js';
import { analyseTrack, type Spectrum } from './audio-analyse.js';
import { AudioReceiver, type ReceiveStats } from './audio-receive.js';
import { MicSender, type InputInUse } from './audio-send.js';
import { audioRequester, openTransport, type AudioRequest } from './audio-signal.js';
import type { ClientSocket, PlenaryClient } from './plenary-client.js';

export type { ReceiveStats } from './audio-receive.js';
export type { InputInUse } from './audio-send.js';

export type ListenState = 'off' | 'connecting' | 'on' | 'reconnecting' | 'unavailable';
export type MicState = 'off' | 'opening' | 'live' | 'paused' | MicProblem;

export interface AudioSnapshot {
  listen: ListenState;
  mic: MicState;
  floor: FloorNotice | null;
  speaking: SpeakingEntry[];
  /** Moderators: the floor holder is silent (or null). */
  silence: SilenceNotice | null;
  error: AckError | null;
  /** The microphone actually sending (null when none): `fellBack` = the chosen one was missing, the default is used. */
  input: InputInUse | null;
  /** What this connection hears (chosen channel, the one heard now, why they differ); null before joining. */
  channel: ChannelNotice | null;
  /** Every channel: the floor and each open booth, on air or not. */
  channels: ChannelStatus[];
  /** Moderators: listeners per channel. */
  counts: ChannelCounts | null;
}

/** The channel a connection asks for; `withFloor`: ducking (the original quietly underneath). */
export interface ChannelChoice {
  channel: ChannelId;
  withFloor: boolean;
}


export interface AudioClientOptions {
  /** Open the microphone whenever the server allows it (participants, room bridge); the chair opens it by hand. */
  autoMic: boolean;
  /** Processing and the initial device choice (`deviceId`; change it later with setInput). */
  mic?: MicOptions;
  /** The channel to hear from the first join on (default: the floor). */
  channel?: ChannelChoice;
}

export class AudioClient {
  snap: AudioSnapshot = {
    listen: 'off', mic: 'off', floor: null, speaking: [], silence: null, error: null, input: null, channel: null, channels: [], counts: null,
  };
  /** What each producer received carries (its channel decides its volume under ducking). */
  private readonly producers = new Map<string, ProducerInfo>();
  private want: ChannelChoice;
  private device: Device | null = null;
  private recv: msc.Transport | null = null;
  private send: msc.Transport | null = null;
  private readonly receiver: AudioReceiver;
  private ctx: AudioContext | null = null;
  private playback: Playback | null = null;
  private outMeter: LevelMeter | null = null;
  private inMeter: LevelMeter | null = null;
  private wantMic = false;
  private readonly mic: MicSender;
  /** The chosen output ('' = default). */
  private outputId = '';
  private epoch = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(s: AudioSnapshot) => void>();
  private readonly detach: Array<() => void> = [];
  private readonly socket: ClientSocket;
  private readonly request: AudioRequest;

  constructor(client: PlenaryClient, private readonly opts: AudioClientOptions) {
    this.socket = client.socket;
    this.request = audioRequester(this.socket);
    this.receiver = new AudioReceiver(this.request, () => ({
      playback: this.playback,
      meter: this.outMeter,
      gain: (id) => this.gainOf(id),
    }));
    this.mic = new MicSender(opts.mic ?? {}, {
      meter: () => {
        if (this.ctx) this.inMeter ??= new LevelMeter(this.ctx);
        return this.inMeter;
      },
      onInput: (input) => this.set({ input }),
      session: () => this.epoch,
    });
    this.want = opts.channel ?? { channel: 'floor', withFloor: false };
    type Pushed = 'audio:newProducer' | 'audio:producerClosed' | 'audio:floor' | 'audio:levels' | 'audio:silence' | 'audio:restart'
      | 'audio:channels' | 'audio:channel' | 'audio:channelCounts';
    const on = <E extends Pushed>(
      e: E, fn: (p: Parameters<ServerToClientEvents[E]>[0]) => void) => {
      this.socket.on(e, fn as never);
      this.detach.push(() => this.socket.off(e, fn as never));
    };
    on('audio:newProducer', (p) => {
      this.producers.set(p.producerId, p);
      void this.consume(p.producerId, this.epoch);
    });
    on('audio:producerClosed', (p) => {
      this.producers.delete(p.producerId);
      this.receiver.drop(p.producerId);
    });
    on('audio:channels', (c) => this.set({ channels: c.channels }));
    on('audio:channel', (n) => this.onChannel(n));
    on('audio:channelCounts', (c) => this.set({ counts: c }));
    on('audio:floor', (f) => this.onFloor(f));
    on('audio:levels', (l) => this.set({ speaking: l.speaking }));
    on('audio:silence', (s) => this.set({ silence: s.silent ? s : null }));
    on('audio:restart', () => this.rejoinSoon(0));
    // The socket reconnected and the session re-joined: our server-side peer is gone, join again.
    this.detach.push(client.onStatus((st) => {
      if (this.snap.listen === 'off') return;
      if (st === 'connected') this.rejoinSoon(0);
      else this.set({ listen: 'reconnecting' });
    }));
  }

  onChange(fn: (s: AudioSnapshot) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Starts listening. Call it from a click: it creates the AudioContext that autoplay rules require. */
  async listen(): Promise<void> {
    if (typeof AudioContext !== 'undefined' && !this.ctx) {
      this.ctx = new AudioContext();
      this.outMeter = new LevelMeter(this.ctx);
    }
    await this.ctx?.resume().catch(() => undefined);
    if (!this.playback) {
      this.playback = new Playback();
      await this.playback.setOutput(this.outputId).catch(() => undefined); // nothing plays yet: this only records it
    }
    await this.join();
  }

  /** Peak of what is heard (0…1) and of the own microphone, for meters. */
  outputLevel(): number {
    return this.outMeter?.level() ?? 0;
  }
  inputLevel(): number {
    return this.inMeter?.level() ?? 0;
  }

  /**
   * What the browser received per producer (inbound-rtp of each consumer): for diagnostics and the
   * end-to-end tests, which prove a speaker is heard — or not — from these numbers.
   */
  receiveStats(): Promise<ReceiveStats[]> {
    return this.receiver.stats();
  }

  /** The producers received now, as the server described them (who, which channel). */
  heard(): ProducerInfo[] {
    return this.receiver.producerIds().flatMap((id) => this.producers.get(id) ?? []);
  }

  /**
   * The dominant frequency of what is received from `producerId` over `ms` (null when it is not
   * received or there is no AudioContext): diagnostics, and the interpretation e2e test's proof.
   */
  async analyse(producerId: string, ms = 1000): Promise<Spectrum | null> {
    const track = this.receiver.track(producerId);
    if (!track || !this.ctx) return null;
    return analyseTrack(this.ctx, track, ms);
  }

  setVolume(v: number): void {
    this.playback?.setVolume(v);
  }

  /**
   * Chooses what to hear: the floor or a booth, with or without the original underneath. The server
   * swaps the consumers (and falls back to the floor while the booth is off air or silent); before
   * listening the choice is kept for the join.
   */
  async setChannel(choice: ChannelChoice): Promise<boolean> {
    this.want = choice;
    if (this.snap.listen !== 'on' && this.snap.listen !== 'reconnecting') return true;
    const r = await this.request('audio:setChannel', choice);
    if (!r.ok) {
      this.set({ error: r.error });
      return false;
    }
    this.onChannel(r.data);
    return true;
  }

  /**
   * Uses another microphone ('' = the default). While producing, the new track replaces the old one
   * in the same producer (replaceTrack): no re-join, listeners keep the same consumer. Resolves with
   * the problem if the device cannot be opened (the old microphone then keeps sending).
   */
  setInput(deviceId: string): Promise<MicProblem | null> {
    return this.mic.setInput(deviceId);
  }

  /** Plays everything through another output ('' = default) where supported; false if it could not be used. */
  async setOutput(deviceId: string): Promise<boolean> {
    try {
      await this.playback?.setOutput(deviceId); // not listening yet: applied by listen()
      this.outputId = deviceId;
      return true;
    } catch {
      return false;
    }
  }

  /** The chair microphone (moderators), or a manual retry after a microphone problem. */
  async openMic(): Promise<void> {
    this.wantMic = true;
    await this.produce(this.epoch);
  }

  closeMic(): void {
    this.wantMic = false;
    this.stopProducer();
    this.set({ mic: 'off' });
  }

  /** Mutes yourself; or, for moderators, someone else (locked until a moderator unmutes). */
  setMuted(muted: boolean, target?: AudioMuteTarget): Promise<boolean> {
    return this.ask('audio:setMuted', target ? { muted, target } : { muted });
  }

  /** Ends your own turn. */
  handBack(): Promise<boolean> {
    return this.ask('audio:handBack', {});
  }

  /** Stops listening and speaking. */
  async stop(): Promise<void> {
    this.epoch++;
    this.clearRetry();
    this.teardown();
    this.set({ listen: 'off', mic: 'off', speaking: [] });
    await this.ask('audio:leave', {});
  }

  close(): void {
    void this.stop();
    for (const d of this.detach.splice(0)) d();
    this.outMeter?.close();
    this.inMeter?.close();
    void this.ctx?.close().catch(() => undefined);
    this.playback?.close();
  }

  private async join(): Promise<void> {
    const epoch = ++this.epoch;
    this.clearRetry();
    this.teardown();
    this.set({ listen: this.snap.listen === 'on' ? 'reconnecting' : 'connecting', error: null });
    const joined = await this.request('audio:join', {});
    if (epoch !== this.epoch) return;
    if (!joined.ok) {
      if (joined.error.code === 'audio.unavailable') return this.set({ listen: 'unavailable', error: joined.error });
      return this.rejoinSoon(2000, joined.error);
    }
    try {
      const device = new Device();
      await device.load({ routerRtpCapabilities: joined.data.routerRtpCapabilities });
      this.device = device;
      this.recv = await this.transport('recv', epoch);
      if (epoch !== this.epoch) return;
      this.set({ listen: 'on', channels: joined.data.channels });
      this.onChannel(joined.data.channel);
      this.onFloor(joined.data.floor);
      for (const p of joined.data.producers) this.producers.set(p.producerId, p);
      const c = joined.data.channel;
      // First join (the server starts everyone on the floor), or a server that lost the choice: ask again.
      if (c.chosen !== this.want.channel || c.withFloor !== this.want.withFloor) void this.setChannel(this.want);
      await Promise.all(joined.data.producers.map((p) => this.consume(p.producerId, epoch)));
    } catch (e) {
      if (epoch === this.epoch) this.rejoinSoon(2000, { code: 'audio.unavailable', message: String(e) });
    }
  }

  private transport(direction: 'send' | 'recv', epoch: number): Promise<msc.Transport> {
    return openTransport(this.request, () => this.device!, direction, (s, t) => {
      if (epoch !== this.epoch) return;
      if (s === 'failed') this.rejoinSoon(1000);
      // 'disconnected' often heals by itself (ICE); give it a few seconds before starting over.
      if (s === 'disconnected') {
        this.set({ listen: 'reconnecting' });
        setTimeout(() => t.connectionState !== 'connected' && epoch === this.epoch && this.rejoinSoon(0), 4000);
      }
      if (s === 'connected' && this.snap.listen === 'reconnecting') this.set({ listen: 'on' });
    });
  }

  private async consume(producerId: string, epoch: number): Promise<void> {
    if (!this.device || !this.recv) return;
    await this.receiver.consume(this.device, this.recv, producerId, () => epoch === this.epoch && this.recv !== null);
  }

  private onChannel(n: ChannelNotice): void {
    this.set({ channel: n });
    for (const id of this.receiver.producerIds()) {
      const track = this.receiver.track(id);
      if (track) this.playback?.setGain(track, this.gainOf(id));
    }
  }

  private gainOf(producerId: string): number {
    const info = this.producers.get(producerId);
    return info ? channelGain(info.channel, this.snap.channel) : 1;
  }

  private onFloor(f: FloorNotice): void {
    this.set({ floor: f });
    if (f.mic === 'closed') {
      this.wantMic = false;
      this.stopProducer();
      return this.set({ mic: 'off' });
    }
    if (this.opts.autoMic) this.wantMic = true;
    if (this.wantMic && !this.mic.producer) void this.produce(this.epoch);
    else if (this.mic.producer) this.set({ mic: f.mic === 'open' ? 'live' : 'paused' });
  }

  private async produce(epoch: number): Promise<void> {
    if (this.mic.producer || this.snap.mic === 'opening' || !this.device || !this.snap.floor || this.snap.floor.mic === 'closed') return;
    this.set({ mic: 'opening' });
    try {
      await this.mic.start(async () => (this.send ??= await this.transport('send', epoch)), () => epoch === this.epoch);
      this.set({ mic: this.snap.floor?.mic === 'open' ? 'live' : 'paused' });
    } catch (e) {
      if (e instanceof MicError) return this.set({ mic: e.problem });
      this.set({ mic: 'off' });
      if ((e as { code?: string }).code === 'audio.no_floor') this.wantMic = false;
    }
  }

  private stopProducer(): void {
    this.mic.stop();
  }

  private teardown(): void {
    this.stopProducer();
    this.receiver.dropAll();
    this.producers.clear();
    this.send?.close();
    this.recv?.close();
    this.send = this.recv = null;
    this.device = null;
  }

  private rejoinSoon(delayMs: number, error?: AckError): void {
    this.clearRetry();
    this.set({ listen: 'reconnecting', ...(error ? { error } : {}) });
    this.retry = setTimeout(() => void this.join(), delayMs);
  }

  private clearRetry(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  private async ask(event: 'audio:setMuted' | 'audio:handBack' | 'audio:leave', payload: object): Promise<boolean> {
    const r = await this.request(event, payload as never);
    if (!r.ok) this.set({ error: r.error });
    return r.ok;
  }

  private set(patch: Partial<AudioSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l(this.snap);
  }
}
