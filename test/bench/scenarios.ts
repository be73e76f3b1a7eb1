/**
 * The scenarios, as steps on a Session (lib/session.ts): memory (idle vs N joined), join (the burst
 * of N joins, full-state joins with N connected, a reconnect after 50 missed events), fan-out
 * (the moderator changes state 5×/s) and the vote storm. Each step adds figures to `out` under a
 * name without the server kind, so run.ts can set Plenary beside the bare Socket.IO baseline.
 */
import { io, type Socket } from 'socket.io-client';
import type { TallyCheck, StormReport } from '../integration/poll-storm-kit.js';
import { percentile } from './lib/stats.js';
import { now, type Session } from './lib/session.js';

export type Out = Map<string, number>;
/** Sizes measured on Plenary, so the baseline sends messages of the same size. */
export interface Sizes {
  fanoutBytes: number;
  joinBytes: number;
  voteBatchBytes: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** Idle memory → open and join all N at once → memory again; the join-burst figures on the way. */
export async function connectAll(s: Session, out: Out, sizes: Sizes): Promise<void> {
  const n = s.opts.n;
  const idle = await s.mem();
  await s.open();
  const burst = await s.joinAll();
  const joined = await s.mem();
  out.set(`memory: heap idle, MB`, idle.heapMb);
  out.set(`memory: heap with ${n} joined, MB`, joined.heapMb);
  out.set(`memory: heap per connection, KB`, ((joined.heapMb - idle.heapMb) * 1000) / n);
  out.set(`memory: RSS per connection, KB`, ((joined.rssMb - idle.rssMb) * 1000) / n);
  out.set(`join burst (${n} at once): all joined, ms`, burst.wallMs);
  out.set(`join burst: p99 per join, ms`, percentile(burst.ms, 0.99));
  out.set(`join burst: failed joins (dropped connections)`, burst.failed);
  out.set(`join answer (full state), bytes`, mean(burst.bytes));
  if (s.opts.kind === 'plenary') sizes.joinBytes = mean(burst.bytes);
}

/** Full-state joins one after another with N connected (fresh connection each), and the reconnect. */
export async function joins(s: Session, out: Out, samples = 100): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const sock = io(s.urls[i % s.urls.length]!, { transports: ['websocket'], reconnection: false, forceNew: true });
    await connected(sock);
    const t = performance.now();
    const r = s.opts.kind === 'plenary'
      ? await sock.timeout(60_000).emitWithAck('session:join', { token: s.people[i % s.people.length]!.token })
      : await sock.timeout(60_000).emitWithAck('join', {});
    ms.push(performance.now() - t);
    if (!r.ok) throw new Error('join refused');
    sock.disconnect();
  }
  out.set(`full-state join with N connected: p50, ms`, percentile(ms, 0.5));
  out.set(`full-state join with N connected: p99, ms`, percentile(ms, 0.99));
  if (s.opts.kind !== 'plenary') return;
  // Reconnect after missing 50 events: the answer holds those 50 events, not the state.
  const person = s.people[0]!;
  const sock = io(s.urls[0]!, { transports: ['websocket'], reconnection: false, forceNew: true });
  await connected(sock);
  const first = await sock.timeout(60_000).emitWithAck('session:join', { token: person.token });
  const since = first.data.catchup.version as number;
  sock.disconnect();
  // Paced under the per-connection rate limit (20/s by default).
  for (let i = 0; i < 50; i++) await Promise.all([edit(s, `missed ${i}`), sleep(70)]);
  sock.connect();
  await connected(sock);
  const t = performance.now();
  const again = await sock.timeout(60_000).emitWithAck('session:join', { token: person.token, since });
  out.set(`reconnect after 50 missed events: time, ms`, performance.now() - t);
  out.set(`reconnect after 50 missed events: answer, bytes`, JSON.stringify(again).length);
  out.set(`reconnect after 50 missed events: events sent`, again.data.catchup.kind === 'events' ? again.data.catchup.events.length : -1);
  sock.disconnect();
}

/** Resolves when `sock` is connected; rejects on a connect error or after 60 s. */
function connected(sock: Socket): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timed out')), 60_000);
    sock.once('connect', () => (clearTimeout(timer), resolve()));
    sock.once('connect_error', (e) => (clearTimeout(timer), reject(e)));
  });
}

async function edit(s: Session, title: string): Promise<void> {
  const r = await s.mod!.timeout(30_000).emitWithAck('command', { command: { type: 'agenda:edit', itemId: s.itemId, changes: { title } } });
  if (!r.ok) throw new Error(`edit refused: ${r.error.code}`);
}

