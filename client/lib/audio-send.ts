/**
 * The speaking half of the audio client: the microphone opened and produced on the send transport,
 * switched live to another device (replaceTrack: same producer, listeners keep their consumer), and
 * followed when it goes away by itself (unplugged: the choice or the default is reopened).
 * When it may produce is the AudioClient's business (the server's floor notices).
 */
import type { types as msc } from 'mediasoup-client';
import { MicError, openMicrophoneOrDefault, type LevelMeter, type MicOptions, type MicProblem } from './audio-media.js';

/** The microphone actually sending: `fellBack` = the chosen one was missing, the default is used. */
export interface InputInUse {
  deviceId: string;
  label: string;
  fellBack: boolean;
}

/** What the sender needs from its client. */
export interface MicHost {
  /** The input meter, when the page has an AudioContext. */
  meter(): LevelMeter | null;
  /** The sending microphone changed (null: none). */
  onInput(input: InputInUse | null): void;
  /** The audio session's number: a switch that finishes in a later session is dropped. */
  session(): number;
}

export class MicSender {
  producer: msc.Producer | null = null;
  /** The chosen microphone ('' = default). */
  private inputId: string;
  /** Device switches run one after another (two quick picks must not race on replaceTrack). */
  private switching: Promise<unknown> = Promise.resolve();

  constructor(private readonly mic: MicOptions, private readonly host: MicHost) {
    this.inputId = mic.deviceId ?? '';
  }

  /**
   * Opens the chosen microphone and produces it on the transport `send()` gives; `current()` says
   * whether the session that asked is still the live one. Rejects with a MicError (device problem),
   * or the server's refusal (with its `code`), or 'stale'.
   */
  async start(send: () => Promise<msc.Transport>, current: () => boolean): Promise<void> {
    const wanted = this.inputId;
    let track: MediaStreamTrack | null = null;
    try {
      const opened = await openMicrophoneOrDefault({ ...this.mic, deviceId: wanted || undefined });
      track = opened.track;
      const transport = await send();
      if (!current()) throw new Error('stale');
      this.producer = await transport.produce({ track, stopTracks: true, codecOptions: { opusStereo: false, opusDtx: true } });
      this.host.meter()?.add(track);
      this.useTrack(track, opened.fellBack);
    } catch (e) {
      track?.stop();
      throw e;
    }
    if (this.inputId !== wanted) void this.setInput(this.inputId); // picked another one while opening
  }

  /**
   * Uses another microphone ('' = the default); while producing, the new track replaces the old one
   * in the same producer. Resolves with the problem if the device cannot be opened (the old one then
   * keeps sending).
   */
  setInput(deviceId: string): Promise<MicProblem | null> {
    const run = this.switching.then(() => this.switchInput(deviceId));
    this.switching = run.catch(() => undefined);
    return run;
  }

  /** Closes the producer (stopTracks: the browser's microphone indicator goes off). */
  stop(): void {
    if (!this.producer) return;
    this.host.meter()?.remove(this.producer.track!);
    this.producer.close();
    this.producer = null;
    this.host.onInput(null);
  }

  private async switchInput(deviceId: string): Promise<MicProblem | null> {
    this.inputId = deviceId;
    const old = this.producer?.track;
    if (!this.producer || !old) return null; // used when the microphone opens next
    const session = this.host.session();
    let opened: Awaited<ReturnType<typeof openMicrophoneOrDefault>>;
    try {
      opened = await openMicrophoneOrDefault({ ...this.mic, deviceId: deviceId || undefined });
    } catch (e) {
      return e instanceof MicError ? e.problem : 'error';
    }
    const producer = this.producer;
    if (!producer || producer.closed || session !== this.host.session()) {
      opened.track.stop();
      return null;
    }
    try {
      await producer.replaceTrack({ track: opened.track }); // stops the old track (stopTracks)
    } catch {
      opened.track.stop();
      return 'error';
    }
    this.host.meter()?.remove(old);
    this.host.meter()?.add(opened.track);
    this.useTrack(opened.track, opened.fellBack);
    return null;
  }

  /** Records the sending microphone and follows it: if it ends by itself (unplugged), reopen the choice or the default. */
  private useTrack(track: MediaStreamTrack, fellBack: boolean): void {
    const deviceId = track.getSettings().deviceId ?? '';
    this.host.onInput({ deviceId, label: track.label, fellBack });
    // stop() (ours, on replace or close) does not fire 'ended'; only the device going away does.
    track.addEventListener('ended', () => {
      if (this.producer?.track === track) void this.setInput(this.inputId);
    }, { once: true });
  }
}
