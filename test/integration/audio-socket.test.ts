/**
 * Audio through the real server: socket.io clients, the socket edge, the queue commands that move the
 * floor, and real mediasoup workers. Proves the produce refusal is a typed ack error, that the floor
 * given by the moderator opens the speaker's microphone and ending the turn closes it, the hand-back,
 * and that a killed worker makes every client re-join.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.js';
import { audioServiceOf } from '../../server/audio/extension.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

type Req = keyof ClientToServerEvents & `audio:${string}`;
type Res<E extends Req> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** An audio:* request with its ack. */
function ask<E extends Req>(c: PlenaryClient, event: E, payload: Parameters<ClientToServerEvents[E]>[0] = {}): Promise<Res<E>> {
  const s = c.socket.timeout(5000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Res<E>> };
  return s.emitWithAck(event, payload);
}
const data = <T>(r: Ack<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
};

/** Records the server → client audio events a client receives. */
function recorder(c: PlenaryClient) {
  const got: Array<{ event: string; payload: unknown }> = [];
  const events: Array<keyof ServerToClientEvents> = ['audio:floor', 'audio:newProducer', 'audio:producerClosed', 'audio:restart', 'audio:silence'];
  for (const e of events) c.socket.on(e, (payload: unknown) => got.push({ event: e, payload }));
  return {
    of: (event: string) => got.filter((g) => g.event === event).map((g) => g.payload as Record<string, unknown>),
  };
}

const opus = {
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
  encodings: [{ ssrc: 22222222 }],
  headerExtensions: [],
  rtcp: { cname: 'node' },
};

let srv: TestServer;
let mod: PlenaryClient;

beforeAll(async () => {
  srv = await startTestServer({ env: { MEDIASOUP_WORKERS: '1', RATE_LIMIT_BURST: '200', RATE_LIMIT_PER_SEC: '200' } });
  mod = await connectClient(srv.url, srv.tokens.moderator);
});

afterAll(async () => {
  await srv?.stop();
});

async function giveFloor(p: PlenaryClient): Promise<void> {
  expect((await p.send({ type: 'queue:request' })).ok).toBe(true);
  const entry = await waitFor(() =>
    Object.values(mod.state!.queue.lists)
      .flatMap((l) => l.entries)
      .find((e) => e.participantId === p.me!.participantId),
  );
  const r = await mod.send({ type: 'queue:give', entryId: entry.id });
  if (!r.ok) throw new Error(r.error.code);
}

async function speakerSetup(p: PlenaryClient) {
  const joined = data(await ask(p, 'audio:join'));
  const send = data(await ask(p, 'audio:createTransport', { direction: 'send' }));
  const produce = () => ask(p, 'audio:produce', { transportId: send.id, kind: 'audio', rtpParameters: opus as never });
  return { joined, send, produce };
}

