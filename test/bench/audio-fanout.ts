/**
 * Benchmark: one floor speaker and one interpreter → N synthetic listeners (default 1,000), half on
 * the floor, half on the interpreter's booth. Speakers send 50 tagged RTP packets a second into
 * mediasoup PlainTransports; each listener is a PlainTransport sending to its own UDP socket in this
 * process, which counts the distinct packets it gets. Two set-ups in the same run, one after the
 * other, same machine:
 *
 * - **plenary**: the real AudioService and AudioRoom (worker pool, channel routing, a meeting spread
 *   over the workers with pipeToRouter as each fills, AUDIO_CONSUMERS_PER_WORKER);
 * - **bare**: mediasoup alone — one router per worker, the producers piped from the first to the
 *   others, listeners spread evenly — the floor of what any code on top could do.
 *
 * Figures per run: listeners served, delivery per listener (min / median; how many ≥ 99.5 %), worker
 * CPU (% of one core, summed over workers, during the sending window) and peak RSS, set-up time, and
 * for plenary the time from a channel switch (floor → booth) to the booth's first packet at a
 * listener (server side: setChannel, consume, resume, first RTP). Three runs; min / median / max.
 *
 * Run: `npm run bench` (scenario audio-fanout) or `npx tsx test/bench/audio-fanout.ts --n 1000
 * --runs 3 --seconds 10`. Loopback only.
 */
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SYSTEM, emptyMeeting, execute, Command, type Actor, type CommandInput, type MeetingState } from '../../shared/domain/index.js';
import { audioConfigFromEnv } from '../../server/audio/config.js';
import { AudioService } from '../../server/audio/service.js';
import { MEDIA_CODECS } from '../../server/audio/room.js';
import type { AudioServerMessage } from '../../server/audio/types.js';
import { RtpListener, RtpSpeaker, syntheticOpus } from './audio-rtp.js';

export interface FanoutOptions {
  n: number;
  runs: number;
  seconds: number;
}

interface RunFigures {
  listeners: number;
  deliveryMin: number;
  deliveryMedian: number;
  atLeast995: number;
  cpuPct: number;
  rssMb: number;
  setupMs: number;
  workersUsed: number;
  switchMs?: number[];
  /** Probes that heard nothing of the booth within 5 s of switching. */
  switchTimeouts?: number;
  /** Packets a listener got from the channel it does not hear (must be 0). */
  stray: number;
  /** The kernel's UDP receive-buffer drops on this host during the window (Linux; -1 unknown). */
  udpDrops: number;
  /** 1-minute load average at the end of the window (the machine is shared). */
  load: number;
  /** plenary: times listeners were sent to the floor because the booth seemed silent (overload shows here). */
  silentFallbacks?: number;
}

