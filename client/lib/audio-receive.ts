/**
 * The listening half of the audio client: one consumer per producer heard, its track played and
 * metered, and what was received per producer (the e2e tests prove who is heard from these numbers).
 */
import type { Device, types as msc } from 'mediasoup-client';
import type { LevelMeter, Playback } from './audio-media.js';
import type { AudioRequest } from './audio-signal.js';

export interface ReceiveStats {
  producerId: string;
  packetsReceived: number;
  bytesReceived: number;
  audioLevel: number;
  totalAudioEnergy: number;
}

/** Where received tracks go; either may not exist yet (before the first click) or at all (Node). */
export interface TrackSinks {
  playback: Playback | null;
  meter: LevelMeter | null;
  /** How loud a producer plays (0…1), set before it starts playing (ducking); 1 when absent. */
  gain?: (producerId: string) => number;
}

export class AudioReceiver {
  private readonly consumers = new Map<string, msc.Consumer>();

  constructor(private readonly request: AudioRequest, private readonly sinks: () => TrackSinks) {}

  /**
   * Receives `producerId` through `recv` unless already received; `current` says whether the
   * session that asked is still the live one once the server answered.
   */
  async consume(device: Device, recv: msc.Transport, producerId: string, current: () => boolean): Promise<void> {
    if (this.consumers.has(producerId)) return;
    const r = await this.request('audio:consume', { transportId: recv.id, producerId, rtpCapabilities: device.rtpCapabilities });
    if (!r.ok || !current()) return;
    const c = await recv.consume({ id: r.data.consumerId, producerId, kind: 'audio', rtpParameters: r.data.rtpParameters });
    this.consumers.set(producerId, c);
    const { playback, meter, gain } = this.sinks();
    if (gain) playback?.setGain(c.track, gain(producerId));
    playback?.add(c.track);
    meter?.add(c.track);
    // Resume only now that the track plays: the first syllable is not lost.
    await this.request('audio:resumeConsumer', { consumerId: c.id });
  }

  /** Stops receiving one producer (it closed, or we leave). */
  drop(producerId: string): void {
    const c = this.consumers.get(producerId);
    if (!c) return;
    const { playback, meter } = this.sinks();
    playback?.remove(c.track);
    meter?.remove(c.track);
    c.close();
    this.consumers.delete(producerId);
  }

  /** The track received from `producerId` (null when not received). */
  track(producerId: string): MediaStreamTrack | null {
    return this.consumers.get(producerId)?.track ?? null;
  }

  /** The producers received now. */
  producerIds(): string[] {
    return [...this.consumers.keys()];
  }

  dropAll(): void {
    for (const id of [...this.consumers.keys()]) this.drop(id);
  }

  /** What the browser received per producer (inbound-rtp of each consumer). */
  async stats(): Promise<ReceiveStats[]> {
    const out: ReceiveStats[] = [];
    for (const [producerId, c] of this.consumers) {
      const report = await c.getStats();
      // forEach: the root tsconfig's DOM lib lacks RTCStatsReport's iterator (DOM.Iterable).
      const inbound: Array<Record<string, number | undefined>> = [];
      report.forEach((s: { type: string }) => {
        if (s.type === 'inbound-rtp') inbound.push(s as unknown as Record<string, number | undefined>);
      });
      for (const s of inbound) {
        out.push({
          producerId,
          packetsReceived: s.packetsReceived ?? 0,
          bytesReceived: s.bytesReceived ?? 0,
          audioLevel: s.audioLevel ?? 0,
          totalAudioEnergy: s.totalAudioEnergy ?? 0,
        });
      }
    }
    return out;
  }
}
