/**
 * Interpretation channels on REAL mediasoup workers, with real RTP: a chair on the floor and two
 * French interpreters send tagged RTP from Node into PlainTransports; listeners receive what
 * mediasoup forwards on UDP sockets. Proves an interpreter's audio reaches only its channel's
 * listeners (and the floor only the floor's, ducking both), the handover swaps the booth's producer,
 * and a booth going off air or silent sends its listeners to the floor and back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, type Actor, type Language, type MeetingState } from '../../shared/domain/index.js';
import { audioConfigFromEnv } from '../../server/audio/config.js';
import { AudioService } from '../../server/audio/service.js';
import type { AudioRoom } from '../../server/audio/room.js';
import type { AudioServerMessage, PeerInfo } from '../../server/audio/types.js';
import { RtpListener, RtpSpeaker, syntheticOpus } from '../bench/audio-rtp.js';
import { meeting, run } from '../unit/queue-fixture.js';

const inbox = new Map<string, AudioServerMessage[]>();
const outbox = { send: (peerId: string, m: AudioServerMessage) => void (inbox.get(peerId) ?? inbox.set(peerId, []).get(peerId)!).push(m) };
type Payload<E extends AudioServerMessage['event']> = Extract<AudioServerMessage, { event: E }>['payload'];
const of = <E extends AudioServerMessage['event']>(peerId: string, event: E): Array<Payload<E>> =>
  (inbox.get(peerId) ?? []).filter((m) => m.event === event).map((m) => m.payload as Payload<E>);

async function waitFor<T>(pred: () => T | undefined | false, what: string, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = pred();
    if (v) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const FR1: Actor = { role: 'interpreter', participantId: 'fr1' };
const FR2: Actor = { role: 'interpreter', participantId: 'fr2' };

/** The queue fixture plus a French booth with fr1 and fr2 (present). */
function world(): MeetingState {
  let s = run(meeting(), { type: 'booth:open', language: 'fr' });
  for (const id of ['fr1', 'fr2']) {
    s = run(s, { type: 'participant:register', participantId: id, role: 'interpreter', booth: 'fr', profile: { name: id, group: 'intergovernmental', language: 'fr' } }, SYSTEM);
    s = run(s, { type: 'participant:presence', participantId: id, present: true }, SYSTEM);
  }
  return s;
}

let service: AudioService;
const closers: Array<() => void> = [];

beforeAll(async () => {
  const config = audioConfigFromEnv({ MEDIASOUP_WORKERS: '1', AUDIO_BOOTH_SILENCE_MS: '800', AUDIO_LEVEL_INTERVAL_MS: '200' });
  service = await AudioService.start(config, { outbox });
});

afterAll(async () => {
  for (const c of closers) c();
  await service?.close();
});

/** A Node speaker: joins, opens a plain send transport, produces, starts sending tagged RTP. */
async function speaker(room: AudioRoom, id: string, info: Omit<PeerInfo, 'id' | 'name'>, tag: string, ssrc: number) {
  await room.join({ id, name: id, ...info });
  const t = await room.createPlainTransport(id, 'send');
  const { producerId } = await room.produce(id, t.id, 'audio', syntheticOpus(ssrc));
  const rtp = new RtpSpeaker(ssrc, tag);
  closers.push(() => rtp.close());
  rtp.start(t.ip, t.port);
  return { id, producerId, rtp, t };
}

