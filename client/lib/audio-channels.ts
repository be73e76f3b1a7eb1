/**
 * Which sound a listener hears, decided from what they chose and what is on air. Pure (no browser
 * API), so the rules are unit-tested in test/unit/audio-channels.test.ts:
 *
 * - A listener chooses "floor" (the original) or a booth's language.
 * - A booth that is off air, or on air but silent for a while although the floor is speaking,
 *   is replaced by the floor, with a notice naming the booth, until it is heard again.
 * - With ducking on, the original stays underneath the interpretation at a low volume.
 */
import { LANGUAGES, type Language } from '../../shared/domain/common.js';

/** What a listener hears: the floor (original) or a booth's language. */
export type Channel = 'floor' | Language;

export const CHANNELS: readonly Channel[] = ['floor', ...LANGUAGES];

export function isChannel(x: unknown): x is Channel {
  return typeof x === 'string' && (CHANNELS as readonly string[]).includes(x);
}

/** Volume of the original under an interpretation when ducking is on (≈ -16 dB). */
export const DUCK_GAIN = 0.15;

/** A booth on air that has not been heard for this long while the floor was heard counts as silent. */
export const BOOTH_SILENT_MS = 8000;

/** What is playing and why. */
export interface ChannelResolution {
  /** The channel actually heard. */
  playing: Channel;
  /** The chosen booth that could not be heard (off air or silent): the notice names it. */
  fallbackFrom: Language | null;
}

/**
 * The channel heard: the chosen one when it is the floor or a booth on air and not silent;
 * otherwise the floor, remembering which booth it stands in for.
 */
export function resolveChannel(chosen: Channel, onAir: ReadonlySet<Language>, silent: ReadonlySet<Language> = new Set()): ChannelResolution {
  if (chosen === 'floor') return { playing: 'floor', fallbackFrom: null };
  if (onAir.has(chosen) && !silent.has(chosen)) return { playing: chosen, fallbackFrom: null };
  return { playing: 'floor', fallbackFrom: chosen };
}

/**
 * How loud each source plays for a listener of `playing`: 1 for the channel heard, DUCK_GAIN for
 * the floor under a booth when ducking, 0 (not received at all) for everything else.
 */
export function channelGain(source: Channel, playing: Channel, ducking: boolean): number {
  if (source === playing) return 1;
  if (source === 'floor' && ducking) return DUCK_GAIN;
  return 0;
}

/**
 * Tracks when each booth and the floor were last heard (from the server's "speaking now" levels)
 * and says which on-air booths have gone silent: not heard for BOOTH_SILENT_MS while the floor was
 * heard more recently than the booth (a booth is not "silent" when nobody speaks at all). A booth
 * that came on air counts as heard at that moment, so it gets the full delay to start.
 */
export class SilenceWatch {
  private readonly lastHeard = new Map<Channel, number>();

  /** Records that these channels were heard at `now`. */
  heard(channels: Iterable<Channel>, now: number): void {
    for (const c of channels) this.lastHeard.set(c, now);
  }

  /** A booth came on air (or changed interpreter): it gets a fresh start. */
  onAir(language: Language, now: number): void {
    this.lastHeard.set(language, now);
  }

  silent(onAir: Iterable<Language>, now: number): Set<Language> {
    const floor = this.lastHeard.get('floor') ?? -Infinity;
    const out = new Set<Language>();
    for (const l of onAir) {
      const booth = this.lastHeard.get(l) ?? -Infinity;
      if (now - booth >= BOOTH_SILENT_MS && floor > booth) out.add(l);
    }
    return out;
  }
}

const KEY = 'plenary.audio.channel';
const DUCK_KEY = 'plenary.audio.ducking';

/** The channel this browser chose last ('floor' when none or unreadable). */
export function savedChannel(): Channel {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return isChannel(v) ? v : 'floor';
  } catch {
    return 'floor';
  }
}

export function saveChannel(c: Channel): void {
  try {
    globalThis.localStorage?.setItem(KEY, c);
  } catch {
    // Private mode or storage full: the choice holds for this page only.
  }
}

export function savedDucking(): boolean {
  try {
    return globalThis.localStorage?.getItem(DUCK_KEY) === '1';
  } catch {
    return false;
  }
}

export function saveDucking(on: boolean): void {
  try {
    globalThis.localStorage?.setItem(DUCK_KEY, on ? '1' : '0');
  } catch {
    // as above
  }
}
