/**
 * The pure parts of audio: the microphone-right table (policy.ts) and the configuration rules
 * (config.ts). Fast; the real-worker behaviour is in audio-room.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { FloorHolder } from '../../shared/domain/index.js';
import { audioConfigFromEnv, listenInfos } from '../../server/audio/config.js';
import { bridgeLive, micRight } from '../../server/audio/policy.js';

const holder = (more: Partial<FloorHolder> = {}): FloorHolder => ({
  turnId: 't1',
  participantId: 'alice',
  name: 'Alice',
  inRoom: false,
  paused: false,
  itemId: 'i1',
  ...more,
});

describe('microphone rights', () => {
  it('lets only the remote floor holder, the chair and the bridge produce', () => {
    const h = holder();
    expect(micRight({ role: 'participant', participantId: 'alice' }, h)).toBe('live');
    expect(micRight({ role: 'participant', participantId: 'bob' }, h)).toBe('none');
    expect(micRight({ role: 'participant', participantId: 'alice' }, null)).toBe('none');
    expect(micRight({ role: 'participant', participantId: 'alice' }, holder({ paused: true }))).toBe('held');
    expect(micRight({ role: 'participant', participantId: 'alice' }, holder({ inRoom: true }))).toBe('none');
    expect(micRight({ role: 'moderator', participantId: 'chair' }, h)).toBe('live');
    expect(micRight({ role: 'moderator', participantId: 'chair' }, null)).toBe('live');
    expect(micRight({ role: 'projector', participantId: null }, null)).toBe('none');
  });

  it('keeps the hall microphone open except during a running remote turn', () => {
    expect(bridgeLive(null)).toBe(true);
    expect(bridgeLive(holder({ inRoom: true }))).toBe(true);
    expect(bridgeLive(holder({ participantId: null, inRoom: true }))).toBe(true);
    expect(bridgeLive(holder({ paused: true }))).toBe(true);
    expect(bridgeLive(holder())).toBe(false);
    expect(micRight({ role: 'room', participantId: null }, holder())).toBe('held');
    expect(micRight({ role: 'room', participantId: null }, holder({ inRoom: true }))).toBe('live');
  });
});

describe('audio configuration', () => {
  it('defaults to loopback, one worker per core and ports 40000-49999', () => {
    const c = audioConfigFromEnv({});
    expect(c).toMatchObject({ enabled: true, listenIp: '127.0.0.1', rtcMinPort: 40000, rtcMaxPort: 49999, silenceAfterMs: 5000 });
    expect(c.workers).toBeGreaterThanOrEqual(1);
    expect(listenInfos(c).map((l) => l.protocol)).toEqual(['udp', 'tcp']);
  });

  it('requires an announced address when listening on every interface', () => {
    expect(() => audioConfigFromEnv({ MEDIASOUP_LISTEN_IP: '0.0.0.0' })).toThrow(/MEDIASOUP_ANNOUNCED_ADDRESS/);
    const c = audioConfigFromEnv({ MEDIASOUP_LISTEN_IP: '0.0.0.0', MEDIASOUP_ANNOUNCED_ADDRESS: '203.0.113.7' });
    expect(listenInfos(c)[0]).toMatchObject({ ip: '0.0.0.0', announcedAddress: '203.0.113.7', portRange: { min: 40000, max: 49999 } });
  });

  it('rejects bad values by name', () => {
    expect(() => audioConfigFromEnv({ MEDIASOUP_WORKERS: '0' })).toThrow(/MEDIASOUP_WORKERS/);
    expect(() => audioConfigFromEnv({ MEDIASOUP_RTC_MIN_PORT: '50000', MEDIASOUP_RTC_MAX_PORT: '40000' })).toThrow(/MAX_PORT/);
    expect(() => audioConfigFromEnv({ AUDIO_ENABLED: 'maybe' })).toThrow(/AUDIO_ENABLED/);
    expect(audioConfigFromEnv({ AUDIO_ENABLED: 'false' }).enabled).toBe(false);
  });
});