/** A Node listener: joins, a plain receive transport to a local UDP socket; consumes what it is told about. */
async function listener(room: AudioRoom, id: string) {
  const joined = await room.join({ id, role: 'participant', participantId: null, name: id });
  const udp = await RtpListener.open();
  closers.push(() => udp.close());
  const t = await room.createPlainTransport(id, 'recv', { ip: '127.0.0.1', port: udp.port });
  const consumed = new Set<string>();
  /** Producers it was told about and not told were closed, in order. */
  const announced = () => {
    const live = new Set(joined.producers.map((p) => p.producerId));
    for (const m of inbox.get(id) ?? []) {
      if (m.event === 'audio:newProducer') live.add(m.payload.producerId);
      if (m.event === 'audio:producerClosed') live.delete(m.payload.producerId);
    }
    return live;
  };
  /** What the client does: consume and resume every announced producer it does not consume yet. */
  const sync = async () => {
    for (const pid of announced()) {
      if (consumed.has(pid)) continue;
      const c = await room.consume(id, t.id, pid, room.router.rtpCapabilities);
      await room.resumeConsumer(id, c.consumerId);
      consumed.add(pid);
    }
    for (const pid of [...consumed]) if (!announced().has(pid)) consumed.delete(pid);
  };
  await sync();
  return { id, udp, t, announced, sync, joined };
}

