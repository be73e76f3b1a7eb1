/**
 * Fault 5 — a flooding client: one connection sends commands as fast as its acks return (500 in
 * flight) while 50 more connections with the same token try to join, from a process of its own.
 * It is throttled (`rate_limited`, one bucket per person whatever the number of connections), cut
 * off after a burst of refusals and kept out for a while; joins past MAX_CONNECTIONS_PER_TOKEN get
 * `too_many_connections`;
 * and the other participants' ack latency p99 moves by less than 20 % — measured in the same run,
 * alternating phases without and with the flood.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import type { CommandInput } from '../../shared/domain/index.js';
import { waitFor } from '../helpers/server.js';
import { DEMO_CHAIR_ID, DEMO_PARTICIPANT_IDS, FaultServer, faultClient, quantile, sleep } from './kit.js';
import { record } from './report.js';

const PHASE_MS = Number(process.env.FAULT_FLOOD_PHASE_MS ?? 8_000);
const dir = mkdtempSync(join(tmpdir(), 'plenary-flood-'));
let srv: FaultServer;
let others: PlenaryClient[] = [];

beforeAll(async () => {
  srv = await FaultServer.start({ DATA_DIR: dir, REDIS_URL: '' });
  const mod = await faultClient(srv.url, srv.sign('moderator', DEMO_CHAIR_ID));
  others = [mod, ...(await Promise.all(DEMO_PARTICIPANT_IDS.slice(0, 5).map((id) => faultClient(srv.url, srv.sign('participant', id)))))];
}, 60_000);

afterAll(async () => {
  for (const c of others) c.close();
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The others' ordinary traffic for `ms`: each participant toggles their request every 100 ms; acks timed. */
async function ordinaryTraffic(ms: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + ms;
  await Promise.all(
    others.slice(1).map(async (c) => {
      while (Date.now() < until) {
        const s = c.state!;
        const mine = s.queue.lists[s.agenda.currentItemId!]?.entries.find((e) => e.participantId === c.me!.participantId);
        const command: CommandInput = mine ? { type: 'queue:withdraw', entryId: mine.id } : { type: 'queue:request' };
        const t0 = performance.now();
        const r = await c.send(command);
        latencies.push(performance.now() - t0);
        if (r.ok) await waitFor(() => c.version >= r.data.version, 5_000);
        await sleep(100);
      }
    }),
  );
  return latencies;
}

/** CPU time (user + system) the server process has used so far, ms (Linux /proc, 100 ticks/s). */
function serverCpuMs(): number {
  const fields = readFileSync(`/proc/${srv.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Ordinary traffic for `ms`, with the server's CPU use over the same time (ms of CPU per second). */
async function phase(ms: number): Promise<{ latencies: number[]; cpuPerSec: number }> {
  const c0 = serverCpuMs();
  const t0 = Date.now();
  const latencies = await ordinaryTraffic(ms);
  return { latencies, cpuPerSec: ((serverCpuMs() - c0) / (Date.now() - t0)) * 1000 };
}

/** Runs the flooder process; resolves with its counts once it is done. */
function flood(seconds: number, extraConnections: number): { started: Promise<void>; done: Promise<Record<string, unknown>> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/faults/flooder.ts', srv.url, srv.sign('participant', DEMO_PARTICIPANT_IDS[5]!), String(seconds), String(extraConnections)], {
    cwd: join(import.meta.dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let startedResolve: () => void;
  const started = new Promise<void>((r) => (startedResolve = r));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('flooding')) startedResolve();
  });
  const done = new Promise<Record<string, unknown>>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>) : reject(new Error(`flooder exited ${code}: ${out}`)))),
  );
  return { started, done };
}

describe('a flooding client', () => {
  it('is throttled, and the others barely notice', async () => {
    await ordinaryTraffic(1_500); // warm-up
    const base: number[] = [];
    const flooded: number[] = [];
    const cpu = { base: [] as number[], flood: [] as number[] };
    const floods: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 2; i++) {
      const b = await phase(PHASE_MS);
      base.push(...b.latencies);
      cpu.base.push(b.cpuPerSec);
      const f = flood(PHASE_MS / 1000 + 1, i === 0 ? 50 : 0);
      await f.started;
      const fl = await phase(PHASE_MS);
      flooded.push(...fl.latencies);
      cpu.flood.push(fl.cpuPerSec);
      floods.push(await f.done);
    }
    const p = (xs: number[], q: number) => Math.round(quantile(xs, q) * 10) / 10;
    const summary = {
      phaseMs: PHASE_MS,
      samples: { base: base.length, flood: flooded.length },
      p50: { base: p(base, 0.5), flood: p(flooded, 0.5) },
      p99: { base: p(base, 0.99), flood: p(flooded, 0.99) },
      p99Change: `${Math.round((quantile(flooded, 0.99) / quantile(base, 0.99) - 1) * 100)}%`,
      serverCpuMsPerSec: { base: cpu.base.map(Math.round), flood: cpu.flood.map(Math.round) },
      loadPerCore: Math.round((loadavg()[0]! / cpus().length) * 10) / 10,
      floods,
    };
    console.log('flood:', JSON.stringify(summary));
    record('flood', summary);

    for (const f of floods) {
      const codes = f.codes as Record<string, number>;
      // Throttled: refused with rate_limited, then cut off (and kept out while it tries to rejoin);
      // what passed stays within one person's bucket whatever the number of connections.
      expect(codes.rate_limited ?? 0).toBeGreaterThan(0);
      expect(f.kicked as number).toBeGreaterThan(0);
      const passed = Object.entries(codes).filter(([c]) => c !== 'rate_limited' && c !== 'no answer' && c !== 'unauthorized').reduce((n, [, k]) => n + k, 0);
      expect(passed).toBeLessThanOrEqual(40 + 20 * (PHASE_MS / 1000 + 2));
    }
    // 50 extra connections from one token: only up to the cap (10, the flooding one included) get in.
    expect(floods[0]!.joins).toEqual({ joined: 9, too_many_connections: 41 });
    // What the flood costs the server: its CPU while flooded stays within 50 % (+20 ms/s) of the
    // ordinary traffic's. The flood's reconnections and refusals cost 10–40 ms/s beside the others'
    // 65–110 (docs/faults.md); a flood that got past the bucket or the cut-off costs hundreds (every
    // refusal is acked at once, so an uncut flooder sends thousands a second). This holds whatever
    // else the machine runs.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(cpu.flood)).toBeLessThan(mean(cpu.base) * 1.5 + 20);
    // The others' p99 moves by less than 20 % (plus 2 ms of timer noise), or stays within the
    // group-commit gap: in both phases the p99 is a command that arrived just after a batch of
    // several and waited up to 20 ms for the next (docs/performance.md), so it jumps between ~13
    // and ~21 ms from run to run whatever the flood does. A flood that reaches the others shows far
    // above that (p99 31 → 294 ms before the per-person bucket and cut-off, docs/faults.md). On a machine already
    // overloaded by other work (load per core above 1.5) the p99 of either phase is that other
    // work's, not ours: the figures are recorded, and the CPU bound above is the check.
    const BATCH_GAP_MS = 20;
    const bound = Math.max(quantile(base, 0.99) * 1.2 + 2, BATCH_GAP_MS + 5);
    if (summary.loadPerCore <= 1.5) expect(quantile(flooded, 0.99)).toBeLessThan(bound);
  });
});
