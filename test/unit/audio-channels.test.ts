/**
 * The listener's channel on the client (client/lib/audio-channels.ts): how loud each source plays
 * (ducking keeps the original quietly under an interpretation), and the choice remembered per browser.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelNotice } from '../../shared/audio-protocol.js';
import {
  DUCK_GAIN, channelGain, isChannel, saveChannel, saveDucking, savedChannel, savedDucking,
} from '../../client/lib/audio-channels.js';

const notice = (n: Partial<ChannelNotice>): ChannelNotice => ({ chosen: 'fr', effective: 'fr', withFloor: false, fallback: null, ...n });

describe('channelGain', () => {
  it('plays the interpretation at full volume', () => {
    expect(channelGain('fr', notice({}))).toBe(1);
  });

  it('keeps the original underneath at a low volume with ducking, and silent without', () => {
    expect(channelGain('floor', notice({ withFloor: true }))).toBe(DUCK_GAIN);
    expect(DUCK_GAIN).toBeGreaterThan(0);
    expect(DUCK_GAIN).toBeLessThan(0.5);
    expect(channelGain('floor', notice({ withFloor: false }))).toBe(0);
  });

  it('plays the floor at full volume when the floor is what is heard (chosen, or fallback)', () => {
    expect(channelGain('floor', notice({ chosen: 'floor', effective: 'floor' }))).toBe(1);
    expect(channelGain('floor', notice({ effective: 'floor', withFloor: true, fallback: 'off_air' }))).toBe(1);
    expect(channelGain('floor', null)).toBe(1);
  });
});

describe('remembered choice', () => {
  const store = new Map<string, string>();
  const fake = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
  (globalThis as { localStorage?: unknown }).localStorage = fake;
  afterEach(() => store.clear());

  it('defaults to the floor and no ducking', () => {
    expect(savedChannel()).toBe('floor');
    expect(savedDucking()).toBe(false);
  });

  it('reads back what was saved', () => {
    saveChannel('ar');
    saveDucking(true);
    expect(savedChannel()).toBe('ar');
    expect(savedDucking()).toBe(true);
  });

  it('ignores a stored value that is not a channel', () => {
    store.set('plenary.audio.channel', 'klingon');
    expect(savedChannel()).toBe('floor');
  });

  it('accepts the floor and the six languages, nothing else', () => {
    for (const c of ['floor', 'ar', 'zh', 'en', 'fr', 'es', 'ru']) expect(isChannel(c)).toBe(true);
    for (const c of ['', 'de', 'FLOOR', null, 3]) expect(isChannel(c)).toBe(false);
  });
});