/** The kernel's count of UDP datagrams dropped for a full receive buffer (Linux /proc/net/snmp). */
function udpRcvbufErrors(): number {
  try {
    const lines = readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((l) => l.startsWith('Udp:'));
    const [head, values] = [lines[0]?.split(/\s+/) ?? [], lines[1]?.split(/\s+/) ?? []];
    return Number(values[head.indexOf('RcvbufErrors')] ?? -1);
  } catch {
    return -1;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;

/** The listeners' UDP sockets, spread over a few child processes (audio-listeners.ts). */
class ListenerHosts {
  private constructor(
    private readonly children: ChildProcess[],
    private readonly sizes: number[],
    readonly ports: number[],
  ) {}

  static async start(n: number, hosts: number): Promise<ListenerHosts> {
    const file = fileURLToPath(new URL('./audio-listeners.ts', import.meta.url));
    const children: ChildProcess[] = [];
    const sizes: number[] = [];
    const ports: number[] = [];
    for (let h = 0; h < hosts; h++) {
      const count = Math.floor(((h + 1) * n) / hosts) - Math.floor((h * n) / hosts);
      const child = fork(file, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.push(child);
      sizes.push(count);
      const opened = await ask<{ ports: number[] }>(child, { kind: 'open', count }, 'opened');
      ports.push(...opened.ports);
    }
    return new ListenerHosts(children, sizes, ports);
  }

  /** Distinct packets each socket got of its tag within its window, and packets of any other tag. */
  async count(windows: Array<{ tag: string; from: number; to: number }>): Promise<{ received: number[]; stray: number[] }> {
    const received: number[] = [];
    const stray: number[] = [];
    let at = 0;
    for (const [h, child] of this.children.entries()) {
      const size = this.sizes[h] ?? 0;
      const r = await ask<{ received: number[]; stray: number[]; missing: number[][] }>(child, { kind: 'count', windows: windows.slice(at, at + size) }, 'counted');
      if (r.missing.length) console.log(`[debug] host ${h} missing (first sockets):`, r.missing.slice(0, 4).map((m) => `${m.length}: ${m.slice(0, 12).join(',')}`).join(' | '));
      received.push(...r.received);
      stray.push(...r.stray);
      at += size;
    }
    return { received, stray };
  }

  close(): void {
    for (const c of this.children) c.connected ? c.send({ kind: 'close' }) : c.kill();
  }
}

function ask<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMsg = (m: { kind: string }) => {
      if (m.kind !== reply) return;
      child.off('message', onMsg);
      resolve(m as T);
    };
    child.on('message', onMsg);
    child.once('exit', (code) => reject(new Error(`listener host exited (${code})`)));
    child.send(message);
  });
}

/** How many processes host the listeners: enough that one busy event loop does not drop packets. */
const HOSTS = 4;

/** Sending window: per listener, the packets sent meanwhile that it received; the workers' CPU. */
async function measure(
  workers: readonly ms.Worker[],
  speakers: Array<{ rtp: RtpSpeaker; tag: string }>,
  hosts: ListenerHosts,
  tags: string[],
  seconds: number,
): Promise<Omit<RunFigures, 'setupMs' | 'workersUsed'>> {
  await sleep(1000); // warm-up: every consumer resumed and flowing
  const usage = () => Promise.all(workers.map((w) => w.getResourceUsage()));
  const from = new Map(speakers.map((s) => [s.tag, s.rtp.sent]));
  const u0 = await usage();
  const drops0 = udpRcvbufErrors();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const to = new Map(speakers.map((s) => [s.tag, s.rtp.sent]));
  const u1 = await usage();
  const elapsed = performance.now() - t0;
  // Packets still queued in a worker or a socket on a busy machine count as delivered if they arrive now.
  await sleep(2000);
  const drops1 = udpRcvbufErrors();
  const windows = tags.map((tag) => ({ tag, from: from.get(tag) ?? 0, to: to.get(tag) ?? 0 }));
  const { received, stray } = await hosts.count(windows);
  const deliveries = windows.map((w, i) => (w.to > w.from ? (received[i] ?? 0) / (w.to - w.from) : 0));
  const cpuMs = u1.reduce((sum, u, i) => sum + (u.ru_utime + u.ru_stime) - ((u0[i]?.ru_utime ?? 0) + (u0[i]?.ru_stime ?? 0)), 0);
  return {
    listeners: deliveries.filter((d) => d > 0).length,
    deliveryMin: Math.min(...deliveries),
    deliveryMedian: median(deliveries),
    atLeast995: deliveries.filter((d) => d >= 0.995).length,
    cpuPct: (cpuMs / elapsed) * 100,
    rssMb: u1.reduce((sum, u) => sum + u.ru_maxrss, 0) / 1024,
    stray: stray.reduce((a, b) => a + b, 0),
    udpDrops: drops0 < 0 || drops1 < 0 ? -1 : drops1 - drops0,
    load: loadavg()[0] ?? 0,
  };
}

function run(s: MeetingState, c: CommandInput, actor: Actor = SYSTEM): MeetingState {
  const r = execute(s, Command.parse(c), actor, Date.now());
  if (!r.ok) throw new Error(`${c.type}: ${r.error.code}`);
  return r.state;
}

