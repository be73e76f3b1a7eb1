/**
 * A benchmark session: a server process (Plenary or bare Socket.IO, one node or several) plus the
 * client fleets with N joined connections, and the driver's own moderator connection. Scenarios
 * (scenarios.ts) are steps on a session, so one setup of 2,000 clients serves several of them.
 */
import { io, type Socket } from 'socket.io-client';
import { spawnChild, type Child } from './proc.js';

export type Kind = 'plenary' | 'bare';
export interface Person {
  participantId: string;
  token: string;
}
export interface Mem {
  heapMb: number;
  rssMb: number;
  connections: number;
}

export interface SessionOptions {
  kind: Kind;
  n: number;
  fleets: number;
  /** Several server processes behind the Redis adapter (Plenary: the Redis store too). */
  nodes?: number;
  redisUrl?: string;
  /** Directory for `node --cpu-prof` profiles of the server process(es). */
  prof?: string;
}

export const now = () => performance.timeOrigin + performance.now();
const SERVER = new URL('../servers/plenary.ts', import.meta.url);
const BARE = new URL('../servers/bare.ts', import.meta.url);
const FLEET = new URL('../fleet.ts', import.meta.url);

/** Splits `items` into `k` consecutive slices whose lengths are multiples of `step` (all but the last). */
export function slices<T>(items: readonly T[], k: number, step = 20): T[][] {
  const size = Math.max(step, Math.ceil(items.length / k / step) * step);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class Session {
  servers: Child[] = [];
  fleets: Child[] = [];
  urls: string[] = [];
  people: Person[] = [];
  moderatorToken = '';
  mod: Socket | null = null;
  /** The agenda item the fan-out edits. */
  itemId = '';
  constructor(readonly opts: SessionOptions) {}

  /** Starts the server process(es) and registers N participants (Plenary). */
  async start(): Promise<void> {
    const { kind, nodes = 1, redisUrl, prof } = this.opts;
    const prefix = `bench:${process.pid}:${Date.now()}:`;
    for (let i = 0; i < nodes; i++) {
      const env: Record<string, string> = {
        PLENARY_SECRET: 'bench-secret-shared-by-every-node',
        ...(redisUrl ? { BENCH_REDIS_URL: redisUrl, BENCH_REDIS_PREFIX: prefix } : {}),
        ...(i > 0 ? { BENCH_SEED: '0' } : {}),
      };
      const argv = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
      const child = spawnChild(kind === 'plenary' ? SERVER : BARE, env, argv);
      this.servers.push(child);
      const info = await child.call<{ url: string; moderator?: string }>({ kind: 'info' });
      this.urls.push(info.url);
      if (i === 0 && info.moderator) this.moderatorToken = info.moderator;
    }
    if (kind === 'plenary') this.people = await this.servers[0]!.call<Person[]>({ kind: 'register', n: this.opts.n });
    for (let i = 0; i < Math.min(this.opts.fleets, Math.ceil(this.opts.n / 20)); i++) this.fleets.push(spawnChild(FLEET));
  }

  /** Memory of every server process after a full GC, summed. */
  async mem(): Promise<Mem> {
    const all = await Promise.all(this.servers.map((s) => s.call<Mem>({ kind: 'mem' })));
    return all.reduce((a, b) => ({ heapMb: a.heapMb + b.heapMb, rssMb: a.rssMb + b.rssMb, connections: a.connections + b.connections }));
  }

  /** Opens the N connections (a few dozen at a time), spread over the fleets and server nodes. */
  async open(): Promise<void> {
    const { kind, n } = this.opts;
    const shares = kind === 'plenary' ? slices(this.people, this.fleets.length) : slices(Array.from({ length: n }, () => null), this.fleets.length);
    await Promise.all(
      shares.map((share, i) =>
        this.fleets[i]!.call({
          kind: 'open',
          mode: kind,
          urls: this.urls,
          ...(kind === 'plenary'
            ? { tokens: share.map((p) => p!.token), ids: share.map((p) => p!.participantId) }
            : { count: share.length }),
        }),
      ),
    );
  }

  /** Joins all N at once (the join burst); resolves with each join's time and answer size. */
  async joinAll(): Promise<{ ms: number[]; bytes: number[]; wallMs: number; failed: number }> {
    const t = performance.now();
    const parts = await Promise.all(this.fleets.map((f) => f.call<{ ms: number[]; bytes: number[]; failed: number }>({ kind: 'join' })));
    return {
      ms: parts.flatMap((p) => p.ms),
      bytes: parts.flatMap((p) => p.bytes),
      wallMs: performance.now() - t,
      failed: parts.reduce((a, p) => a + p.failed, 0),
    };
  }

  /** The driver's moderator (Plenary) or sender (bare) connection, on the first node. */
  async connectModerator(): Promise<Socket> {
    const s = io(this.urls[0]!, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', resolve);
      s.once('connect_error', reject);
    });
    if (this.opts.kind === 'plenary') {
      const r = await s.timeout(60_000).emitWithAck('session:join', { token: this.moderatorToken });
      if (!r.ok) throw new Error(`moderator join refused: ${r.error.code}`);
      this.itemId = r.data.catchup.state.agenda.items[0].id as string;
    }
    this.mod = s;
    return s;
  }

  async stop(): Promise<void> {
    this.mod?.disconnect();
    await Promise.all(this.fleets.map((f) => f.stop()));
    await Promise.all(this.servers.map((s) => s.stop()));
  }
}