/** The moderator changes state `perSec` times a second for `seconds`; every client's delivery latency. */
export async function fanout(s: Session, out: Out, sizes: Sizes, seconds: number, perSec = 5): Promise<void> {
  const n = s.opts.n;
  const mod = s.mod!;
  const bytes: number[] = [];
  const onEvents = (b: unknown) => bytes.push(JSON.stringify(b).length);
  if (s.opts.kind === 'plenary') mod.on('meeting:events', onEvents);
  await Promise.all(s.fleets.map((f) => f.call({ kind: 'listen', on: true })));
  const count = seconds * perSec;
  const pad = 'x'.repeat(Math.max(0, Math.round(sizes.fanoutBytes) - 40));
  const t0 = performance.now();
  let refused = 0;
  for (let i = 0; i < count; i++) {
    await sleep(t0 + (i * 1000) / perSec - performance.now());
    if (s.opts.kind === 'plenary') {
      mod.timeout(30_000).emit('command', { command: { type: 'agenda:edit', itemId: s.itemId, changes: { title: `bench:${now()}` } } }, (err: unknown, r: { ok: boolean }) => {
        if (err || !r.ok) refused++;
      });
    } else {
      mod.emit('bcast', { stamp: now(), pad });
    }
  }
  // Wait (up to 20 s) for every delivery.
  const expected = count * n;
  for (let waited = 0; waited < 20_000; waited += 250) {
    const got = (await Promise.all(s.fleets.map((f) => f.call<number>({ kind: 'count' })))).reduce((a, b) => a + b, 0);
    if (got >= expected) break;
    await sleep(250);
  }
  await Promise.all(s.fleets.map((f) => f.call({ kind: 'listen', on: false })));
  const parts = await Promise.all(s.fleets.map((f) => f.call<{ samples: number[] }>({ kind: 'collect' })));
  const lat = parts.flatMap((p) => p.samples);
  mod.off('meeting:events', onEvents);
  if (s.opts.kind === 'plenary') sizes.fanoutBytes = mean(bytes);
  out.set(`fan-out N=${n}: delivery p50, ms`, percentile(lat, 0.5));
  out.set(`fan-out N=${n}: delivery p99, ms`, percentile(lat, 0.99));
  out.set(`fan-out N=${n}: delivery max, ms`, percentile(lat, 1));
  out.set(`fan-out N=${n}: delivered, % of ${count} × N`, (100 * lat.length) / expected);
  if (s.opts.kind === 'plenary') out.set(`fan-out N=${n}: refused commands`, refused);
  out.set(`fan-out: message, bytes`, s.opts.kind === 'plenary' ? sizes.fanoutBytes : pad.length + 40);
}

/**
 * N voters at once on a secret poll (Plenary: with the double clicks, changes and reconnects of the
 * kit; `plain`: each votes once, like the baseline, and the figures are named "plain vote storm").
 */
export async function voteStorm(s: Session, out: Out, sizes: Sizes, plain = false): Promise<void> {
  const n = s.opts.n;
  const name = plain ? 'plain vote storm' : 'vote storm';
  if (s.opts.kind === 'bare') {
    await s.fleets[0]!.call({ kind: 'listen', on: false });
    const t = performance.now();
    const ms = (await Promise.all(s.fleets.map((f) => f.call<number[]>({ kind: 'bare-storm' })))).flat();
    out.set(`${name}: all acks, ms`, performance.now() - t);
    out.set(`${name}: ack p50, ms`, percentile(ms, 0.5));
    out.set(`${name}: ack p99, ms`, percentile(ms, 0.99));
    return;
  }
  const mod = s.mod!;
  const question = `Bench secret ${Date.now()}`;
  const created = new Promise<string>((resolve) => {
    const on = (b: { events: Array<{ event: { type: string; poll?: { id: string; question: string } } }> }) => {
      const e = b.events.find((x) => x.event.type === 'poll:created' && x.event.poll?.question === question);
      if (e) {
        mod.off('meeting:events', on);
        resolve(e.event.poll!.id);
      }
    };
    mod.on('meeting:events', on);
  });
  const c = await mod.timeout(60_000).emitWithAck('command', { command: { type: 'poll:create', question, kind: 'single', options: ['A', 'B', 'C', 'D'], secret: true } });
  if (!c.ok) throw new Error(`poll:create refused: ${c.error.code}`);
  const pollId = await Promise.race([created, sleep(60_000).then(() => Promise.reject(new Error('poll:created never arrived')))]);
  const opened = await mod.timeout(60_000).emitWithAck('command', { command: { type: 'poll:open', pollId } });
  if (!opened.ok) throw new Error(`poll:open refused: ${opened.error.code}`);
  await Promise.all(s.fleets.map((f) => f.call({ kind: 'as-voters', pollId })));
  const t = performance.now();
  const reports = await Promise.all(s.fleets.map((f) => f.call<StormReport & { publicBytes: number[] }>({ kind: 'storm', url: s.urls[0], pollId, plain, seenVersion: opened.data.version })));
  out.set(`${name}: all acks, ms`, performance.now() - t);
  // The baseline's per-turn room message gets the size of what a participant received meanwhile
  // (the public's paced counts), not the moderator's messages, which carry every ballot.
  const publicBytes = reports.flatMap((r) => r.publicBytes);
  sizes.voteBatchBytes = publicBytes.length ? mean(publicBytes) : sizes.voteBatchBytes;
  out.set(`${name}: messages to one participant`, publicBytes.length / reports.length);
  out.set(`${name}: message to the public, bytes`, sizes.voteBatchBytes);
  const first = reports.flatMap((r) => r.firstVoteSamples);
  const sent = reports.reduce((a, r) => a + r.sent, 0);
  const okAcks = reports.reduce((a, r) => a + r.acksOk, 0);
  out.set(`${name}: ack p50, ms`, percentile(first, 0.5));
  out.set(`${name}: ack p99, ms`, percentile(first, 0.99));
  out.set(`${name}: votes sent`, sent);
  out.set(`${name}: acks not ok`, sent - okAcks);
  const check = await s.servers[0]!.call<TallyCheck>({ kind: 'check', pollId, n, since: opened.data.version, plain });
  out.set(`${name}: ballots lost`, n - check.distinctInLog);
  out.set(`${name}: vote events beyond expected (doubled)`, check.voteEvents - check.expectedVoteEvents);
  out.set(`${name}: tally exact (1 = yes)`, check.ok ? 1 : 0);
}
