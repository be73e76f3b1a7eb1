/**
 * The floor rules of the audio core against REAL mediasoup workers (no mocks): who may produce, what
 * happens to a producer when the turn is paused, ends or moves on, moderator mutes, the silent
 * microphone alarm, and a worker killed with SIGKILL being replaced with its routers re-created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { types as ms } from 'mediasoup';
import type { FloorHolder } from '../../shared/domain/index.js';
import { audioConfigFromEnv } from '../../server/audio/config.js';
import { AudioService } from '../../server/audio/service.js';
import type { AudioRoom } from '../../server/audio/room.js';
import type { AudioServerMessage, PeerInfo } from '../../server/audio/types.js';

const inbox = new Map<string, AudioServerMessage[]>();
const outbox = { send: (peerId: string, m: AudioServerMessage) => void (inbox.get(peerId) ?? inbox.set(peerId, []).get(peerId)!).push(m) };
type Msg<E extends AudioServerMessage['event']> = Extract<AudioServerMessage, { event: E }>;
const received = <E extends AudioServerMessage['event']>(peerId: string, event: E): Msg<E>[] =>
  (inbox.get(peerId) ?? []).filter((m): m is Msg<E> => m.event === event);
const lastFloor = (peerId: string) => received(peerId, 'audio:floor').at(-1)?.payload;

async function waitFor(pred: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What a browser's Opus producer sends, minus the browser. */
const opus = (ssrc: number): ms.RtpParameters => ({
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
  encodings: [{ ssrc }],
  headerExtensions: [],
  rtcp: { cname: `c${ssrc}` },
});

const turn = (turnId: string, participantId: string | null, more: Partial<FloorHolder> = {}): FloorHolder => ({
  turnId,
  participantId,
  name: participantId ?? 'Hall speaker',
  inRoom: false,
  paused: false,
  itemId: 'i1',
  ...more,
});

let service: AudioService;
let n = 0;
/** A fresh meeting id per test: each test gets its own room. */
const meeting = () => `m-audio-${++n}`;

async function joinAs(room: AudioRoom, role: PeerInfo['role'], participantId: string | null) {
  const id = `${role}-${participantId ?? 'x'}-${++n}`;
  const info = await room.join({ id, role, participantId, name: participantId ?? role });
  const send = await room.createTransport(id, 'send');
  const recv = await room.createTransport(id, 'recv');
  const produce = () => room.produce(id, send.id, 'audio', opus(1000 + n++));
  return { id, info, send, recv, produce };
}

const producerOf = (room: AudioRoom, peerId: string) => room.describe().peers.find((p) => p.id === peerId)?.producer ?? null;

beforeAll(async () => {
  const config = audioConfigFromEnv({ MEDIASOUP_WORKERS: '2', AUDIO_SILENCE_AFTER_MS: '800', AUDIO_LEVEL_INTERVAL_MS: '200' });
  service = await AudioService.start(config, { outbox });
});

afterAll(async () => {
  await service?.close();
});