describe('audio over the socket edge', () => {
  it('refuses audio requests before audio:join and malformed payloads', async () => {
    const p = await connectClient(srv.url, srv.tokens.participants[1]!);
    const r = await ask(p, 'audio:createTransport', { direction: 'send' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    data(await ask(p, 'audio:join'));
    const bad = await ask(p, 'audio:createTransport', { direction: 'sideways' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    p.close();
  });

  it('refuses to produce without the floor with audio.no_floor; opens and closes the mic with the turn', async () => {
    const speaker = await connectClient(srv.url, srv.tokens.participants[0]!);
    const listener = await connectClient(srv.url, srv.tokens.participants[2]!);
    const heard = recorder(listener);
    const said = recorder(speaker);
    const sp = await speakerSetup(speaker);
    expect(sp.joined.floor.mic).toBe('closed');
    expect(await sp.produce()).toMatchObject({ ok: false, error: { code: 'audio.no_floor' } });
    data(await ask(listener, 'audio:join'));
    const recv = data(await ask(listener, 'audio:createTransport', { direction: 'recv' }));

    await giveFloor(speaker);
    await waitFor(() => said.of('audio:floor').some((f) => f.mic === 'open'), 5000, 'open your microphone');
    const { producerId } = data(await sp.produce());
    await waitFor(() => heard.of('audio:newProducer').some((x) => x.producerId === producerId), 5000, 'newProducer');
    const c = data(await ask(listener, 'audio:consume', { transportId: recv.id, producerId, rtpCapabilities: sp.joined.routerRtpCapabilities }));
    data(await ask(listener, 'audio:resumeConsumer', { consumerId: c.consumerId }));

    // A participant cannot mute others; the moderator can pause the producer at once.
    expect(await ask(listener, 'audio:setMuted', { muted: true, target: { kind: 'participant', participantId: speaker.me!.participantId! } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    expect((await mod.send({ type: 'queue:end' })).ok).toBe(true);
    await waitFor(() => said.of('audio:floor').at(-1)?.mic === 'closed', 5000, 'microphone closed');
    await waitFor(() => heard.of('audio:producerClosed').some((x) => x.producerId === producerId), 5000, 'producerClosed');
    const room = audioServiceOf(srv.app).existing(srv.meetingId)!;
    expect(room.describe().peers.every((peer) => peer.producer === null)).toBe(true);
    expect(await sp.produce()).toMatchObject({ ok: false, error: { code: 'audio.no_floor' } });
    speaker.close();
    listener.close();
  });

  it('lets the floor holder hand the floor back, and nobody else', async () => {
    const speaker = await connectClient(srv.url, srv.tokens.participants[3]!);
    const other = await connectClient(srv.url, srv.tokens.participants[4]!);
    data(await ask(speaker, 'audio:join'));
    data(await ask(other, 'audio:join'));
    await giveFloor(speaker);
    await waitFor(() => mod.state?.queue.current?.participantId === speaker.me!.participantId);
    const turnId = mod.state!.queue.current!.turnId;
    expect(await ask(other, 'audio:handBack')).toMatchObject({ ok: false, error: { code: 'audio.no_floor' } });
    expect(mod.state!.queue.current?.turnId).toBe(turnId);
    const since = mod.state!.version;
    data(await ask(speaker, 'audio:handBack'));
    await waitFor(() => mod.state?.queue.current === null, 5000, 'turn ended');
    // The log names the speaker (not the server) as the one who ended the turn.
    const log = (await srv.app.store.readSince(srv.meetingId, since)).map((e) => e.event);
    expect(log).toContainEqual(expect.objectContaining({ type: 'queue:turnYielded', turnId, participantId: speaker.me!.participantId }));
    expect(log.some((e) => e.type === 'queue:turnEnded')).toBe(false);
    expect(mod.state!.queue.history.at(-1)).toMatchObject({ turnId, endReason: 'ended' });
    // Nobody holds the floor any more: a second hand-back is refused the same way.
    expect(await ask(speaker, 'audio:handBack')).toMatchObject({ ok: false, error: { code: 'audio.no_floor' } });
    speaker.close();
    other.close();
  });

  it('asks every client to re-join when the worker dies, keeping the meeting state', async () => {
    const p = await connectClient(srv.url, srv.tokens.participants[5]!);
    const rec = recorder(p);
    data(await ask(p, 'audio:join'));
    const meetingPart = () => JSON.stringify({ agenda: mod.state!.agenda, queue: mod.state!.queue, polls: mod.state!.polls });
    const before = meetingPart();
    const room = audioServiceOf(srv.app).existing(srv.meetingId)!;
    const pid = room.worker.pid;
    process.kill(pid, 'SIGKILL');
    await waitFor(() => rec.of('audio:restart').length > 0, 8000, 'audio:restart');
    expect(room.worker.pid).not.toBe(pid);
    const again = data(await ask(p, 'audio:join'));
    expect(again.routerRtpCapabilities.codecs?.some((c) => c.mimeType === 'audio/opus')).toBe(true);
    data(await ask(p, 'audio:createTransport', { direction: 'recv' }));
    expect(meetingPart()).toBe(before); // only presence may have moved meanwhile
    p.close();
  });
});
