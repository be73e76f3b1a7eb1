/**
 * "Speaking now" and the silent-microphone alarm for one router. An AudioLevelObserver reports the
 * producers above a threshold every interval; from that we keep, per producer, when it was last heard,
 * and a slow tick compares the floor holder's sources against the silence limit.
 */
import type { types as ms } from 'mediasoup';
import type { SilenceNotice } from './types.js';

/** Whose silence to watch now: the running turn and the producers that carry its voice. */
export interface SilenceTarget {
  turnId: string;
  participantId: string | null;
  name: string;
  producerIds: string[];
  /** When the turn became (or became again) live: silence is counted from here at the earliest. */
  liveSince: number;
}

export interface LevelWatchOptions {
  intervalMs: number;
  thresholdDb: number;
  silenceAfterMs: number;
  now: () => number;
  /** Producers above the threshold in the last interval (empty when everyone fell silent). */
  onLevels: (entries: Array<{ producerId: string; volume: number }>) => void;
  onSilence: (notice: SilenceNotice) => void;
  /** Asked on every tick: the turn to watch, or null when nobody holds a running turn. */
  target: () => SilenceTarget | null;
  /** Called on every tick after the floor check (the booths' silence check hangs here). */
  onTick?: () => void;
  /** Tick period (ms); default a quarter of `silenceAfterMs` (the alarm is then at most ~25 % late). */
  tickMs?: number;
}

export class LevelWatch {
  private readonly lastHeard = new Map<string, number>();
  private flagged: SilenceNotice | null = null;
  private timer: NodeJS.Timeout | undefined;
  /** True after the observer's last report was non-empty: lets us send one empty report on silence. */
  private speaking = false;

  private constructor(
    private readonly observer: ms.AudioLevelObserver,
    private readonly opts: LevelWatchOptions,
  ) {}

  static async create(router: ms.Router, opts: LevelWatchOptions): Promise<LevelWatch> {
    const observer = await router.createAudioLevelObserver({
      maxEntries: 16,
      threshold: opts.thresholdDb,
      interval: opts.intervalMs,
    });
    const w = new LevelWatch(observer, opts);
    observer.on('volumes', (vs) => w.onVolumes(vs));
    observer.on('silence', () => w.onQuiet());
    // Check several times per silence period so the alarm is at most ~25 % late; never keep Node alive.
    w.timer = setInterval(() => w.tick(), Math.max(100, Math.min(1000, opts.tickMs ?? opts.silenceAfterMs / 4)));
    w.timer.unref();
    return w;
  }

  async add(producerId: string): Promise<void> {
    if (this.observer.closed) return;
    await this.observer.addProducer({ producerId });
  }

  /** When a producer was last heard above the threshold (0: never). */
  heardAt(producerId: string): number {
    return this.lastHeard.get(producerId) ?? 0;
  }

  /** Forgets a closed producer (the observer drops it by itself). */
  forget(producerId: string): void {
    this.lastHeard.delete(producerId);
  }

  close(): void {
    clearInterval(this.timer);
    if (!this.observer.closed) this.observer.close();
  }

  private onVolumes(vs: ms.AudioLevelObserverVolume[]): void {
    const now = this.opts.now();
    for (const v of vs) this.lastHeard.set(v.producer.id, now);
    this.speaking = vs.length > 0;
    this.opts.onLevels(vs.map((v) => ({ producerId: v.producer.id, volume: Math.round(v.volume) })));
    this.tick();
  }

  private onQuiet(): void {
    if (!this.speaking) return;
    this.speaking = false;
    this.opts.onLevels([]);
  }

  /** Raises the alarm once per silent stretch and clears it when sound returns or the turn moves on. */
  private tick(): void {
    this.checkFloor();
    this.opts.onTick?.();
  }

  private checkFloor(): void {
    const t = this.opts.target();
    const f = this.flagged;
    if (f && (!t || t.turnId !== f.turnId)) {
      this.clear(f);
    }
    if (!t) return;
    const now = this.opts.now();
    const heard = Math.max(t.liveSince, ...t.producerIds.map((id) => this.lastHeard.get(id) ?? 0));
    const quietFor = now - heard;
    if (!this.flagged && quietFor >= this.opts.silenceAfterMs) {
      this.flagged = { turnId: t.turnId, participantId: t.participantId, name: t.name, silent: true, silentForMs: quietFor };
      this.opts.onSilence(this.flagged);
    } else if (this.flagged && quietFor < this.opts.silenceAfterMs) {
      this.clear(this.flagged);
    }
  }

  private clear(f: SilenceNotice): void {
    this.flagged = null;
    this.opts.onSilence({ ...f, silent: false, silentForMs: 0 });
  }
}
