/**
 * The fault suite's kit: real server processes (server/main.ts through spawnServerProcess) on a
 * fixed free port, so clients that lost their server reconnect to the next process by themselves;
 * a known secret, so the suite can sign any token (expired, another meeting's, any role); clients
 * with the library's own reconnection settings (what a browser has), and small statistics.
 *
 *   const srv = await FaultServer.start({ DATA_DIR: dir, REDIS_URL: '' });
 *   const mod = await faultClient(srv.url, srv.sign('moderator', DEMO_CHAIR_ID));
 *   await srv.kill9(); await srv.restart();
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { PlenaryClient } from '../../client/lib/plenary-client.js';
import { DEMO_CHAIR_ID, DEMO_MEETING_ID, DEMO_PARTICIPANT_IDS } from '../../server/seed.js';
import { TokenSigner, type TokenClaims } from '../../server/tokens.js';
import type { Role } from '../../shared/domain/index.js';
import { spawnServerProcess, type ServerProcess } from '../helpers/process.js';
import { waitFor } from '../helpers/server.js';

export { DEMO_CHAIR_ID, DEMO_MEETING_ID, DEMO_PARTICIPANT_IDS };

/** A port the kernel just gave us on 127.0.0.1 (closed again, so a server can take it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Far in the future: tokens the suite signs are valid unless a test says otherwise. */
const FAR = Date.UTC(2100, 0, 1);

/** One Plenary process at a time on one port and data dir; kill -9 and restart keep both. */
export class FaultServer {
  private constructor(
    private proc: ServerProcess,
    private readonly env: Record<string, string> & { DATA_DIR: string },
    readonly port: number,
    readonly secret: string,
  ) {}

  readonly signer = () => new TokenSigner(this.secret);

  static async start(env: Record<string, string> & { DATA_DIR: string }, port?: number): Promise<FaultServer> {
    const p = port ?? (await freePort());
    const secret = env.PLENARY_SECRET ?? randomBytes(24).toString('base64url');
    const full = { PLENARY_SECRET: secret, ...env, PORT: String(p) };
    return new FaultServer(await spawnServerProcess(full), full, p, secret);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get child() {
    return this.proc.child;
  }
  output(): string {
    return this.proc.output();
  }
  get alive(): boolean {
    return this.proc.child.exitCode === null && this.proc.child.signalCode === null;
  }

  /** A member token for the demo meeting (or `claims` overriding any field). */
  sign(role: Role, participantId: string | null = null, claims: Partial<TokenClaims> = {}): string {
    return this.signer().sign({ kind: 'member', meetingId: DEMO_MEETING_ID, participantId, role, exp: FAR, ...claims });
  }

  /** SIGKILL, and wait until the process is gone. */
  async kill9(): Promise<void> {
    if (!this.alive) return;
    this.proc.child.kill('SIGKILL');
    await waitFor(() => !this.alive, 10_000, 'process gone after SIGKILL');
  }

  /** A new process on the same port, data dir and secret; resolves when it prints its banner. */
  async restart(): Promise<void> {
    if (this.alive) await this.kill9();
    this.proc = await spawnServerProcess(this.env);
  }

  /** SIGTERM (graceful), waiting at most 10 s before SIGKILL. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    this.proc.child.kill('SIGTERM');
    try {
      await waitFor(() => !this.alive, 10_000, 'process stopped');
    } catch {
      await this.kill9();
    }
  }
}

/**
 * A client as a browser has it: the library's default reconnection back-off (1 s doubling up to
 * 2 s, ±50 % jitter), websocket transport. Rejects with the AckError if the join is refused.
 */
export async function faultClient(url: string, token: string, ackTimeoutMs = 5_000): Promise<PlenaryClient> {
  const client = new PlenaryClient({ url, token, ackTimeoutMs, socketOptions: { transports: ['websocket'] } });
  try {
    await client.connect();
    return client;
  } catch (e) {
    client.close();
    throw e;
  }
}

/** The q-quantile (0..1) of `xs` (nearest rank). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Seeded PRNG (mulberry32): a failing run can be replayed with its printed seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
