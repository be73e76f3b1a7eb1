/**
 * Fault 1b — kill -9 of one of two Plenary processes sharing a Redis store (a redis-server of the
 * suite's own, AOF on), at random moments of a scripted meeting with clients on both: every acked
 * command is in the log exactly once, the killed process's clients resume by themselves on its
 * successor, the other process's clients never notice, and every state equals the log's replay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { applyAll, emptyMeeting, type DomainEvent } from '../../shared/domain/index.js';
import { waitFor } from '../helpers/server.js';
import { DEMO_CHAIR_ID, DEMO_MEETING_ID, DEMO_PARTICIPANT_IDS, FaultServer, faultClient, quantile, rng, sleep } from './kit.js';
import { MeetingScript } from './meeting-script.js';
import { RedisProcess } from './redis-process.js';
import { record } from './report.js';

const ROUNDS = Number(process.env.FAULT_KILL_REDIS_ROUNDS ?? 6);
const PREFIX = `plenary-faults-kill:${process.pid}:`;
const dir = mkdtempSync(join(tmpdir(), 'plenary-kill9-redis-'));
let redis: RedisProcess;
let a: FaultServer;
let b: FaultServer;
const clients: PlenaryClient[] = [];

beforeAll(async () => {
  redis = await RedisProcess.start();
  const env = { DATA_DIR: dir, REDIS_URL: redis.url, REDIS_PREFIX: PREFIX };
  a = await FaultServer.start(env);
  b = await FaultServer.start({ ...env, PLENARY_SECRET: a.secret });
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
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

describe('kill -9 of one of two processes on Redis', () => {
  it(`loses no acked command over ${ROUNDS} kills; clients of the killed process resume by themselves`, async () => {
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
    const random = rng(seed);
    console.log(`kill9-redis: seed ${seed}`);
    const mod = await faultClient(a.url, a.sign('moderator', DEMO_CHAIR_ID));
    const onA = await Promise.all(DEMO_PARTICIPANT_IDS.slice(0, 2).map((id) => faultClient(a.url, a.sign('participant', id))));
    const onB = await Promise.all(DEMO_PARTICIPANT_IDS.slice(2, 4).map((id) => faultClient(b.url, b.sign('participant', id))));
    const all = [mod, ...onA, ...onB];
    clients.push(...all);
    const script = new MeetingScript(mod, [...onA, ...onB]);
    const resumeMs: number[] = [];
    let bDropped = 0;
    onB.forEach((c) => c.onStatus((s) => s !== 'connected' && bDropped++));
    for (let round = 1; round <= ROUNDS; round++) {
      script.start();
      await sleep(300 + random() * 1_500);
      await a.kill9();
      await script.stop();
      const log = await readLog();
      const top = log.length;
      for (const s of script.acked()) {
        expect(s.version, `${s.type} acked at v${s.version}`).toBeLessThanOrEqual(top);
        if (!s.tag) continue;
        expect(log.filter((e) => e.data.includes(`"${s.tag}"`)), `${s.tag} once`).toHaveLength(1);
      }
      await a.restart();
      const upAt = Date.now();
      await waitFor(
        async () => {
          const v = (await readLog()).length;
          return all.every((c) => c.status === 'connected' && c.version === v) ? v : 0;
        },
        30_000,
        `round ${round}: clients resumed`,
      ).catch((e: Error) => {
        throw new Error(`${e.message}: ${all.map((c) => `${c.status}@v${c.version}`).join(', ')}`);
      });
      resumeMs.push(Date.now() - upAt);
      const after = (await readLog()).filter((e) => e.v <= mod.version);
      const replay = applyAll(emptyMeeting(), after.map((e) => e.event));
      expect(mod.state).toEqual(replay);
      for (const c of onB) expect(c.state!.agenda).toEqual(replay.agenda);
    }
    await script.stop();
    const summary = { rounds: ROUNDS, seed, acked: script.acked().length, ackedLost: 0, resumeP50Ms: quantile(resumeMs, 0.5), resumeMaxMs: Math.max(...resumeMs), clientsOnOtherProcessDropped: bDropped };
    console.log('kill9-redis:', JSON.stringify(summary));
    record('kill9-redis', summary);
    expect(bDropped).toBe(0);
    expect(Math.max(...resumeMs)).toBeLessThan(5_000);
  });
});