describe('audio follows the floor (real mediasoup worker)', () => {
  it('refuses to produce without the floor; moderator and room bridge may', async () => {
    const room = await service.room(meeting());
    await room.applyFloor(turn('t1', 'alice'));
    const bob = await joinAs(room, 'participant', 'bob');
    await expect(bob.produce()).rejects.toMatchObject({ code: 'audio.no_floor' });
    expect(bob.info.floor.mic).toBe('closed');
    const projector = await joinAs(room, 'projector', null);
    await expect(projector.produce()).rejects.toMatchObject({ code: 'audio.no_floor' });

    const chair = await joinAs(room, 'moderator', 'chair');
    await chair.produce();
    expect(producerOf(room, chair.id)?.paused).toBe(false);

    // A remote speaker holds the floor: the hall microphone may connect but is held (no echo).
    const hall = await joinAs(room, 'room', null);
    expect(hall.info.floor.mic).toBe('paused');
    await hall.produce();
    expect(producerOf(room, hall.id)?.paused).toBe(true);
    await room.applyFloor(turn('t2', 'carol', { inRoom: true }));
    expect(producerOf(room, hall.id)?.paused).toBe(false);
    expect(lastFloor(hall.id)?.mic).toBe('open');
  });

  it('opens the microphone for the floor holder, pauses it with the turn and closes it when the turn ends', async () => {
    const room = await service.room(meeting());
    const alice = await joinAs(room, 'participant', 'alice');
    const listener = await joinAs(room, 'participant', 'bob');
    await room.applyFloor(turn('t1', 'alice'));
    expect(lastFloor(alice.id)).toMatchObject({ mic: 'open', turnId: 't1' });
    expect(received(listener.id, 'audio:floor')).toHaveLength(0); // listeners are not bothered

    const { producerId } = await alice.produce();
    expect(received(listener.id, 'audio:newProducer').map((m) => m.payload)).toContainEqual(
      expect.objectContaining({ producerId, participantId: 'alice' }),
    );
    const consumer = await room.consume(listener.id, listener.recv.id, producerId, room.router.rtpCapabilities);
    expect(room.describe().peers.find((p) => p.id === listener.id)?.consumers).toBe(1);
    await room.resumeConsumer(listener.id, consumer.consumerId);

    await room.applyFloor(turn('t1', 'alice', { paused: true }));
    expect(producerOf(room, alice.id)).toEqual({ id: producerId, paused: true });
    expect(lastFloor(alice.id)?.mic).toBe('paused');
    await room.applyFloor(turn('t1', 'alice'));
    expect(producerOf(room, alice.id)).toEqual({ id: producerId, paused: false });

    await room.applyFloor(null);
    expect(producerOf(room, alice.id)).toBeNull();
    expect(lastFloor(alice.id)?.mic).toBe('closed');
    expect(received(listener.id, 'audio:producerClosed').map((m) => m.payload.producerId)).toContain(producerId);
    expect(room.describe().peers.find((p) => p.id === listener.id)?.consumers).toBe(0);
    await expect(alice.produce()).rejects.toMatchObject({ code: 'audio.no_floor' });
  });

  it('closes the producer when the next turn starts, even for the same speaker, and when the speaker is in the room', async () => {
    const room = await service.room(meeting());
    const alice = await joinAs(room, 'participant', 'alice');
    await room.applyFloor(turn('t1', 'alice'));
    await alice.produce();
    await room.applyFloor(turn('t2', 'alice'));
    expect(producerOf(room, alice.id)).toBeNull();
    expect(lastFloor(alice.id)).toMatchObject({ mic: 'open', turnId: 't2' });
    await alice.produce();
    // Marked in the room: the hall microphone carries her, so her phone must not.
    await room.applyFloor(turn('t2', 'alice', { inRoom: true }));
    expect(producerOf(room, alice.id)).toBeNull();
  });

  it('never lets a producer created just before the turn ends escape enforcement', async () => {
    const room = await service.room(meeting());
    const alice = await joinAs(room, 'participant', 'alice');
    await room.applyFloor(turn('t1', 'alice'));
    const produced = alice.produce();
    const ended = room.applyFloor(null);
    await Promise.allSettled([produced, ended]);
    expect(producerOf(room, alice.id)).toBeNull();
  });

  it('gives a listener who joins mid-turn the current speaker at once', async () => {
    const room = await service.room(meeting());
    const alice = await joinAs(room, 'participant', 'alice');
    await room.applyFloor(turn('t1', 'alice'));
    const { producerId } = await alice.produce();
    const late = await joinAs(room, 'participant', 'late');
    expect(late.info.producers).toEqual([{ producerId, participantId: 'alice', role: 'participant', name: 'alice', channel: 'floor' }]);
    const c = await room.consume(late.id, late.recv.id, producerId, room.router.rtpCapabilities);
    expect(c.kind).toBe('audio');
  });

  it('lets moderators mute anyone; the speaker cannot lift it, the moderator can', async () => {
    const room = await service.room(meeting());
    const chair = await joinAs(room, 'moderator', 'chair');
    const alice = await joinAs(room, 'participant', 'alice');
    const bob = await joinAs(room, 'participant', 'bob');
    await room.applyFloor(turn('t1', 'alice'));
    await alice.produce();
    await expect(room.setMuted(bob.id, { kind: 'participant', participantId: 'alice' }, true)).rejects.toMatchObject({ code: 'forbidden' });
    await room.setMuted(chair.id, { kind: 'participant', participantId: 'alice' }, true);
    expect(producerOf(room, alice.id)?.paused).toBe(true);
    expect(lastFloor(alice.id)).toMatchObject({ mic: 'paused', lockedByModerator: true });
    await expect(room.setMuted(alice.id, undefined, false)).rejects.toMatchObject({ code: 'forbidden' });
    await room.setMuted(chair.id, { kind: 'participant', participantId: 'alice' }, false);
    expect(producerOf(room, alice.id)?.paused).toBe(false);
    // Self-mute works both ways.
    await room.setMuted(alice.id, undefined, true);
    expect(producerOf(room, alice.id)?.paused).toBe(true);
    await room.setMuted(alice.id, undefined, false);
    expect(producerOf(room, alice.id)?.paused).toBe(false);
  });

  it('tells moderators when the floor holder has been silent too long, and when the turn moves on', async () => {
    const room = await service.room(meeting());
    const chair = await joinAs(room, 'moderator', 'chair');
    const alice = await joinAs(room, 'participant', 'alice');
    await room.applyFloor(turn('t1', 'alice'));
    await alice.produce(); // a producer that sends nothing: a dead microphone
    const t0 = Date.now();
    await waitFor(() => received(chair.id, 'audio:silence').length > 0, 'silence alarm');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(700);
    expect(received(chair.id, 'audio:silence')[0]?.payload).toMatchObject({ turnId: 't1', participantId: 'alice', silent: true });
    expect(received(alice.id, 'audio:silence')).toHaveLength(0); // moderators only
    await room.applyFloor(null);
    await waitFor(() => received(chair.id, 'audio:silence').length > 1, 'alarm cleared');
    expect(received(chair.id, 'audio:silence')[1]?.payload).toMatchObject({ turnId: 't1', silent: false });
  });
});

