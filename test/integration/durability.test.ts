/**
 * Accepted work is never lost, not even when the process is killed: a real server process
 * (server/main.ts, SQLite file) acks a burst of commands, is SIGKILLed right after the last ack with
 * more commands still in flight, and a new process on the same data directory has every acked change.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { spawnServerProcess } from '../helpers/process.js';
import { connectClient, waitFor } from '../helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'plenary-durability-'));
const children: ChildProcess[] = [];
const clients: PlenaryClient[] = [];

afterAll(() => {
  for (const c of clients) c.close();
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts server/main.ts on DATA_DIR=dir; resolves with its URL and the printed demo links. */
async function startProcess(): Promise<{ child: ChildProcess; url: string; moderator: string; participant: string }> {
  const p = await spawnServerProcess({
    DATA_DIR: dir,
    REDIS_URL: '',
    // The burst below is one client's; lift the per-connection limit so it is not what we measure.
    RATE_LIMIT_PER_SEC: '10000',
    RATE_LIMIT_BURST: '10000',
  });
  children.push(p.child);
  return { child: p.child, url: p.url, moderator: p.token('moderator'), participant: p.token('participant') };
}

describe('durability across SIGKILL (SQLite)', () => {
  it('keeps every acked change when the process is killed mid-burst', async () => {
    const first = await startProcess();
    const mod = await connectClient(first.url, first.moderator);
    const speaker = await connectClient(first.url, first.participant);
    clients.push(mod, speaker);

    const request = await speaker.send({ type: 'queue:request', note: 'on behalf of the African Group' });
    expect(request.ok).toBe(true);
    const floor = await mod.send({ type: 'queue:next' });
    expect(floor.ok).toBe(true);

    const acked: number[] = [];
    const sends = Array.from({ length: 60 }, (_, i) =>
      mod.send({ type: 'agenda:add', title: `Contribution ${i + 1}`, plannedMinutes: 5 }).then((r) => {
        if (r.ok) acked.push(r.data.version);
        return r;
      }),
    );
    // Kill the moment 40 acks are in: the rest are in flight, some possibly written, none acked yet.
    await waitFor(() => acked.length >= 40, 20_000, '40 acks');
    const ackedBeforeKill = [...acked];
    first.child.kill('SIGKILL');
    await Promise.allSettled(sends);
    await waitFor(() => first.child.signalCode === 'SIGKILL', 5_000, 'process killed');

    const second = await startProcess();
    const viewer = await connectClient(second.url, second.moderator);
    clients.push(viewer);
    const state = viewer.state!;
    const titles = new Set(state.agenda.items.map((i) => i.title));
    // Every acked change is there (acks carry the version after the command).
    expect(state.version).toBeGreaterThanOrEqual(Math.max(...ackedBeforeKill));
    const ackedTitles = ackedBeforeKill.length;
    for (let i = 1; i <= ackedTitles; i++) expect(titles.has(`Contribution ${i}`)).toBe(true);
    // The turn given before the kill is still running, its clock from the stored timestamp.
    expect(state.queue.current?.participantId).toBe(speaker.me!.participantId);
    expect(state.queue.current!.startedAt).toBeLessThan(Date.now());
    second.child.kill('SIGTERM');
  });
});
