/**
 * The listener's channel rules (client/lib/audio-channels.ts): what is heard for a choice, the
 * fallback to the floor when a booth is off air or silent, ducking, and the remembered choice.
 */
import { describe, expect, it } from 'vitest';
import {
  BOOTH_SILENT_MS, DUCK_GAIN, SilenceWatch, channelGain, isChannel, resolveChannel,
} from '../../client/lib/audio-channels.js';

describe('resolveChannel', () => {
  it('plays the floor when the floor is chosen, whatever is on air', () => {
    expect(resolveChannel('floor', new Set(['fr']))).toEqual({ playing: 'floor', fallbackFrom: null });
  });

  it('plays a booth that is on air', () => {
    expect(resolveChannel('fr', new Set(['fr', 'es']))).toEqual({ playing: 'fr', fallbackFrom: null });
  });

  it('falls back to the floor, naming the booth, when it is off air', () => {
    expect(resolveChannel('fr', new Set(['es']))).toEqual({ playing: 'floor', fallbackFrom: 'fr' });
  });

  it('falls back when the booth is on air but silent, and returns when it is heard again', () => {
    expect(resolveChannel('fr', new Set(['fr']), new Set(['fr']))).toEqual({ playing: 'floor', fallbackFrom: 'fr' });
    expect(resolveChannel('fr', new Set(['fr']), new Set())).toEqual({ playing: 'fr', fallbackFrom: null });
  });
});

describe('channelGain', () => {
  it('plays the heard channel at full volume and nothing else without ducking', () => {
    expect(channelGain('fr', 'fr', false)).toBe(1);
    expect(channelGain('floor', 'fr', false)).toBe(0);
    expect(channelGain('es', 'fr', true)).toBe(0);
  });

  it('keeps the original underneath at a low volume with ducking', () => {
    expect(channelGain('floor', 'fr', true)).toBe(DUCK_GAIN);
    expect(DUCK_GAIN).toBeGreaterThan(0);
    expect(DUCK_GAIN).toBeLessThan(0.5);
  });

  it('plays the floor at full volume when it is the channel heard (also under fallback)', () => {
    expect(channelGain('floor', 'floor', true)).toBe(1);
  });
});

describe('SilenceWatch', () => {
  it('flags an on-air booth not heard for the delay while the floor speaks', () => {
    const w = new SilenceWatch();
    w.onAir('fr', 0);
    w.heard(['floor', 'fr'], 1000);
    w.heard(['floor'], BOOTH_SILENT_MS + 500);
    expect(w.silent(['fr'], BOOTH_SILENT_MS + 500)).toEqual(new Set());
    w.heard(['floor'], BOOTH_SILENT_MS + 1000);
    expect(w.silent(['fr'], BOOTH_SILENT_MS + 1000)).toEqual(new Set(['fr']));
    w.heard(['fr'], BOOTH_SILENT_MS + 1200);
    expect(w.silent(['fr'], BOOTH_SILENT_MS + 1200)).toEqual(new Set());
  });

  it('does not flag a booth when nobody speaks at all', () => {
    const w = new SilenceWatch();
    w.onAir('fr', 0);
    expect(w.silent(['fr'], 60_000)).toEqual(new Set());
  });

  it('gives a booth that just came on air the full delay', () => {
    const w = new SilenceWatch();
    w.heard(['floor'], 0);
    w.onAir('es', 100);
    w.heard(['floor'], 5000);
    expect(w.silent(['es'], 5000)).toEqual(new Set());
    expect(w.silent(['es'], 100 + BOOTH_SILENT_MS)).toEqual(new Set(['es']));
  });
});

describe('isChannel', () => {
  it('accepts the floor and the six languages, nothing else', () => {
    for (const c of ['floor', 'ar', 'zh', 'en', 'fr', 'es', 'ru']) expect(isChannel(c)).toBe(true);
    for (const c of ['', 'de', 'FLOOR', null, 3]) expect(isChannel(c)).toBe(false);
  });
});
