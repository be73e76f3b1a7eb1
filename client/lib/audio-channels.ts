/**
 * The listener's channel, on the client side. The server decides what a connection hears (it
 * swaps consumers when a booth goes off air or silent, and back: `audio:channel`); the client only
 * remembers the choice in this browser and plays the original quietly under an interpretation when
 * ducking is on. Pure helpers (no browser API at import), unit-tested in test/unit/audio-channels.test.ts.
 */
import { LANGUAGES } from '../../shared/domain/common.js';
import type { ChannelId, ChannelNotice } from '../../shared/audio-protocol.js';

export type { ChannelId } from '../../shared/audio-protocol.js';

export const CHANNELS: readonly ChannelId[] = ['floor', ...LANGUAGES];

export function isChannel(x: unknown): x is ChannelId {
  return typeof x === 'string' && (CHANNELS as readonly string[]).includes(x);
}

/** Volume of the original under an interpretation when ducking is on (≈ -16 dB). */
export const DUCK_GAIN = 0.15;

/**
 * How loud a producer of `source` plays for a connection told `notice`: the original under a booth
 * that is heard (ducking: the server sends the floor only then) plays at DUCK_GAIN, anything else at 1.
 */
export function channelGain(source: ChannelId, notice: ChannelNotice | null): number {
  if (!notice || source !== 'floor' || notice.effective === 'floor') return 1;
  return notice.withFloor ? DUCK_GAIN : 0;
}

const KEY = 'plenary.audio.channel';
const DUCK_KEY = 'plenary.audio.ducking';

/** The channel this browser chose last ('floor' when none or unreadable). */
export function savedChannel(): ChannelId {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return isChannel(v) ? v : 'floor';
  } catch {
    return 'floor';
  }
}

export function saveChannel(c: ChannelId): void {
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