/** A meeting with a chair and a French booth whose interpreter is on air. */
function meetingWithBooth(): MeetingState {
  let s = run(emptyMeeting(), {
    type: 'meeting:create',
    meetingId: 'bench',
    info: { title: 'Audio fan-out', kind: 'hybrid', startsAt: '2021-05-17T09:00:00+02:00', endsAt: '2021-05-17T18:00:00+02:00', timeZone: 'Europe/Zurich' },
  });
  s = run(s, { type: 'participant:register', participantId: 'chair', role: 'moderator', profile: { name: 'Chair', group: 'intergovernmental', language: 'en' } });
  s = run(s, { type: 'booth:open', language: 'fr' });
  s = run(s, { type: 'participant:register', participantId: 'fr1', role: 'interpreter', booth: 'fr', profile: { name: 'fr1', group: 'intergovernmental', language: 'fr' } });
  return run(s, { type: 'booth:takeAir' }, { role: 'interpreter', participantId: 'fr1' });
}

/** Plenary's own audio path. */
async function plenaryRun(o: FanoutOptions): Promise<RunFigures> {
  const inbox = new Map<string, AudioServerMessage[]>();
  /** Listeners set up: like a browser, they consume whatever they are newly told about. */
  const following = new Map<string, string>();
  const consuming: Array<Promise<unknown>> = [];
  let silentFallbacks = 0;
  let live: Awaited<ReturnType<AudioService['room']>> | undefined;
  const outbox = {
    send: (id: string, m: AudioServerMessage) => {
      if (m.event === 'audio:channel' && m.payload.fallback === 'silent') silentFallbacks += 1;
      const recv = following.get(id);
      if (!recv) return void (inbox.get(id) ?? inbox.set(id, []).get(id)!).push(m);
      if (m.event === 'audio:newProducer' && live) {
        const r = live;
        consuming.push(
          r.consume(id, recv, m.payload.producerId, r.router.rtpCapabilities).then((c) => r.resumeConsumer(id, c.consumerId)).catch(() => undefined),
        );
      }
    },
  };
  const service = await AudioService.start(audioConfigFromEnv({ MEDIASOUP_LOG_LEVEL: 'error' }), { outbox });
  const closers: Array<() => void> = [];
  try {
    const room = await service.room('bench');
    live = room;
    await room.applyMeeting(meetingWithBooth());
    const speakers: Array<{ rtp: RtpSpeaker; tag: string }> = [];
    for (const [id, info, tag, ssrc] of [
      ['chair', { role: 'moderator', participantId: 'chair' }, 'FLOR', 7001],
      ['fr1', { role: 'interpreter', participantId: 'fr1', booth: 'fr' }, 'FR  ', 7002],
    ] as const) {
      await room.join({ id, name: id, ...info });
      const t = await room.createPlainTransport(id, 'send');
      await room.produce(id, t.id, 'audio', syntheticOpus(ssrc));
      const rtp = new RtpSpeaker(ssrc, tag);
      closers.push(() => rtp.close());
      rtp.start(t.ip, t.port);
      speakers.push({ rtp, tag });
    }
    const hosts = await ListenerHosts.start(o.n, HOSTS);
    closers.push(() => hosts.close());
    /** One listener: joins, picks its channel, a plain receive transport to `port`, consumes what it was told about. */
    const addListener = async (id: string, port: number, booth: boolean) => {
      const joined = await room.join({ id, role: 'participant', participantId: null, name: id });
      if (booth) await room.setChannel(id, 'fr', false);
      const t = await room.createPlainTransport(id, 'recv', { ip: '127.0.0.1', port });
      const told = booth ? (inbox.get(id) ?? []).flatMap((m) => (m.event === 'audio:newProducer' ? [m.payload.producerId] : [])) : joined.producers.map((p) => p.producerId);
      for (const pid of told) {
        const c = await room.consume(id, t.id, pid, room.router.rtpCapabilities);
        await room.resumeConsumer(id, c.consumerId);
      }
      return t.id;
    };
    const t0 = performance.now();
    const tags: string[] = [];
    for (let i = 0; i < o.n; i++) {
      const booth = i % 2 === 1;
      following.set(`L${i}`, await addListener(`L${i}`, hosts.ports[i] ?? 0, booth));
      tags.push(booth ? 'FR  ' : 'FLOR');
    }
    const setupMs = performance.now() - t0;
    // 20 more floor listeners in this process, for the channel-switch timing below.
    const probes: Array<{ id: string; udp: RtpListener; recv: string }> = [];
    for (let i = 0; i < 20; i++) {
      const udp = await RtpListener.open();
      closers.push(() => udp.close());
      probes.push({ id: `P${i}`, udp, recv: await addListener(`P${i}`, udp.port, false) });
    }
    const workersUsed = new Set(room.placements.map((p) => p.worker.pid)).size;
    const figures = await measure(service.pool?.list() ?? [], speakers, hosts, tags, o.seconds);

    // Channel switch: the probes move from the floor to the booth; time to the booth's first packet.
    const switchMs: number[] = [];
    let switchTimeouts = 0;
    for (const l of probes) {
      const before = (inbox.get(l.id) ?? []).length;
      const t = performance.now();
      await room.setChannel(l.id, 'fr', false);
      const fresh = (inbox.get(l.id) ?? []).slice(before);
      for (const m of fresh) {
        if (m.event !== 'audio:newProducer') continue;
        // A producer announced and withdrawn meanwhile (a booth flapping under load) is refused: skip it.
        const c = await room.consume(l.id, l.recv, m.payload.producerId, room.router.rtpCapabilities).catch(() => null);
        if (c) await room.resumeConsumer(l.id, c.consumerId).catch(() => undefined);
      }
      const until = t + 5000;
      while (!l.udp.firstAt.has('FR  ') && performance.now() < until) await sleep(1);
      const first = l.udp.firstAt.get('FR  ');
      if (first === undefined) switchTimeouts += 1;
      else switchMs.push(first - t);
    }
    await Promise.all(consuming);
    return { ...figures, setupMs, workersUsed, switchMs, switchTimeouts, silentFallbacks };
  } finally {
    for (const c of closers) c();
    await service.close();
  }
}

