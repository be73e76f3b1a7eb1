/**
 * `npm run bench [-- <scenario…>] [--n 500,1000,2000] [--seconds 30] [--runs 3] [--fleets 4]
 *  [--cluster-n 1000] [--label latest] [--no-write] [--prof DIR] [--plain-storm]`
 *
 * `--plain-storm`: every voter of the vote storm votes once (no double clicks, changes or rejoins),
 * as the baseline's clients do; its figures are named "plain vote storm".
 *
 * Scenarios: fanout, vote-storm, memory, join, cluster, audio (default: all). `audio` is the
 * interpretation fan-out (test/bench/audio-fanout.ts: one speaker and one interpreter → 1,000 RTP
 * listeners beside bare mediasoup; figures in docs/audio.md), with its own `--audio-n` (1000). Each run sets up Plenary
 * (its own process) and then the bare Socket.IO baseline with the same N and message sizes, so
 * every figure has a same-run baseline; three runs give min / median / max. The table is printed
 * and written to docs/performance.md under `<!-- bench:<label> -->` with date, machine and commit.
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { audioFanout } from './audio-fanout.js';
import { cluster, privateRedis } from './cluster.js';
import { Session, type Kind } from './lib/session.js';
import { spread } from './lib/stats.js';
import { connectAll, fanout, joins, voteStorm, type Out, type Sizes } from './scenarios.js';

const SCENARIOS = ['fanout', 'vote-storm', 'memory', 'join', 'cluster'] as const;
type Scenario = (typeof SCENARIOS)[number];

function parseArgs(argv: string[]) {
  const flags = new Map<string, string>();
  const chosen = new Set<Scenario>();
  let audio = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=');
      if (k === 'no-write' || k === 'plain-storm') flags.set(k, '1');
      else flags.set(k!, inline ?? argv[++i] ?? '');
    } else if (a === 'audio') audio = true;
    else if (a === 'all') {
      SCENARIOS.forEach((s) => chosen.add(s));
      audio = true;
    }
    else if ((SCENARIOS as readonly string[]).includes(a) || a === 'storm') chosen.add(a === 'storm' ? 'vote-storm' : (a as Scenario));
    else throw new Error(`unknown scenario ${a} (one of ${SCENARIOS.join(', ')})`);
  }
  if (!chosen.size && !audio) {
    SCENARIOS.forEach((s) => chosen.add(s));
    audio = true;
  }
  const ns = (flags.get('n') ?? (chosen.has('fanout') ? '500,1000,2000' : '2000')).split(',').map(Number);
  return {
    chosen,
    audio,
    audioN: Number(flags.get('audio-n') ?? 1000),
    ns,
    nMax: Math.max(...ns),
    seconds: Number(flags.get('seconds') ?? 30),
    runs: Number(flags.get('runs') ?? 3),
    fleets: Number(flags.get('fleets') ?? 4),
    clusterN: Number(flags.get('cluster-n') ?? 1000),
    label: flags.get('label') ?? 'latest',
    write: !flags.has('no-write'),
    prof: flags.get('prof'),
    plainStorm: flags.has('plain-storm'),
  };
}

type Run = Record<Kind, Out>;

async function oneRun(o: ReturnType<typeof parseArgs>, log: (s: string) => void): Promise<Run> {
  const run: Run = { plenary: new Map(), bare: new Map() };
  const sizes: Sizes = { fanoutBytes: 200, joinBytes: 1000, voteBatchBytes: 300 };
  const wantsMax = ['vote-storm', 'memory', 'join'].some((s) => o.chosen.has(s as Scenario));
  const ns = o.chosen.has('fanout') ? o.ns : wantsMax ? [o.nMax] : [];
  for (const n of ns) {
    for (const kind of ['plenary', 'bare'] as const) {
      const out = run[kind];
      const s = new Session({ kind, n, fleets: o.fleets, ...(o.prof && kind === 'plenary' ? { prof: o.prof } : {}) });
      try {
        await s.start();
        if (kind === 'bare') await s.servers[0]!.call({ kind: 'sizes', joinBytes: sizes.joinBytes, voteBatchBytes: sizes.voteBatchBytes });
        const step = new Map<string, number>();
        await connectAll(s, step, sizes);
        const atMax = n === o.nMax;
        for (const [k, v] of step) {
          if ((k.startsWith('memory') && atMax && o.chosen.has('memory')) || (k.startsWith('join') && atMax && o.chosen.has('join'))) out.set(k, v);
        }
        await s.connectModerator();
        if (atMax && o.chosen.has('join')) await joins(s, out);
        if (o.chosen.has('fanout')) await fanout(s, out, sizes, o.seconds);
        if (atMax && o.chosen.has('vote-storm')) await voteStorm(s, out, sizes, o.plainStorm);
        log(`${kind} N=${n} done`);
      } catch (e) {
        // One broken session is a finding, not the end of the benchmark.
        out.set(`N=${n}: session aborted (1 = yes)`, 1);
        log(`${kind} N=${n} ABORTED: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      } finally {
        await s.stop();
      }
    }
  }
  if (o.chosen.has('cluster')) {
    const redis = await privateRedis();
    try {
      for (const kind of ['plenary', 'bare'] as const) {
        await cluster(kind, o.clusterN, o.fleets, o.seconds, run[kind], sizes, redis.url, o.prof);
        log(`${kind} cluster done`);
      }
    } finally {
      await redis.stop();
    }
  }
  return run;
}

function render(runs: Run[], o: ReturnType<typeof parseArgs>, started: Date): string {
  const keys = [...new Set(runs.flatMap((r) => [...r.plenary.keys(), ...r.bare.keys()]))];
  const lines = ['| figure | Plenary | bare Socket.IO | Plenary ÷ bare |', '|---|---|---|---|'];
  const digits = (k: string) => (k.includes('KB') || k.includes('MB') || k.includes('%') ? 1 : 0);
  for (const k of keys) {
    const p = runs.map((r) => r.plenary.get(k)).filter((v): v is number => v !== undefined);
    const b = runs.map((r) => r.bare.get(k)).filter((v): v is number => v !== undefined);
    const ratios = runs.map((r) => (r.plenary.get(k) ?? NaN) / (r.bare.get(k) ?? NaN)).filter((v) => Number.isFinite(v));
    lines.push(`| ${k} | ${p.length ? spread(p, digits(k)) : '—'} | ${b.length ? spread(b, digits(k)) : '—'} | ${ratios.length ? spread(ratios, 2) : '—'} |`);
  }
  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  const dirty = execSync('git status --porcelain --untracked-files=no').toString().trim() ? ' (with uncommitted changes)' : '';
  const cpu = cpus();
  const args = process.argv.slice(2).join(' ');
  return [
    `### ${o.label}: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Commit \`${commit}\`${dirty}; ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}; Node ${process.version}; ` +
      `load average at start ${loadavg().map((l) => l.toFixed(1)).join(' / ')}; ${runs.length} run(s), min / median / max; ` +
      `\`npm run bench${args ? ` -- ${args}` : ''}\`.`,
    '',
    ...lines,
  ].join('\n');
}

/** Replaces (or appends) the section between `<!-- bench:<label> -->` markers in docs/performance.md. */
function writeDoc(label: string, section: string): void {
  const file = fileURLToPath(new URL('../../docs/performance.md', import.meta.url));
  const doc = readFileSync(file, 'utf8');
  const open = `<!-- bench:${label} -->`;
  const close = `<!-- /bench:${label} -->`;
  const block = `${open}\n${section}\n${close}`;
  const a = doc.indexOf(open);
  const b = doc.indexOf(close);
  writeFileSync(file, a >= 0 && b > a ? doc.slice(0, a) + block + doc.slice(b + close.length) : `${doc.trimEnd()}\n\n${block}\n`);
}

const o = parseArgs(process.argv.slice(2));
const started = new Date();
const log = (s: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}`);
const runs: Run[] = [];
for (let i = 0; o.chosen.size && i < o.runs; i++) {
  log(`run ${i + 1}/${o.runs}: ${[...o.chosen].join(', ')}; N=${o.ns.join(',')}; ${o.seconds} s fan-out`);
  runs.push(await oneRun(o, log));
  // Written after every run, so a benchmark stopped early still leaves the runs it finished.
  const section = render(runs, o, started);
  console.log(`\n${section}\n`);
  if (o.write) {
    writeDoc(o.label, section);
    log(`written to docs/performance.md (${o.label}, ${runs.length} run(s))`);
  }
}
if (o.audio) await audioFanout((l) => log(`audio: ${l}`), { n: o.audioN, runs: o.runs, seconds: Math.min(o.seconds, 10) });
process.exit(0);
