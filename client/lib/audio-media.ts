/**
 * Browser media helpers for audio: opening the microphone with failures named the way the UI shows
 * them, level meters, and playback of received tracks. Nothing runs at import time, so Node code
 * (tests, bots) can import the audio client without a browser.
 */

/** Why the microphone could not be opened. */
export type MicProblem = 'no-device' | 'denied' | 'unsupported' | 'error';

export class MicError extends Error {
  override readonly name = 'MicError';
  constructor(readonly problem: MicProblem, message: string) {
    super(message);
  }
}

export interface MicOptions {
  deviceId?: string;
  /**
   * Voice processing (echo cancellation, noise suppression, gain control): on for a person's
   * microphone; off for the room bridge, whose input is the hall mixer's already-processed feed.
   */
  processing?: boolean;
}

/** Opens the microphone; rejects with a MicError saying what the person can do about it. */
export async function openMicrophone(opts: MicOptions = {}): Promise<MediaStreamTrack> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    throw new MicError('unsupported', 'This browser cannot use a microphone here (a secure https page is needed)');
  }
  const processing = opts.processing ?? true;
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        ...(opts.deviceId ? { deviceId: { exact: opts.deviceId } } : {}),
        echoCancellation: processing,
        noiseSuppression: processing,
        autoGainControl: processing,
      },
    });
    const track = stream.getAudioTracks()[0];
    if (!track) throw new MicError('no-device', 'No microphone track');
    return track;
  } catch (e) {
    if (e instanceof MicError) throw e;
    const name = (e as { name?: string }).name;
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new MicError('denied', 'Microphone permission denied');
    if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') {
      throw new MicError('no-device', 'No usable microphone');
    }
    throw new MicError('error', String((e as Error)?.message ?? e));
  }
}

/**
 * Opens the chosen microphone, or the default one if the chosen one is gone (unplugged, or its id
 * changed): `fellBack` says which happened, so the page can tell the person.
 */
export async function openMicrophoneOrDefault(opts: MicOptions = {}): Promise<{ track: MediaStreamTrack; fellBack: boolean }> {
  try {
    return { track: await openMicrophone(opts), fellBack: false };
  } catch (e) {
    if (!opts.deviceId || !(e instanceof MicError) || e.problem !== 'no-device') throw e;
    return { track: await openMicrophone({ ...opts, deviceId: undefined }), fellBack: true };
  }
}

/** A level meter on one or more tracks: `level()` is the current peak, 0 (silence) … 1. */
export class LevelMeter {
  private readonly analyser: AnalyserNode;
  private readonly sources = new Map<MediaStreamTrack, MediaStreamAudioSourceNode>();
  private readonly buf: Float32Array<ArrayBuffer>;

  constructor(private readonly ctx: AudioContext) {
    this.analyser = ctx.createAnalyser();
    this.analyser.fftSize = 512;
    this.buf = new Float32Array(this.analyser.fftSize);
  }

  add(track: MediaStreamTrack): void {
    if (this.sources.has(track)) return;
    const src = this.ctx.createMediaStreamSource(new MediaStream([track]));
    src.connect(this.analyser); // measured only; playback goes through <audio> elements
    this.sources.set(track, src);
  }

  remove(track: MediaStreamTrack): void {
    this.sources.get(track)?.disconnect();
    this.sources.delete(track);
  }

  level(): number {
    this.analyser.getFloatTimeDomainData(this.buf);
    let peak = 0;
    for (const v of this.buf) peak = Math.max(peak, Math.abs(v));
    return Math.min(1, peak);
  }

  close(): void {
    for (const s of this.sources.values()) s.disconnect();
    this.sources.clear();
  }
}

/**
 * Plays received tracks through <audio> elements (Chromium only plays remote WebRTC audio that is
 * attached to a media element) at one master volume.
 */
export class Playback {
  private readonly elements = new Map<MediaStreamTrack, HTMLAudioElement>();
  /** Per-track share of the master volume (ducking: the original under an interpretation). */
  private readonly gains = new Map<MediaStreamTrack, number>();
  private volume = 1;
  /** The chosen output ('' = default); applied to elements added later too. */
  private sinkId = '';

  add(track: MediaStreamTrack): void {
    if (this.elements.has(track)) return;
    const el = document.createElement('audio');
    el.autoplay = true;
    el.volume = this.volume * (this.gains.get(track) ?? 1);
    el.srcObject = new MediaStream([track]);
    el.dataset.plenaryAudio = '';
    if (this.sinkId) void sinkOf(el)?.(this.sinkId).catch(() => undefined); // a vanished output: the default plays
    document.body.appendChild(el);
    void el.play().catch(() => undefined); // the Listen click unlocked autoplay; nothing to do otherwise
    this.elements.set(track, el);
  }

  remove(track: MediaStreamTrack): void {
    const el = this.elements.get(track);
    if (!el) return;
    el.srcObject = null;
    el.remove();
    this.elements.delete(track);
    this.gains.delete(track);
  }

  setVolume(v: number): void {
    this.volume = Math.max(0, Math.min(1, v));
    for (const [t, el] of this.elements) el.volume = this.volume * (this.gains.get(t) ?? 1);
  }

  /** Plays one track at a share (0…1) of the master volume; kept if the track is added later. */
  setGain(track: MediaStreamTrack, gain: number): void {
    this.gains.set(track, Math.max(0, Math.min(1, gain)));
    const el = this.elements.get(track);
    if (el) el.volume = this.volume * this.gains.get(track)!;
  }

  /**
   * Routes playback to an output device ('' = default; the room bridge picks the sound system), where
   * the browser supports it, for the elements playing now and those added later. Rejects (e.g.
   * NotFoundError) if the device cannot be used; the elements then stay where they were.
   */
  async setOutput(deviceId: string): Promise<void> {
    for (const el of this.elements.values()) await sinkOf(el)?.(deviceId);
    this.sinkId = deviceId;
  }

  close(): void {
    for (const t of [...this.elements.keys()]) this.remove(t);
  }
}

/** HTMLMediaElement.setSinkId bound to `el`, or undefined where the browser lacks it (Firefox before 116, Safari). */
function sinkOf(el: HTMLMediaElement): ((id: string) => Promise<void>) | undefined {
  const withSink = el as HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };
  return withSink.setSinkId?.bind(el);
}
