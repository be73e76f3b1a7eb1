/**
 * Integration-test harness: a real Plenary server on 127.0.0.1, port 0, with a real SQLite file in
 * a fresh temp dir (or a real Redis with a unique key prefix), seeded with the WSIS demo; and real
 * socket.io clients through client/lib/plenary-client.ts. API kept stable for every engineer:
 *
 *   const srv = await startTestServer();
 *   const mod = await connectClient(srv.url, srv.tokens.moderator);
 *   const p = await connectClient(srv.url, srv.tokens.participants[0]!);
 *   await mod.send({ type: 'agenda:add', title: 'X', plannedMinutes: 5 });
 *   await waitFor(() => p.state?.agenda.items.length === 6);
 *   await srv.stop();                      // also closes the clients connected to it
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { PlenaryClient } from '../../client/lib/plenary-client.js';
import type { VersionedEvent } from '../../shared/domain/index.js';
import type { JoinProfile } from '../../shared/protocol.js';
import { createApp, type CreateAppOptions, type PlenaryApp } from '../../server/app.js';
import { loadConfig, type Env } from '../../server/config.js';
import { WSIS_CONSULTATION_ID } from '../../server/consultations/seed-data.js';
import type { MeetingService } from '../../server/meetings/service.js';
import { DEMO_CHAIR_ID, DEMO_MEETING_ID, DEMO_PARTICIPANT_IDS, seedDemo } from '../../server/seed.js';
import { MEMBER_TTL_MS } from '../../server/tokens.js';

export interface StartTestServerOptions {
  /** Reuse a data dir (SQLite file + secret); default: a fresh temp dir removed by stop(). */
  dataDir?: string;
  /** Use the Redis store and adapter (e.g. 'redis://127.0.0.1:6379'). */
  redisUrl?: string;
  /** Key prefix in Redis; default a unique one per server. Pass the same to share a store. */
  redisPrefix?: string;
  /** Seed the WSIS demo (default true; idempotent). */
  seed?: boolean;
  /** Presence grace after the last socket leaves; default 50 ms. */
  presenceGraceMs?: number;
  /** Any other environment variable (e.g. { RATE_LIMIT_BURST: '5' }). */
  env?: Partial<Record<keyof Env, string>>;
  /** Extra createApp options (clock, extensions, socketExtensions, logger). */
  app?: Omit<CreateAppOptions, 'config'>;
}

export interface TestServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  app: PlenaryApp;
  service: MeetingService;
  dataDir: string;
  /** The demo meeting (wsis2021-m3). */
  meetingId: string;
  tokens: {
    /** Member token of the chair (moderator). */
    moderator: string;
    /** Member tokens of seeded participants of different stakeholder groups (government/ar, civil society/es, private sector/zh, academia/ru, technical/en, intergovernmental/fr). */
    participants: string[];
    projector: string;
    room: string;
    /** Participant invite (redeem with a profile). */
    invite: string;
    /** Secretariat token of the seeded consultation (docs/consultation.md). */
    secretariat: string;
  };
  /** The seeded consultation's id (wsis2021). */
  consultationId: string;
  /** Participant ids matching tokens.participants, in the same order. */
  participantIds: string[];
  stop(): Promise<void>;
  /**
   * Stops and starts again on the same data dir / Redis prefix (new port, unless env.PORT fixes it).
   * `whileDown` runs between the two, e.g. to act while clients are disconnected.
   */
  restart(whileDown?: () => Promise<void>): Promise<TestServer>;
}

const liveClients = new Set<{ url: string; client: PlenaryClient }>();
let prefixCounter = 0;

/** Starts a real server on 127.0.0.1:0. */
export function startTestServer(opts: StartTestServerOptions = {}): Promise<TestServer> {
  // A temp dir (or Redis prefix) we made is ours to remove on stop(); one the caller passed is theirs.
  const owned = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'plenary-test-'));
  if (opts.redisUrl && !opts.redisPrefix) {
    return start({ ...opts, redisPrefix: uniqueRedisPrefix() }, dataDir, owned, true);
  }
  return start(opts, dataDir, owned, false);
}

