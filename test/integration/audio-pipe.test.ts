/**
 * One meeting's listeners spread over the worker pool (REAL mediasoup workers, real RTP): with a
 * tiny per-worker limit, listeners beyond it get a router on the other worker, the producers are
 * piped there (`pipeToRouter`), and every listener — on either worker — receives the same packets
 * (same source tag and counters) from the speaker and the interpreter, including producers that
 * start after the second router exists and a producer paused and resumed by the floor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, type Actor, type MeetingState } from '../../shared/domain/index.js';
import { audioConfigFromEnv } from '../../server/audio/config.js';
import { AudioService } from '../../server/audio/service.js';
import type { AudioServerMessage } from '../../server/audio/types.js';
import { RtpListener, RtpSpeaker, syntheticOpus } from '../bench/audio-rtp.js';
import { meeting, run } from '../unit/queue-fixture.js';

const inbox = new Map<string, AudioServerMessage[]>();
const outbox = { send: (peerId: string, m: AudioServerMessage) => void (inbox.get(peerId) ?? inbox.set(peerId, []).get(peerId)!).push(m) };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let service: AudioService;
const closers: Array<() => void> = [];

beforeAll(async () => {
  const config = audioConfigFromEnv({ MEDIASOUP_WORKERS: '2', AUDIO_CONSUMERS_PER_WORKER: '3' });
  service = await AudioService.start(config, { outbox });
});

afterAll(async () => {
  for (const c of closers) c();
  await service?.close();
});

function world(): MeetingState {
  let s = run(meeting(), { type: 'booth:open', language: 'ar' });
  s = run(s, { type: 'participant:register', participantId: 'ar1', role: 'interpreter', booth: 'ar', profile: { name: 'ar1', group: 'academia', language: 'ar' } }, SYSTEM);
  s = run(s, { type: 'participant:presence', participantId: 'ar1', present: true }, SYSTEM);
  return run(s, { type: 'booth:takeAir' }, { role: 'interpreter', participantId: 'ar1' } satisfies Actor);
}

describe('a meeting spread over workers (pipeToRouter)', () => {
  it('puts listeners beyond the per-worker limit on another worker, and they get the same audio', async () => {
    const room = await service.room('m-pipe-1');
    await room.applyMeeting(world());

    // The chair speaks before any second router exists; the interpreter starts after (piped on creation).
    await room.join({ id: 'chair', role: 'moderator', participantId: 'mod', name: 'Chair' });
    const chairT = await room.createPlainTransport('chair', 'send');
    const chairP = await room.produce('chair', chairT.id, 'audio', syntheticOpus(5000));
    const chair = new RtpSpeaker(5000, 'FLOR');
    closers.push(() => chair.close());

    const listeners: Array<{ id: string; udp: RtpListener; channel: 'floor' | 'ar'; recvId: string }> = [];
    for (let i = 0; i < 8; i++) {
      const id = `L${i}`;
      const channel = i % 2 ? 'ar' : 'floor';
      const joined = await room.join({ id, role: 'participant', participantId: null, name: id });
      if (channel === 'ar') await room.setChannel(id, 'ar', false);
      const udp = await RtpListener.open();
      closers.push(() => udp.close());
      const t = await room.createPlainTransport(id, 'recv', { ip: '127.0.0.1', port: udp.port });
      listeners.push({ id, udp, channel, recvId: t.id });
      // What it was told about (the join answer, or a newProducer after the transport) — consume it.
      const told = new Set(joined.producers.map((p) => p.producerId));
      for (const m of inbox.get(id) ?? []) {
        if (m.event === 'audio:newProducer') told.add(m.payload.producerId);
        if (m.event === 'audio:producerClosed') told.delete(m.payload.producerId);
      }
      for (const pid of told) {
        const c = await room.consume(id, t.id, pid, room.router.rtpCapabilities);
        await room.resumeConsumer(id, c.consumerId);
      }
    }
    const d = room.describe();
    const pids = [...new Set(d.routers.map((r) => r.workerPid))];
    expect(pids).toHaveLength(2);
    const workerOf = (id: string) => d.peers.find((p) => p.id === id)?.recvWorkerPid;
    expect(new Set(listeners.map((l) => workerOf(l.id))).size).toBe(2);
    // 3 slots per worker: L0–L2 on the primary, L3–L5 on the second; L6, L7 overflow to the least filled.
    expect(listeners.slice(0, 3).map((l) => workerOf(l.id))).toEqual([d.workerPid, d.workerPid, d.workerPid]);
    expect(listeners.slice(3, 6).every((l) => workerOf(l.id) !== d.workerPid)).toBe(true);

    // The interpreter produces now: piped into both routers, announced to the Arabic listeners only.
    await room.join({ id: 'ar1', role: 'interpreter', participantId: 'ar1', name: 'ar1', booth: 'ar' });
    const arT = await room.createPlainTransport('ar1', 'send');
    const arP = await room.produce('ar1', arT.id, 'audio', syntheticOpus(6000));
    const interp = new RtpSpeaker(6000, 'AR  ');
    closers.push(() => interp.close());
    for (const l of listeners.filter((x) => x.channel === 'ar')) {
      const told = (inbox.get(l.id) ?? []).some((m) => m.event === 'audio:newProducer' && m.payload.producerId === arP.producerId);
      expect(told).toBe(true);
      const c = await room.consume(l.id, l.recvId, arP.producerId, room.router.rtpCapabilities);
      await room.resumeConsumer(l.id, c.consumerId);
    }
    for (const l of listeners.filter((x) => x.channel === 'floor')) {
      expect((inbox.get(l.id) ?? []).some((m) => m.event === 'audio:newProducer' && m.payload.producerId === arP.producerId)).toBe(false);
    }

    chair.start(chairT.ip, chairT.port);
    interp.start(arT.ip, arT.port);
    await sleep(300);
    const from = { FLOR: chair.sent, 'AR  ': interp.sent };
    await sleep(2000);
    const to = { FLOR: chair.sent, 'AR  ': interp.sent };
    await sleep(300); // in flight
    for (const l of listeners) {
      const tag = l.channel === 'ar' ? 'AR  ' : 'FLOR';
      const other = l.channel === 'ar' ? 'FLOR' : 'AR  ';
      const expected = to[tag] - from[tag];
      const got = l.udp.receivedBetween(tag, from[tag], to[tag]);
      expect(expected).toBeGreaterThan(60);
      expect(got / expected, `${l.id} on worker ${workerOf(l.id)} (${tag})`).toBeGreaterThanOrEqual(0.99);
      expect(l.udp.byTag.has(other)).toBe(false);
    }
    // Same packets on both workers: a listener of each worker got identical counters.
    const onPrimary = listeners.find((l) => l.channel === 'floor' && workerOf(l.id) === d.workerPid)!;
    const onOther = listeners.find((l) => l.channel === 'floor' && workerOf(l.id) !== d.workerPid)!;
    const window = (l: typeof onPrimary) => [...(l.udp.counters.get('FLOR') ?? [])].filter((c) => c >= from.FLOR && c < to.FLOR).sort((a, b) => a - b);
    expect(window(onOther)).toEqual(window(onPrimary));

    // A paused producer (chair muted by the room's own rules) is paused on the piped side too.
    await room.setMuted('chair', undefined, true);
    await sleep(300);
    for (const l of listeners) l.udp.reset();
    await sleep(600);
    expect(listeners.filter((l) => l.channel === 'floor').every((l) => !l.udp.byTag.has('FLOR'))).toBe(true);
    await room.setMuted('chair', undefined, false);
    await sleep(600);
    expect(listeners.filter((l) => l.channel === 'floor').every((l) => (l.udp.byTag.get('FLOR') ?? 0) > 10)).toBe(true);
    expect(chairP.producerId).toBeTruthy();
  });
});
