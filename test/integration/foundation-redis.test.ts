/**
 * Several processes over one Redis: two server instances share the event store (unique key prefix)
 * and the Socket.IO Redis adapter; a client on each sees the other's changes, and commands through
 * either side are decided on the latest state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

/** Two instances on one Redis prefix; the shared data dir only shares the token secret. */
async function twoInstances(): Promise<[TestServer, TestServer]> {
  prefix = uniqueRedisPrefix();
  dir = mkdtempSync(join(tmpdir(), 'plenary-redis-'));
  const a = await startTestServer({ redisUrl: REDIS, redisPrefix: prefix, dataDir: dir });
  servers.push(a);
  const b = await startTestServer({ redisUrl: REDIS, redisPrefix: prefix, dataDir: dir });
  servers.push(b);
  return [a, b];
}

describe('two processes over Redis', () => {
  it('a client on one instance sees a change made through the other', async () => {
    const [a, b] = await twoInstances();
    expect(a.port).not.toBe(b.port);
    const mod = await connectClient(a.url, a.tokens.moderator);
    const p = await connectClient(b.url, b.tokens.participants[0]!);
    await waitFor(() => p.version === mod.version); // p's own presence event reaches mod via A
    expect((await mod.send({ type: 'agenda:add', title: 'Via instance A', plannedMinutes: 5 })).ok).toBe(true);
    await waitFor(() => p.state?.agenda.items.some((i) => i.title === 'Via instance A'));
    expect(p.state).toEqual(mod.state);
  });

  it("the other instance's cache and onApplied listeners follow without any local activity", async () => {
    const [a, b] = await twoInstances();
    await b.service.get(b.meetingId); // loaded on B
    const seenOnB: string[] = [];
    b.service.onApplied((_id, _s, events) => events.forEach((e) => seenOnB.push(e.event.type)));
    const mod = await connectClient(a.url, a.tokens.moderator);
    await mod.send({ type: 'agenda:add', title: 'Heard on B', plannedMinutes: 5 });
    await waitFor(() => seenOnB.includes('agenda:itemAdded'));
    expect(b.service.peek(b.meetingId)?.version).toBe(mod.version);
  });

  it('commands through both instances interleave without losing any (version-checked appends)', async () => {
    const [a, b] = await twoInstances();
    const modA = await connectClient(a.url, a.tokens.moderator);
    const modB = await connectClient(b.url, b.tokens.moderator);
    const start = modA.version;
    const sends = [];
    for (let i = 0; i < 5; i++) {
      sends.push(modA.send({ type: 'agenda:add', title: `A${i}`, plannedMinutes: 1 }));
      sends.push(modB.send({ type: 'agenda:add', title: `B${i}`, plannedMinutes: 1 }));
    }
    const results = await Promise.all(sends);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const versions = results.map((r) => (r.ok ? r.data.version : 0)).sort((x, y) => x - y);
    expect(versions).toEqual(Array.from({ length: 10 }, (_, i) => start + i + 1));
    await waitFor(() => modA.version === start + 10 && modB.version === start + 10);
    expect(modA.state).toEqual(modB.state);
    expect((await b.service.get(b.meetingId)).version).toBe(start + 10);
  });
});
