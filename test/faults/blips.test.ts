/**
 * Fault 4 — network blips: a participant whose connection drops (reset, refused for 1–15 s) or
 * stalls (silent, TCP holds the bytes) mid-turn and mid-poll, while the meeting goes on. Their
 * client rejoins by itself with exactly the missed events (no snapshot, nothing twice), keeps its
 * place in the queue (the same entry, not a new request at the end) or its running turn, and its
 * vote still counts. The server process is real; the blip is a TCP proxy in front of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { orderedQueue, visibleResults, type CommandInput, type DomainEvent } from '../../shared/domain/index.js';
import { waitFor } from '../helpers/server.js';
import { DEMO_CHAIR_ID, DEMO_PARTICIPANT_IDS, FaultServer, faultClient, quantile, sleep } from './kit.js';
import { BlipProxy } from './proxy.js';
import { record } from './report.js';

const dir = mkdtempSync(join(tmpdir(), 'plenary-blips-'));
let srv: FaultServer;
let proxy: BlipProxy;
let mod: PlenaryClient, a: PlenaryClient, b: PlenaryClient, c: PlenaryClient;
const [A, B, C] = DEMO_PARTICIPANT_IDS;

beforeAll(async () => {
  srv = await FaultServer.start({ DATA_DIR: dir, REDIS_URL: '' });
  proxy = await BlipProxy.start(srv.port);
  mod = await faultClient(srv.url, srv.sign('moderator', DEMO_CHAIR_ID));
  a = await faultClient(proxy.url, srv.sign('participant', A!));
  b = await faultClient(srv.url, srv.sign('participant', B!));
  c = await faultClient(srv.url, srv.sign('participant', C!));
}, 60_000);

afterAll(async () => {
  for (const x of [mod, a, b, c]) x?.close();
  await proxy?.close();
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends a command that must be accepted and waits until the moderator's client has applied it. */
async function ok(by: PlenaryClient, command: CommandInput): Promise<number> {
  const r = await by.send(command);
  if (!r.ok) throw new Error(`${command.type}: ${r.error.code} ${r.error.message}`);
  await waitFor(() => mod.version >= r.data.version, 5_000, `${command.type} applied`);
  return r.data.version;
}

const entryOf = (who: string) => {
  const s = mod.state!;
  return s.queue.lists[s.agenda.currentItemId!]?.entries.find((e) => e.participantId === who);
};

const ROUNDS: Array<{ mode: 'drop' | 'stall'; ms: number; aHolds: boolean }> = [
  { mode: 'drop', ms: 1_000, aHolds: false },
  { mode: 'drop', ms: 5_000, aHolds: true },
  { mode: 'drop', ms: 15_000, aHolds: false },
  { mode: 'stall', ms: 3_000, aHolds: true },
  { mode: 'stall', ms: 12_000, aHolds: false },
];

describe('network blips mid-turn and mid-poll', () => {
  it('the participant rejoins with only the missed events, keeps their place or turn, and their vote counts', async () => {
    const results: Array<Record<string, unknown>> = [];
    for (const round of ROUNDS) {
      // A fresh situation: nobody speaking, an empty list, an open named poll A has voted in.
      if (mod.state!.queue.current) await ok(mod, { type: 'queue:end' });
      await ok(mod, { type: 'queue:clear' });
      if (round.aHolds) {
        await ok(a, { type: 'queue:request', note: 'A speaks' });
        await ok(mod, { type: 'queue:give', entryId: entryOf(A!)!.id });
      } else {
        await ok(b, { type: 'queue:request' });
        await ok(mod, { type: 'queue:give', entryId: entryOf(B!)!.id });
        await ok(a, { type: 'queue:request', note: 'A waits' });
      }
      await ok(mod, { type: 'poll:create', question: `Blip ${round.mode} ${round.ms}`, kind: 'yes_no_abstain' });
      const pollId = mod.state!.polls.order.at(-1)!;
      await ok(mod, { type: 'poll:open', pollId });
      const yes = mod.state!.polls.byId[pollId]!.options[0]!.id;
      await ok(a, { type: 'poll:vote', pollId, choices: [yes] });
      await waitFor(() => a.version === mod.version, 5_000, 'A settled');
      const entryBefore = entryOf(A!);
      const turnBefore = mod.state!.queue.current;
      const vBefore = a.version;

      // Count what A's client applies from now on: events only, each once.
      const applied: Array<{ count: number; snapshot: boolean }> = [];
      const seen: DomainEvent[] = [];
      const off = a.onChange((_s, events) => {
        applied.push({ count: events.length, snapshot: events.length === 0 });
        seen.push(...events);
      });

      const blip = round.mode === 'drop' ? (proxy.drop(round.ms), sleep(round.ms)) : proxy.stall(round.ms);
      await sleep(Math.min(500, round.ms / 3));
      // The meeting goes on without A.
      await ok(c, { type: 'poll:vote', pollId, choices: [yes] });
      await ok(c, { type: 'queue:request', note: 'C joins the list' });
      await ok(mod, { type: 'agenda:add', title: `Added during a ${round.ms} ms ${round.mode}`, plannedMinutes: 1 });
      await ok(b, { type: 'poll:vote', pollId, choices: [yes] });
      await blip;
      const restoredAt = Date.now();
      await waitFor(() => a.status === 'connected' && a.version === mod.version, 20_000, `A caught up after a ${round.ms} ms ${round.mode}`);
      const resumeMs = Date.now() - restoredAt;
      off();

      // Only the missed events, in order, none twice, no snapshot (A's own presence changes included).
      const missed = mod.version - vBefore;
      expect(applied.some((x) => x.snapshot), 'no snapshot').toBe(false);
      expect(seen).toHaveLength(missed);
      // Their place: the very same entry (not re-requested at the end), or their running turn.
      if (round.aHolds) {
        expect(mod.state!.queue.current).toEqual(turnBefore);
        expect(mod.state!.queue.current!.participantId).toBe(A);
      } else {
        expect(entryOf(A!)).toEqual(entryBefore);
        const item = mod.state!.agenda.currentItemId!;
        expect(orderedQueue(a.state!, item).map((e) => e.entry.id)).toEqual(orderedQueue(mod.state!, item).map((e) => e.entry.id));
        expect(orderedQueue(mod.state!, item)[0]!.entry.participantId).toBe(A);
      }
      expect(a.state!.queue).toEqual(mod.state!.queue);
      // Their vote still counts.
      expect(mod.state!.polls.byId[pollId]!.votes[A!]?.choices).toEqual([yes]);
      await ok(mod, { type: 'poll:close', pollId });
      await waitFor(() => a.version === mod.version);
      const shown = visibleResults(a.state!, pollId, 'participant')!;
      const full = visibleResults(mod.state!, pollId, 'moderator')!;
      expect(shown.options).toEqual(full.options);
      expect(shown.turnout).toEqual(full.turnout);
      expect(full.options[0]!.count).toBe(3);
      results.push({ mode: round.mode, ms: round.ms, aHolds: round.aHolds, missed, resumeMs });
    }
    console.log('blips:', JSON.stringify(results));
    record('blips', { rounds: results, resumeMaxMs: Math.max(...results.map((r) => r.resumeMs as number)), resumeP50Ms: quantile(results.map((r) => r.resumeMs as number), 0.5) });
  });
});