/** mediasoup alone: the same fan-out with the least code possible. */
async function bareRun(o: FanoutOptions): Promise<RunFigures> {
  const workers = await Promise.all(Array.from({ length: availableParallelism() }, () => mediasoup.createWorker({ logLevel: 'error' })));
  const closers: Array<() => void> = [];
  try {
    const routers = await Promise.all(workers.map((w) => w.createRouter({ mediaCodecs: MEDIA_CODECS })));
    const first = routers[0]!;
    const speakers: Array<{ rtp: RtpSpeaker; tag: string; producer: ms.Producer }> = [];
    for (const [tag, ssrc] of [['FLOR', 8001], ['FR  ', 8002]] as const) {
      const t = await first.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: true });
      const producer = await t.produce({ kind: 'audio', rtpParameters: syntheticOpus(ssrc) });
      for (const r of routers.slice(1)) await first.pipeToRouter({ producerId: producer.id, router: r });
      const rtp = new RtpSpeaker(ssrc, tag);
      closers.push(() => rtp.close());
      rtp.start('127.0.0.1', t.tuple.localPort);
      speakers.push({ rtp, tag, producer });
    }
    const hosts = await ListenerHosts.start(o.n, HOSTS);
    closers.push(() => hosts.close());
    const t0 = performance.now();
    const tags: string[] = [];
    for (let i = 0; i < o.n; i++) {
      const router = routers[Math.floor((i * routers.length) / o.n)]!;
      const s = speakers[i % 2]!;
      const t = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: false });
      await t.connect({ ip: '127.0.0.1', port: hosts.ports[i] ?? 0 });
      await t.consume({ producerId: s.producer.id, rtpCapabilities: router.rtpCapabilities });
      tags.push(s.tag);
    }
    const setupMs = performance.now() - t0;
    const figures = await measure(workers, speakers, hosts, tags, o.seconds);
    return { ...figures, setupMs, workersUsed: workers.length };
  } finally {
    for (const c of closers) c();
    for (const w of workers) w.close();
  }
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const mmm = (xs: number[], f: (x: number) => string) => `${f(Math.min(...xs))} / ${f(median(xs))} / ${f(Math.max(...xs))}`;

