/**
 * Fault 1 — kill -9 at 20 random moments of a scripted meeting (SQLite, one process): after each
 * restart every command that got an ok ack is in the log, versions are contiguous, no event is
 * doubled, the restarted server's state is the replay of its log, and every client resumes by
 * itself (library defaults: 1 s back-off doubling to 2 s) within 5 s of the new process listening.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { applyAll, emptyMeeting, type DomainEvent } from '../../shared/domain/index.js';
import { waitFor } from '../helpers/server.js';
import { DEMO_CHAIR_ID, DEMO_MEETING_ID, DEMO_PARTICIPANT_IDS, FaultServer, faultClient, quantile, rng, sleep } from './kit.js';
import { MeetingScript } from './meeting-script.js';
import { record } from './report.js';

const ROUNDS = Number(process.env.FAULT_KILL_ROUNDS ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'plenary-kill9-'));
let srv: FaultServer | undefined;
const clients: PlenaryClient[] = [];

afterAll(async () => {
  for (const c of clients) c.close();
  await srv?.kill9();
  rmSync(dir, { recursive: true, force: true });
});

/** The durable log as the killed process left it (read straight from the SQLite file). */
function readLog(): Array<{ v: number; event: DomainEvent; data: string }> {
  const db = new Database(join(dir, 'plenary.sqlite'), { readonly: true });
  try {
    return db
      .prepare<[string], { version: number; data: string }>('SELECT version, data FROM events WHERE meeting_id = ? ORDER BY version')
      .all(DEMO_MEETING_ID)
      .map((r) => ({ v: r.version, event: JSON.parse(r.data) as DomainEvent, data: r.data }));
  } finally {
    db.close();
  }
}

describe('kill -9 at random moments of a scripted meeting', () => {
  it(`loses no acked command over ${ROUNDS} kills, and every client resumes by itself`, async () => {
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
    const random = rng(seed);
    console.log(`kill9: seed ${seed}`);
    srv = await FaultServer.start({ DATA_DIR: dir, REDIS_URL: '' });
    const mod = await faultClient(srv.url, srv.sign('moderator', DEMO_CHAIR_ID));
    const parts = await Promise.all(DEMO_PARTICIPANT_IDS.slice(0, 4).map((id) => faultClient(srv!.url, srv!.sign('participant', id))));
    clients.push(mod, ...parts);
    const script = new MeetingScript(mod, parts);

    const resumeMs: number[] = [];
    const downMs: number[] = [];
    let lost = 0;
    let checkedAcks = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      script.start();
      await sleep(150 + random() * 1_350);
      const killedAt = Date.now();
      await srv.kill9();
      await script.stop(); // in-flight commands time out: not acked, so not counted

      const log = readLog();
      const top = log.at(-1)!.v;
      // Versions contiguous from 1.
      expect(log.map((e) => e.v)).toEqual(log.map((_, i) => i + 1));
      // Every acked command's version is in the log; a tagged command is in exactly one event,
      // at or just before its acked version (a command appends at most a few events).
      for (const s of script.acked()) {
        checkedAcks++;
        if (s.version! > top) lost++;
        expect(s.version, `${s.type} acked at v${s.version}, log ends at v${top}`).toBeLessThanOrEqual(top);
        if (!s.tag) continue;
        const holders = log.filter((e) => e.data.includes(`"${s.tag}"`));
        expect(holders.map((e) => e.event.type), `${s.tag} in the log once`).toHaveLength(1);
        expect(holders[0]!.v).toBeLessThanOrEqual(s.version!);
        expect(holders[0]!.v).toBeGreaterThan(s.version! - 4);
      }
      // No event doubled: no tag appears in two events of the log.
      const tags = log.flatMap((e) => [...e.data.matchAll(/"((?:item|poll|note)-\d+-\d+)"/g)].map((m) => `${e.event.type}:${m[1]}`));
      expect(new Set(tags).size).toBe(tags.length);

      await srv.restart();
      const upAt = Date.now();
      // Every client rejoins by itself and catches up: all at the store's version (which moved on
      // past the killed log's end by the new process's presence events).
      const all = [mod, ...parts];
      await waitFor(() => all.every((c) => c.status === 'connected' && c.version >= top && c.version === readLog().at(-1)!.v), 30_000, `round ${round}: clients resumed past v${top}`).catch((e: Error) => {
        throw new Error(`${e.message}; clients: ${all.map((c) => `${c.status}@v${c.version}`).join(', ')}`);
      });
      resumeMs.push(Date.now() - upAt);
      downMs.push(upAt - killedAt);
      // The new log extends the killed one (nothing rewritten), and the restarted server's state
      // is exactly the replay of its log (snapshots included).
      const after = readLog().filter((e) => e.v <= mod.version);
      expect(after.slice(0, log.length).map((e) => e.data)).toEqual(log.map((e) => e.data));
      const replay = applyAll(emptyMeeting(), after.map((e) => e.event));
      expect(mod.state).toEqual(replay);
      for (const p of parts) expect(p.state!.agenda).toEqual(replay.agenda);
    }
    await script.stop();
    const summary = {
      rounds: ROUNDS,
      seed,
      acked: script.acked().length,
      refused: script.sent.filter((s) => !s.ok).length,
      ackChecks: checkedAcks,
      ackedLost: lost,
      resumeP50Ms: quantile(resumeMs, 0.5),
      resumeMaxMs: Math.max(...resumeMs),
      downP50Ms: quantile(downMs, 0.5),
    };
    console.log('kill9:', JSON.stringify(summary));
    record('kill9', summary);
    expect(script.acked().length).toBeGreaterThan(ROUNDS * 5);
    expect(Math.max(...resumeMs)).toBeLessThan(5_000);
  });
});