describe('interpretation channels (real mediasoup, real RTP)', () => {
  it('routes each voice to its channel only, hands over, and falls back to the floor when the booth is off air or silent', async () => {
    let s = run(world(), { type: 'booth:takeAir' }, FR1);
    const room = await service.room('m-interp-1');
    await room.applyMeeting(s);

    const chair = await speaker(room, 'chair', { role: 'moderator', participantId: 'mod' }, 'FLOR', 1111);
    const fr1 = await speaker(room, 'fr1', { role: 'interpreter', participantId: 'fr1', booth: 'fr' }, 'FR1 ', 2222);
    const fr2 = await speaker(room, 'fr2', { role: 'interpreter', participantId: 'fr2', booth: 'fr' }, 'FR2 ', 3333);
    // Only the interpreter on air is live; the colleague's microphone is held by the server.
    const producer = (peer: string) => room.describe().peers.find((p) => p.id === peer)?.producer;
    expect([producer('fr1')?.paused, producer('fr2')?.paused]).toEqual([false, true]);

    const floorL = await listener(room, 'L-floor');
    const frL = await listener(room, 'L-fr');
    const duckL = await listener(room, 'L-duck');
    expect(floorL.joined.channels.map((c) => [c.channel, c.onAir])).toEqual([['floor', true], ['fr', true]]);
    expect(await room.setChannel('L-fr', 'fr', false)).toEqual({ chosen: 'fr', effective: 'fr', withFloor: false, fallback: null });
    await room.setChannel('L-duck', 'fr', true);
    await Promise.all([floorL.sync(), frL.sync(), duckL.sync()]);
    expect([...frL.announced()]).toEqual([fr1.producerId]);
    // A listener of French may not consume the floor's producer: it was never offered to it.
    await expect(room.consume('L-fr', frL.t.id, chair.producerId, room.router.rtpCapabilities)).rejects.toMatchObject({ code: 'forbidden' });

    // Everyone starts on the floor: what arrived before the choice does not count.
    await sleep(100);
    for (const l of [floorL, frL, duckL]) l.udp.reset();
    await sleep(1200);
    const tags = (l: { udp: RtpListener }) => Object.fromEntries([...l.udp.byTag].map(([k, v]) => [k.trim(), v > 20]));
    expect(tags(floorL)).toEqual({ FLOR: true });
    expect(tags(frL)).toEqual({ FR1: true });
    expect(tags(duckL)).toEqual({ FLOR: true, FR1: true });

    // Handover: fr1 offers, fr2 takes air. The booth's listeners swap to fr2's producer.
    s = run(s, { type: 'booth:handover', to: 'fr2' }, FR1);
    s = run(s, { type: 'booth:takeAir' }, FR2);
    const switchedAt = performance.now();
    await room.applyMeeting(s);
    expect([producer('fr1')?.paused, producer('fr2')?.paused]).toEqual([true, false]);
    expect([...frL.announced()]).toEqual([fr2.producerId]);
    await frL.sync();
    frL.udp.reset();
    await waitFor(() => frL.udp.firstAt.get('FR2 '), 'fr2 heard by the French listener');
    const firstPacketMs = (frL.udp.firstAt.get('FR2 ') ?? 0) - switchedAt;
    await sleep(600);
    expect(frL.udp.byTag.has('FR1 ')).toBe(false);
    expect(frL.udp.byTag.has('FLOR')).toBe(false);
    console.log(`[interpretation] handover → first packet of the new interpreter at the listener: ${firstPacketMs.toFixed(0)} ms`);

    // Off air: the booth's listeners are told and hear the floor.
    s = run(s, { type: 'booth:leaveAir' }, FR2);
    await room.applyMeeting(s);
    expect(of('L-fr', 'audio:channel').at(-1)).toEqual({ chosen: 'fr', effective: 'floor', withFloor: false, fallback: 'off_air' });
    expect([...frL.announced()]).toEqual([chair.producerId]);
    await frL.sync();
    frL.udp.reset();
    await waitFor(() => frL.udp.firstAt.get('FLOR'), 'the floor heard after the booth went off air');
    expect(of('L-floor', 'audio:channels').at(-1)?.channels[1]).toMatchObject({ channel: 'fr', onAir: false });

    // Back on air (fr1), but silent: after the booth-silence delay its listeners hear the floor…
    fr1.rtp.start(fr1.t.ip, fr1.t.port, 127);
    s = run(s, { type: 'booth:takeAir' }, FR1);
    await room.applyMeeting(s);
    expect(of('L-fr', 'audio:channel').at(-1)).toMatchObject({ effective: 'fr', fallback: null });
    await waitFor(() => of('L-fr', 'audio:channel').at(-1)?.fallback === 'silent', 'the silent booth fallback', 5000);
    expect([...frL.announced()]).toEqual([chair.producerId]);
    // …and the booth again as soon as the interpreter is heard.
    fr1.rtp.start(fr1.t.ip, fr1.t.port, 20);
    await waitFor(() => of('L-fr', 'audio:channel').at(-1)?.fallback === null, 'the booth back after silence', 5000);
    expect([...frL.announced()]).toEqual([fr1.producerId]);
    expect(room.describe().silentBooths).toEqual([]);
    await frL.sync();
    frL.udp.reset();
    await waitFor(() => frL.udp.firstAt.get('FR1 '), 'fr1 heard again');
  });

  it('refuses a channel that does not exist, and counts listeners per channel for moderators', async () => {
    const s = run(world(), { type: 'booth:takeAir' }, FR1);
    const room = await service.room('m-interp-2');
    await room.applyMeeting(s);
    await room.join({ id: 'chair2', role: 'moderator', participantId: 'mod', name: 'Chair' });
    await room.join({ id: 'a', role: 'participant', participantId: 'gov1', name: 'a' });
    await room.join({ id: 'b', role: 'participant', participantId: 'gov2', name: 'b' });
    await expect(room.setChannel('a', 'zh' as Language, false)).rejects.toMatchObject({ code: 'audio.no_channel' });
    await room.setChannel('a', 'fr', false);
    expect(of('a', 'audio:channel')).toEqual([]); // the answer carried it
    // fr is on air but its interpreter never connected a microphone: after the booth-silence delay
    // the French listener hears the floor; moderators see who chose what and who hears what.
    const counts = await waitFor(
      () => of('chair2', 'audio:channelCounts').find((c) => c.listening.fr === undefined && c.chosen.fr === 1),
      'channel counts after the silent booth fell back',
      5000,
    );
    expect(counts).toEqual({ listening: { floor: 3 }, chosen: { floor: 2, fr: 1 }, total: 3 });
    expect(of('a', 'audio:channel').at(-1)).toEqual({ chosen: 'fr', effective: 'floor', withFloor: false, fallback: 'silent' });
    expect(of('a', 'audio:channelCounts')).toEqual([]);
  });
});
