/**
 * Fault 6 — Redis restarts under two Plenary processes (a redis-server of the suite's own, AOF on):
 * while Redis is down, commands get `unavailable` — clear, retryable, translated — within the ack
 * timeout, never a hang and never a silent loss; when it is back both processes recover without a
 * restart, every client carries on (a client that tried to join meanwhile gets in by itself), and
 * every acked command is in the log exactly once. A Redis that never comes back is reported by
 * `/healthz` (503, `store: unreachable`) and in the log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import type { DomainEvent } from '../../shared/domain/index.js';
import { waitFor } from '../helpers/server.js';
import { DEMO_CHAIR_ID, DEMO_MEETING_ID, DEMO_PARTICIPANT_IDS, FaultServer, faultClient, quantile, sleep } from './kit.js';
import { MeetingScript } from './meeting-script.js';
import { BlipProxy } from './proxy.js';
import { RedisProcess } from './redis-process.js';
import { record } from './report.js';

const ROUNDS = Number(process.env.FAULT_REDIS_ROUNDS ?? 3);
const OUTAGE_MS = 3_000;
const PREFIX = `plenary-faults:${process.pid}:`;
const dir = mkdtempSync(join(tmpdir(), 'plenary-redis-faults-'));
let redis: RedisProcess;
let a: FaultServer;
let b: FaultServer;
const clients: PlenaryClient[] = [];
const proxies: BlipProxy[] = [];

beforeAll(async () => {
  redis = await RedisProcess.start();
  const env = { DATA_DIR: dir, REDIS_URL: redis.url, REDIS_PREFIX: PREFIX, LOG_LEVEL: 'info', PRESENCE_GRACE_MS: '1000' };
  a = await FaultServer.start(env);
  b = await FaultServer.start({ ...env, PLENARY_SECRET: a.secret });
}, 60_000);

afterAll(async () => {
  for (const s of [a, b]) if (s && !s.alive) console.log(`a Plenary process died:\n${s.output().split('\n').filter((l) => !/^\s+at |ECONNREFUSED|missing 'error'/.test(l)).slice(-15).join('\n')}`);
  for (const c of clients) c.close();
  for (const p of proxies) await p.close();
  await a?.kill9();
  await b?.kill9();
  await redis?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function readLog(): Promise<Array<{ v: number; data: string; event: DomainEvent }>> {
  const r = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  try {
    const rows = await r.lrange(`${PREFIX}events:${DEMO_MEETING_ID}`, 0, -1);
    return rows.map((data, i) => ({ v: i + 1, data, event: JSON.parse(data) as DomainEvent }));
  } finally {
    r.disconnect();
  }
}

const health = async (s: FaultServer) => {
  const res = await fetch(`${s.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('Redis restarts under two processes', () => {
  it(`${ROUNDS} Redis kills: retryable errors meanwhile, then both processes carry on with nothing acked lost`, async () => {
    const mod = await faultClient(a.url, a.sign('moderator', DEMO_CHAIR_ID));
    const parts = [
      await faultClient(a.url, a.sign('participant', DEMO_PARTICIPANT_IDS[0]!)),
      await faultClient(b.url, b.sign('participant', DEMO_PARTICIPANT_IDS[1]!)),
      await faultClient(b.url, b.sign('participant', DEMO_PARTICIPANT_IDS[2]!)),
    ];
    clients.push(mod, ...parts);
    // One more participant on B whose own network drops during each outage: it must rejoin by itself.
    const proxy = await BlipProxy.start(b.port);
    proxies.push(proxy);
    const wanderer = await faultClient(proxy.url, b.sign('participant', DEMO_PARTICIPANT_IDS[4]!));
    clients.push(wanderer);
    const script = new MeetingScript(mod, parts);
    const duringOutage: Record<string, number> = {};
    const slowest: number[] = [];
    const recoverMs: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      script.start();
      await sleep(1_500);
      await redis.kill();
      const downAt = Date.now();
      // Commands meanwhile: each answered within the ack timeout, with a code a person can act on.
      const probes = await Promise.all(
        [mod, ...parts].map(async (c) => {
          const t0 = Date.now();
          const r = await c.send({ type: 'agenda:add', title: `during outage ${round}`, plannedMinutes: 1 });
          return { code: r.ok ? 'ok' : r.error.code, ms: Date.now() - t0 };
        }),
      );
      for (const p of probes) duringOutage[p.code] = (duringOutage[p.code] ?? 0) + 1;
      slowest.push(Math.max(...probes.map((p) => p.ms)));
      expect(probes.map((p) => p.code).filter((c) => c !== 'unavailable' && c !== 'forbidden')).toEqual([]);
      proxy.drop(300);
      // Someone opening the page now is told why, in their language (a code the client translates).
      const late = faultClient(b.url, b.sign('participant', DEMO_PARTICIPANT_IDS[3]!), 5_000).then(
        (c) => (clients.push(c), { code: 'joined', c }),
        (e: { code: string }) => ({ code: e.code, c: null }),
      );
      const healthDown = await health(a);
      expect(healthDown.status).toBe(503);
      expect(healthDown.body).toMatchObject({ ok: false, store: 'redis', storeReachable: false });
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downAt)));
      await redis.up();
      const upAt = Date.now();
      await script.stop();
      // Both processes recover by themselves: a command through each is accepted and seen on the other.
      await waitFor(async () => (await mod.send({ type: 'agenda:add', title: `after outage ${round}`, plannedMinutes: 1 })).ok, 15_000, 'A accepts again');
      await waitFor(async () => (await parts[1]!.send({ type: 'participant:update', participantId: DEMO_PARTICIPANT_IDS[1]!, changes: {} })).ok, 15_000, 'B accepts again');
      const top = (await readLog()).length;
      await waitFor(() => [mod, ...parts, wanderer].every((c) => c.status === 'connected' && c.version >= top), 15_000, `round ${round}: every client at v${top}`).catch((e: Error) => {
        throw new Error(`${e.message}: ${[mod, ...parts, wanderer].map((c) => `${c.status}@v${c.version}`).join(', ')}`);
      });
      recoverMs.push(Date.now() - upAt);
      expect((await health(a)).status).toBe(200);
      expect((await health(b)).status).toBe(200);
      const lateJoin = await late;
      expect(lateJoin.code).toBe('unavailable');
    }
    await script.stop();
    // Nothing acked lost, nothing doubled.
    const log = await readLog();
    const top = log.length;
    let lost = 0;
    for (const s of script.acked()) {
      if (s.version! > top) lost++;
      if (!s.tag) continue;
      const holders = log.filter((e) => e.data.includes(`"${s.tag}"`));
      expect(holders, `${s.tag} once in the log`).toHaveLength(1);
      expect(holders[0]!.v).toBeLessThanOrEqual(s.version!);
    }
    expect(lost).toBe(0);
    const summary = { rounds: ROUNDS, outageMs: OUTAGE_MS, acked: script.acked().length, ackedLost: lost, duringOutage, slowestAnswerMs: Math.max(...slowest), recoverP50Ms: quantile(recoverMs, 0.5), recoverMaxMs: Math.max(...recoverMs) };
    console.log('redis:', JSON.stringify(summary));
    record('redis-restart', summary);
    expect(Math.max(...slowest)).toBeLessThan(5_000);
  });

  it('a Redis that never comes back: /healthz says so (503) and so does the log', async () => {
    await redis.kill();
    await sleep(1_500);
    for (const s of [a, b]) {
      const h = await health(s);
      expect(h.status).toBe(503);
      expect(h.body).toMatchObject({ ok: false, store: 'redis', storeReachable: false });
      expect(s.output()).toMatch(/Redis unreachable/);
    }
    expect(a.alive && b.alive).toBe(true);
  });
});
