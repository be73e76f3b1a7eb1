/**
 * The Plenary server under test, in its own process: a real server on 127.0.0.1:0 (SQLite file in
 * a temp dir, or the Redis store and adapter when BENCH_REDIS_URL is set), driven over IPC by the
 * benchmark: register N participants, report memory after a full GC, check a poll's tallies.
 * Env: BENCH_REDIS_URL, BENCH_REDIS_PREFIX, BENCH_SEED ('0' on the second and third node).
 */
import { writeHeapSnapshot } from 'node:v8';
import { startTestServer } from '../../helpers/server.js';
import { checkTallies, registerVoters } from '../../integration/poll-storm-kit.js';
import { memory, serveParent } from '../lib/proc.js';

const redisUrl = process.env.BENCH_REDIS_URL;
const srv = await startTestServer({
  presenceGraceMs: 5_000,
  seed: process.env.BENCH_SEED !== '0',
  ...(redisUrl ? { redisUrl, redisPrefix: process.env.BENCH_REDIS_PREFIX! } : {}),
  // Audio (mediasoup) is not what these scenarios measure; its workers are separate processes anyway.
  // Every node must share the secret: a token signed by one is checked by another.
  // The fleets open all N connections first and join them at once (the join burst): the default
  // 10 s join deadline would close the early ones before their join is even sent.
  env: {
    AUDIO_ENABLED: 'false',
    JOIN_TIMEOUT_MS: '600000',
    ...(process.env.PLENARY_SECRET ? { PLENARY_SECRET: process.env.PLENARY_SECRET } : {}),
  } as never,
});

serveParent(async (msg) => {
  switch (msg.kind) {
    case 'info':
      return { url: srv.url, moderator: srv.tokens.moderator, meetingId: srv.meetingId, pid: process.pid };
    case 'register':
      return registerVoters(srv, msg.n as number);
    case 'mem': {
      const m = { ...memory(), connections: srv.app.io.engine.clientsCount };
      // BENCH_HEAP_SNAPSHOTS=DIR: a V8 heap snapshot at each memory reading, to see what the figure holds.
      if (process.env.BENCH_HEAP_SNAPSHOTS) writeHeapSnapshot(`${process.env.BENCH_HEAP_SNAPSHOTS}/plenary-${m.connections}.heapsnapshot`);
      return m;
    }
    case 'version':
      return (await srv.service.get(srv.meetingId)).version;
    case 'check':
      return checkTallies(srv, msg.pollId as string, msg.n as number, msg.since as number, msg.plain === true);
    default:
      throw new Error(`unknown request ${msg.kind}`);
  }
}, () => srv.stop());
