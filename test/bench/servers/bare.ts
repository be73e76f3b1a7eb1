/**
 * The baseline: a bare Socket.IO server (the same socket.io version as Plenary) doing the least
 * that each scenario needs, in its own process. `join` puts the socket in one room and answers with
 * a payload of the size Plenary's join answer had; `bcast` relays the sender's message to the room;
 * `vote` answers its ack at once and, like Plenary's outbox, sends one message of the given size to
 * the room per event-loop turn. With BENCH_REDIS_URL it uses the Redis adapter (three-node baseline).
 */
import { writeHeapSnapshot } from 'node:v8';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { memory, serveParent } from '../lib/proc.js';

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 16 * 1024, serveClient: false, cors: { origin: true } });
const redisUrl = process.env.BENCH_REDIS_URL;
const redis: Redis[] = [];
if (redisUrl) {
  const pub = new Redis(redisUrl);
  const sub = pub.duplicate();
  redis.push(pub, sub);
  io.adapter(createAdapter(pub, sub, { key: `${process.env.BENCH_REDIS_PREFIX ?? 'bare:'}socket.io` }));
}

let joinBytes = 100;
let voteBatchBytes = 100;
let version = 0;
let flushScheduled = false;
const pad = (bytes: number) => 'x'.repeat(Math.max(0, bytes));

io.on('connection', (socket) => {
  socket.on('join', (_req: unknown, ack: (r: unknown) => void) => {
    void socket.join('room');
    ack({ ok: true, data: { pad: pad(joinBytes - 30) } });
  });
  socket.on('bcast', (payload: unknown) => {
    io.to('room').emit('msg', payload);
  });
  socket.on('vote', (_req: unknown, ack: (r: unknown) => void) => {
    version += 1;
    ack({ ok: true, data: { version } });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(() => {
        flushScheduled = false;
        io.to('room').emit('msg', { stamp: 0, pad: pad(voteBatchBytes - 30) });
      });
    }
  });
});

await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

serveParent(async (msg) => {
  switch (msg.kind) {
    case 'info':
      return { url, pid: process.pid };
    case 'sizes':
      joinBytes = (msg.joinBytes as number | undefined) ?? joinBytes;
      voteBatchBytes = (msg.voteBatchBytes as number | undefined) ?? voteBatchBytes;
      return null;
    case 'mem': {
      const m = { ...memory(), connections: io.engine.clientsCount };
      if (process.env.BENCH_HEAP_SNAPSHOTS) writeHeapSnapshot(`${process.env.BENCH_HEAP_SNAPSHOTS}/bare-${m.connections}.heapsnapshot`);
      return m;
    }
    default:
      throw new Error(`unknown request ${msg.kind}`);
  }
}, async () => {
  io.disconnectSockets(true);
  await new Promise<void>((r) => io.close(() => r()));
  await Promise.all(redis.map((c) => c.quit().catch(() => c.disconnect())));
});