/** A Redis key prefix no other test uses. */
export function uniqueRedisPrefix(): string {
  return `plenary-test:${process.pid}:${Date.now()}:${prefixCounter++}:`;
}

/** Deletes every key under `prefix` (test clean-up). */
export async function cleanRedisPrefix(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(...keys);
  } finally {
    await r.quit().catch(() => r.disconnect());
  }
}

async function start(opts: StartTestServerOptions, dataDir: string, ownsDir: boolean, ownsPrefix: boolean): Promise<TestServer> {
  const redisPrefix = opts.redisPrefix;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PRESENCE_GRACE_MS: String(opts.presenceGraceMs ?? 50),
    CLIENT_DIR: join(dataDir, 'no-client'),
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl, REDIS_PREFIX: redisPrefix } : {}),
    ...opts.env,
  });
  const app = await createApp({ config, ...opts.app });
  if (opts.seed ?? true) await seedDemo(app.service, app.consultations.service);
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;

  const exp = app.clock.now() + MEMBER_TTL_MS;
  const meetingId = DEMO_MEETING_ID;
  const sign = (participantId: string | null, role: 'moderator' | 'participant' | 'projector' | 'room', kind: 'member' | 'invite' = 'member') =>
    app.tokens.sign({ kind, meetingId, participantId, role, exp });
  const participantIds = [...DEMO_PARTICIPANT_IDS];

  let stopped = false;
  const stop = async (removeOwned = true) => {
    if (stopped) return;
    stopped = true;
    for (const entry of [...liveClients]) {
      if (entry.url === url) {
        entry.client.close();
        liveClients.delete(entry);
      }
    }
    await app.close();
    if (removeOwned && ownsDir) rmSync(dataDir, { recursive: true, force: true });
    if (removeOwned && ownsPrefix && opts.redisUrl && redisPrefix) await cleanRedisPrefix(opts.redisUrl, redisPrefix);
  };

  return {
    url,
    port,
    app,
    service: app.service,
    dataDir,
    meetingId,
    tokens: {
      moderator: sign(DEMO_CHAIR_ID, 'moderator'),
      participants: participantIds.map((id) => sign(id, 'participant')),
      projector: sign(null, 'projector'),
      room: sign(null, 'room'),
      invite: sign(null, 'participant', 'invite'),
      secretariat: app.consultations.tokens.sign({ kind: 'secretariat', consultationId: WSIS_CONSULTATION_ID, exp }),
    },
    consultationId: WSIS_CONSULTATION_ID,
    participantIds,
    stop: () => stop(),
    async restart(whileDown?: () => Promise<void>) {
      await stop(false);
      await whileDown?.();
      return start(opts, dataDir, ownsDir, ownsPrefix);
    },
  };
}

/**
 * Connects and joins with `token` (websocket transport); rejects with the AckError if the join is
 * refused (the client is closed then). Clients are closed by their server's stop().
 */
export async function connectClient(url: string, token: string, profile?: JoinProfile): Promise<PlenaryClient> {
  const client = new PlenaryClient({
    url,
    token,
    ...(profile ? { profile } : {}),
    ackTimeoutMs: 5_000,
    socketOptions: { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 500 },
  });
  const entry = { url, client };
  liveClients.add(entry);
  try {
    await client.connect();
    return client;
  } catch (e) {
    client.close();
    liveClients.delete(entry);
    throw e;
  }
}

/** Polls `predicate` (sync or async) every 20 ms until truthy; throws after `timeoutMs`. */
export async function waitFor<T>(predicate: () => T | Promise<T>, timeoutMs = 5_000, label = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await predicate();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`waitFor timed out after ${timeoutMs} ms: ${label}${last ? ` (last error: ${String(last)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every version a list of received events stands for, in order (a public vote count may stand for several). */
export const versionsCovered = (events: readonly VersionedEvent[]): number[] =>
  events.flatMap((e) => Array.from({ length: (e.through ?? e.v) - e.v + 1 }, (_, i) => e.v + i));

/** How many votes the public counts among `events` stand for. */
export const votesCounted = (events: readonly VersionedEvent[]): number =>
  versionsCovered(events.filter((e) => e.event.type === 'poll:voteCounted')).length;