/** Runs the benchmark; resolves with its summary lines. */
export async function audioFanout(log: (line: string) => void = () => undefined, opts: Partial<FanoutOptions> = {}): Promise<string[]> {
  const o: FanoutOptions = { n: opts.n ?? 1000, runs: opts.runs ?? 3, seconds: opts.seconds ?? 10 };
  const results: Record<'plenary' | 'bare', RunFigures[]> = { plenary: [], bare: [] };
  for (let i = 1; i <= o.runs; i++) {
    for (const kind of ['plenary', 'bare'] as const) {
      const r = kind === 'plenary' ? await plenaryRun(o) : await bareRun(o);
      results[kind].push(r);
      log(
        `run ${i} ${kind}: ${r.listeners}/${o.n} listeners served on ${r.workersUsed} workers; delivery min ${pct(r.deliveryMin)}, ` +
          `median ${pct(r.deliveryMedian)}, ≥ 99.5 %: ${r.atLeast995}; workers CPU ${r.cpuPct.toFixed(1)} % of a core, ` +
          `peak RSS ${r.rssMb.toFixed(0)} MB; set-up ${(r.setupMs / 1000).toFixed(1)} s; packets of the wrong channel: ${r.stray}; ` +
          `kernel UDP receive-buffer drops ${r.udpDrops}; load average ${r.load.toFixed(1)}` +
          (r.silentFallbacks !== undefined ? `; silent-booth fallbacks ${r.silentFallbacks}` : '') +
          (r.switchMs
            ? `; channel switch → first packet median ${median(r.switchMs).toFixed(0)} ms (max ${Math.max(...r.switchMs).toFixed(0)}, ` +
              `${r.switchMs.length} probes, ${r.switchTimeouts ?? 0} heard nothing within 5 s)`
            : ''),
      );
    }
  }
  const lines: string[] = [];
  for (const kind of ['plenary', 'bare'] as const) {
    const rs = results[kind];
    lines.push(
      `${kind} (min / median / max of ${o.runs}): delivery min ${mmm(rs.map((r) => r.deliveryMin), pct)}; ` +
        `listeners ≥ 99.5 % ${mmm(rs.map((r) => r.atLeast995), String)} of ${o.n}; CPU ${mmm(rs.map((r) => r.cpuPct), (x) => `${x.toFixed(0)} %`)}; ` +
        `RSS ${mmm(rs.map((r) => r.rssMb), (x) => `${x.toFixed(0)} MB`)}` +
        (kind === 'plenary' ? `; switch→first packet ${mmm(rs.map((r) => median(r.switchMs ?? [])), (x) => `${x.toFixed(0)} ms`)}` : ''),
    );
  }
  for (const l of lines) log(l);
  return lines;
}

/** `--n 1000 --runs 3 --seconds 10` */
function argv(): Partial<FanoutOptions> {
  const a = process.argv.slice(2);
  const num = (name: string) => {
    const i = a.indexOf(`--${name}`);
    const v = i >= 0 ? Number(a[i + 1]) : NaN;
    return Number.isFinite(v) && v > 0 ? v : undefined;
  };
  return Object.fromEntries(Object.entries({ n: num('n'), runs: num('runs'), seconds: num('seconds') }).filter(([, v]) => v !== undefined));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await audioFanout((l) => console.log(`[audio-fanout] ${l}`), argv());
  process.exit(0);
}

export { argv as fanoutArgs };
