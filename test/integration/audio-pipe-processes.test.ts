/**
 * Two server processes on one Redis (two app instances sharing the event store and the Socket.IO
 * adapter under one prefix), clients of one meeting on both: the meeting's audio lives in one
 * process (its owner, claimed in Redis on the first audio:join); the other process relays its
 * clients' audio requests there and the owner's messages reach them through the adapter. Proves a
 * listener on the other process joins the same room, hears of a producer created from either
 * process, consumes it, gets typed refusals across processes, and leaves the owner's room on
 * disconnect; the ownership is released when the room empties.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import type { Ack, ClientToServerEvents } from '../../shared/protocol.js';
import { audioServiceOf } from '../../server/audio/extension.js';
import { cleanRedisPrefix, connectClient, startTestServer, uniqueRedisPrefix, waitFor, type TestServer } from '../helpers/server.js';

const REDIS = 'redis://127.0.0.1:6379';
const servers: TestServer[] = [];
let prefix = '';
let dir = '';

afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  await cleanRedisPrefix(REDIS, prefix);
  rmSync(dir, { recursive: true, force: true });
});

type Req = keyof ClientToServerEvents & `audio:${string}`;
type Res<E extends Req> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
function ask<E extends Req>(c: PlenaryClient, event: E, payload: Parameters<ClientToServerEvents[E]>[0] = {} as never): Promise<Res<E>> {
  const s = c.socket.timeout(10_000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Res<E>> };
  return s.emitWithAck(event, payload);
}
const data = <T>(r: Ack<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
};
const opus = {
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
  encodings: [{ ssrc: 33333333 }],
  headerExtensions: [],
  rtcp: { cname: 'node' },
};

describe("a meeting's audio with clients on two processes", () => {
  it('routes the other process’s audio signalling to the owner and its messages back', async () => {
    prefix = uniqueRedisPrefix();
    dir = mkdtempSync(join(tmpdir(), 'plenary-audio-multi-'));
    const env = { MEDIASOUP_WORKERS: '1', RATE_LIMIT_BURST: '200', RATE_LIMIT_PER_SEC: '200' };
    const a = await startTestServer({ redisUrl: REDIS, redisPrefix: prefix, dataDir: dir, env });
    servers.push(a);
    const b = await startTestServer({ redisUrl: REDIS, redisPrefix: prefix, dataDir: dir, env });
    servers.push(b);

    // The chair joins audio on A first: A owns the meeting's audio.
    const chairA = await connectClient(a.url, a.tokens.moderator);
    const produced: string[] = [];
    data(await ask(chairA, 'audio:join'));
    const redis = new Redis(REDIS);
    try {
      expect(await redis.get(`${prefix}audio:owner:${a.meetingId}`)).toBeTruthy();

      // A participant on B joins: the same room on A, none on B.
      const listenerB = await connectClient(b.url, b.tokens.participants[0]!);
      listenerB.socket.on('audio:newProducer', (p) => produced.push(p.producerId));
      const joined = data(await ask(listenerB, 'audio:join'));
      expect(joined.channels[0]).toMatchObject({ channel: 'floor', onAir: true });
      const roomA = audioServiceOf(a.app).existing(a.meetingId)!;
      expect(roomA.peerCount).toBe(2);
      expect(audioServiceOf(b.app).existing(b.meetingId)).toBeUndefined();
      const recv = data(await ask(listenerB, 'audio:createTransport', { direction: 'recv' }));
      expect(recv.iceCandidates.length).toBeGreaterThan(0);

      // The chair's second device is on B: it produces into A's room; the listener on B is told
      // through the adapter and consumes across processes.
      const chairB = await connectClient(b.url, b.tokens.moderator);
      data(await ask(chairB, 'audio:join'));
      const send = data(await ask(chairB, 'audio:createTransport', { direction: 'send' }));
      const { producerId } = data(await ask(chairB, 'audio:produce', { transportId: send.id, kind: 'audio', rtpParameters: opus as never }));
      await waitFor(() => produced.includes(producerId), 5000, 'newProducer relayed to the listener on B');
      const consumer = data(await ask(listenerB, 'audio:consume', { transportId: recv.id, producerId, rtpCapabilities: joined.routerRtpCapabilities as never }));
      expect(consumer.producerId).toBe(producerId);
      expect(roomA.describe().peers.find((p) => p.producer?.id === producerId)?.role).toBe('moderator');

      // Typed refusals come back across processes unchanged.
      expect(await ask(listenerB, 'audio:setChannel', { channel: 'zh', withFloor: false })).toMatchObject({ ok: false, error: { code: 'audio.no_channel' } });
      expect(await ask(listenerB, 'audio:produce', { transportId: recv.id, kind: 'audio', rtpParameters: opus as never })).toMatchObject({
        ok: false,
        error: { code: 'audio.no_floor' },
      });

      // Leaving from B leaves A's room; when the room empties, A gives up the ownership.
      listenerB.close();
      chairB.close();
      await waitFor(() => roomA.peerCount === 1, 5000, 'the listener on B left the room on A');
      data(await ask(chairA, 'audio:leave'));
      await waitFor(async () => (await redis.get(`${prefix}audio:owner:${a.meetingId}`)) === null, 5000, 'ownership released');
    } finally {
      redis.disconnect();
    }
  });
});