describe('worker pool', () => {
  it('places routers on the least-loaded worker', async () => {
    const a = await service.room(meeting());
    const b = await service.room(meeting());
    expect(a.worker.pid).not.toBe(b.worker.pid);
    expect(service.pool!.list()).toHaveLength(2);
  });

  it('replaces a killed worker, re-creates its routers and asks clients to re-join; the floor survives', async () => {
    const id = meeting();
    const room = await service.room(id);
    const other = await service.room(meeting());
    const otherRouter = other.router.id;
    const alice = await joinAs(room, 'participant', 'alice');
    await room.applyFloor(turn('t1', 'alice'));
    await alice.produce();
    const before = { pid: room.worker.pid, routerId: room.router.id };
    if (other.worker.pid === before.pid) throw new Error('test needs the two rooms on different workers');

    process.kill(before.pid, 'SIGKILL');
    await waitFor(() => received(alice.id, 'audio:restart').length > 0, 'audio:restart');

    expect(room.worker.pid).not.toBe(before.pid);
    expect(room.worker.died).toBe(false);
    expect(room.router.id).not.toBe(before.routerId);
    expect(room.router.closed).toBe(false);
    expect(service.pool!.list().map((w) => w.pid)).not.toContain(before.pid);
    expect(service.pool!.list()).toHaveLength(2);
    expect(other.router.id).toBe(otherRouter); // the other meeting was not disturbed
    expect(await service.room(id)).toBe(room);

    // The client re-joins by itself and, still holding the floor, speaks again on the new router.
    const again = await room.join({ id: alice.id, role: 'participant', participantId: 'alice', name: 'alice' });
    expect(again.floor).toMatchObject({ mic: 'open', turnId: 't1' });
    const send = await room.createTransport(alice.id, 'send');
    await room.produce(alice.id, send.id, 'audio', opus(4242));
    expect(producerOf(room, alice.id)?.paused).toBe(false);
  });
});
