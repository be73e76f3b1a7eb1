/**
 * Presence over several processes sharing one Redis: the union of every process's sockets counts.
 * Two in-process servers on one key prefix, plus a real child process (server/main.ts) that is
 * SIGKILLed to prove that a crashed process's participants turn absent once its heartbeat expires.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { spawnServerProcess } from '../helpers/process.js';
import { cleanRedisPrefix, connectClient, startTestServer, uniqueRedisPrefix, waitFor, type TestServer } from '../helpers/server.js';

const REDIS = 'redis://127.0.0.1:6379';
const GRACE_MS = 200;
const HEARTBEAT_MS = 200; // a silent process counts as gone after 600 ms (short, yet a busy test machine does not stall that long)
const servers: TestServer[] = [];
const children: ChildProcess[] = [];
let prefix = '';
let dir = '';

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of servers.splice(0)) await s.stop();
  await cleanRedisPrefix(REDIS, prefix);
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A server on the shared prefix; the shared data dir only shares the token secret. */
async function instance(): Promise<TestServer> {
  if (!prefix) throw new Error('call fresh() first');
  const s = await startTestServer({
    redisUrl: REDIS,
    redisPrefix: prefix,
    dataDir: dir,
    presenceGraceMs: GRACE_MS,
    env: { PRESENCE_HEARTBEAT_MS: String(HEARTBEAT_MS) },
  });
  servers.push(s);
  return s;
}

function fresh(): void {
  prefix = uniqueRedisPrefix();
  dir = mkdtempSync(join(tmpdir(), 'plenary-presence-'));
}

/** The presence flips of `pid` as `client` sees them, from now on. */
function flipsOf(client: PlenaryClient, pid: string): boolean[] {
  const flips: boolean[] = [];
  client.onChange((s, evs) => evs.forEach((e) => e.type === 'participant:presenceChanged' && e.participantId === pid && flips.push(s.participants[pid]!.present)));
  return flips;
}

/** server/main.ts as a real child process on the shared prefix; resolves with its port. */
async function spawnProcess(): Promise<{ child: ChildProcess; url: string }> {
  const p = await spawnServerProcess({
    DATA_DIR: dir,
    REDIS_URL: REDIS,
    REDIS_PREFIX: prefix,
    PRESENCE_GRACE_MS: String(GRACE_MS),
    PRESENCE_HEARTBEAT_MS: String(HEARTBEAT_MS),
  });
  children.push(p.child);
  return { child: p.child, url: p.url };
}

describe('presence over several processes (Redis)', () => {
  it('a participant connected to A stays present when B starts', async () => {
    fresh();
    const a = await instance();
    const mod = await connectClient(a.url, a.tokens.moderator);
    const pid = a.participantIds[0]!;
    await connectClient(a.url, a.tokens.participants[0]!);
    await waitFor(() => mod.state!.participants[pid]!.present);
    const flips = flipsOf(mod, pid);
    const b = await instance(); // its start-up sweep must respect A's live sockets
    await sleep(GRACE_MS + 5 * HEARTBEAT_MS); // several sweeps by either process
    expect(flips).toEqual([]);
    expect((await b.service.get(b.meetingId)).participants[pid]!.present).toBe(true);
  });

  it('a socket on A and one on B: present while either is open, absent after the grace once both closed', async () => {
    fresh();
    const a = await instance();
    const b = await instance();
    const mod = await connectClient(a.url, a.tokens.moderator);
    const pid = a.participantIds[1]!;
    const onA = await connectClient(a.url, a.tokens.participants[1]!);
    const onB = await connectClient(b.url, b.tokens.participants[1]!);
    await waitFor(() => mod.state!.participants[pid]!.present);
    const flips = flipsOf(mod, pid);

    onA.close();
    await sleep(GRACE_MS + 5 * HEARTBEAT_MS);
    expect(flips).toEqual([]); // B still holds a socket

    const reopened = await connectClient(a.url, a.tokens.participants[1]!);
    onB.close();
    await sleep(GRACE_MS + 5 * HEARTBEAT_MS);
    expect(flips).toEqual([]); // now A holds one

    const closedAt = Date.now();
    reopened.close();
    await waitFor(() => flips.length > 0, 5_000, 'absent after both closed');
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_MS - 20);
    await sleep(5 * HEARTBEAT_MS);
    expect(flips).toEqual([false]); // exactly one absent, no flapping
    expect((await b.service.get(b.meetingId)).participants[pid]!.present).toBe(false);
  });

  it('a reload from one process to another within the grace does not flap', async () => {
    fresh();
    const a = await instance();
    const b = await instance();
    const mod = await connectClient(a.url, a.tokens.moderator);
    const pid = a.participantIds[2]!;
    const tab = await connectClient(a.url, a.tokens.participants[2]!);
    await waitFor(() => mod.state!.participants[pid]!.present);
    const flips = flipsOf(mod, pid);
    tab.close();
    await connectClient(b.url, b.tokens.participants[2]!);
    await sleep(GRACE_MS + 5 * HEARTBEAT_MS);
    expect(flips).toEqual([]);
  });

  it("a crashed process's participants turn absent once its heartbeat expires, via another process", async () => {
    fresh();
    const a = await instance();
    const { child, url } = await spawnProcess();
    const mod = await connectClient(a.url, a.tokens.moderator);
    const crashed = a.participantIds[3]!;
    const stays = a.participantIds[4]!;
    await connectClient(url, a.tokens.participants[3]!);
    await connectClient(a.url, a.tokens.participants[4]!);
    await waitFor(() => mod.state!.participants[crashed]!.present && mod.state!.participants[stays]!.present);
    const flips = flipsOf(mod, crashed);

    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL'); // no clean-up at all: its Redis entry only expires
    await exited;
    await waitFor(() => mod.state!.participants[crashed]!.present === false, 5_000, 'absent after the TTL');
    await sleep(5 * HEARTBEAT_MS);
    expect(flips).toEqual([false]);
    expect(mod.state!.participants[stays]!.present).toBe(true);
  });

  it("a cleanly stopped process's participants are held for the grace, then marked absent by another", async () => {
    fresh();
    const a = await instance();
    const b = await instance();
    const mod = await connectClient(a.url, a.tokens.moderator);
    const pid = a.participantIds[5]!;
    await connectClient(b.url, b.tokens.participants[5]!);
    await waitFor(() => mod.state!.participants[pid]!.present);
    await b.stop();
    await waitFor(() => mod.state!.participants[pid]!.present === false, 5_000, 'absent after B stopped');
  });
});
