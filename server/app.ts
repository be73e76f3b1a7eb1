/**
 * createApp: builds a Plenary server from injected parts (store, clock, logger, config,
 * extensions) without listening, so tests start real servers on port 0. `listen()` starts it,
 * `close()` stops it and closes the store.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import express, { type Express } from 'express';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { MAX_FRAME_BYTES } from '../shared/protocol.js';
import type { Config } from './config.js';
import { createConsultationKit } from './consultations/kit.js';
import type { AppContext, ServerExtension } from './context.js';
import { DEFAULT_EXTENSIONS } from './extensions.js';
import { PlenaryMetrics, registerMetricsRoute } from './http/metrics.js';
import { registerCoreRoutes, registerFinalRoutes } from './http/routes.js';
import { createLogger, type Logger } from './logger.js';
import { BroadcastOutbox, urgentForPublic } from './meetings/outbox.js';
import { LocalPresenceTracker, type PresenceTracker } from './meetings/presence.js';
import { RedisPresenceTracker } from './meetings/presence-redis.js';
import { MeetingService, systemClock, type Clock } from './meetings/service.js';
import { RedisEventStore, createStore } from './store/index.js';
import type { EventStore } from './store/types.js';
import { TokenSigner } from './tokens.js';
import { emitToAudiences, JoinSnapshots } from './transport/audience.js';
import { type PlenaryServer, type PlenarySocket } from './transport/session.js';
import { installJsonEncoder } from './transport/json-encoder.js';
import { enforceRemovals } from './transport/removal.js';
import { SocketHandlers } from './transport/handler.js';
import { registerCoreEvents, registerCoreHandlers } from './transport/socket.js';

export interface CreateAppOptions {
  config: Config;
  /** Default: from the config (Redis when REDIS_URL is set, else DATA_DIR/plenary.sqlite). Closed by close(). */
  store?: EventStore;
  clock?: Clock;
  logger?: Logger;
  /** Default: DEFAULT_EXTENSIONS from server/extensions.ts. */
  extensions?: ServerExtension[];
  /** Shorthand for extensions that only add socket events. */
  socketExtensions?: Array<(socket: PlenarySocket, ctx: AppContext) => void>;
}

export interface PlenaryApp extends AppContext {
  express: Express;
  http: HttpServer;
  /** Marks stale presence absent, then listens on config.PORT/HOST; resolves with the bound port. */
  listen(): Promise<number>;
  /** Bound port (after listen). */
  port(): number;
  /** Base for links: PUBLIC_URL or http://localhost:<port>. */
  publicUrl(): string;
  close(): Promise<void>;
}

/** Builds the server. Extensions' `setup` runs here; nothing listens until `listen()`. */
export async function createApp(opts: CreateAppOptions): Promise<PlenaryApp> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const clock = opts.clock ?? systemClock;
  const store = opts.store ?? createStore(config);
  const extensions = [
    ...(opts.extensions ?? DEFAULT_EXTENSIONS),
    ...(opts.socketExtensions ?? []).map((socket, i): ServerExtension => ({ name: `socket-extension-${i}`, socket })),
  ];

  const app = express();
  app.disable('x-powered-by');
  const http = createServer(app);
  const io: PlenaryServer = new Server(http, {
    // The edge refuses messages over MAX_PAYLOAD_BYTES with a typed error; only frames beyond
    // this hard cap close the connection (transport/socket.ts).
    maxHttpBufferSize: MAX_FRAME_BYTES,
    serveClient: false,
    // Same-origin in production; the Vite dev server proxies. Allow any origin for bots and tests.
    cors: { origin: true },
  });

  installJsonEncoder(io);

  let redisClients: Redis[] = [];
  if (config.REDIS_URL) {
    const pub = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
    const sub = pub.duplicate();
    redisClients = [pub, sub];
    // They reconnect by themselves; the store's listener below reports outages once, not per retry.
    for (const r of redisClients) r.on('error', (err: Error) => logger.debug({ err: err.message }, 'redis adapter connection error'));
    // The adapter never handles the promise of its publishes: a broadcast during a Redis outage
    // (a held public message going out on its timer, server/meetings/outbox.ts) would reject
    // unhandled once ioredis gives up, and bring the process down. It is logged instead: this
    // process's own sockets got the broadcast, the others catch up by version.
    const publish = pub.publish.bind(pub) as (channel: string, message: string | Buffer) => Promise<number>;
    (pub as unknown as { publish: typeof publish }).publish = (channel, message) =>
      publish(channel, message).catch((err: unknown) => {
        logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'broadcast to other processes lost (Redis unreachable)');
        return 0;
      });
    io.adapter(createAdapter(pub, sub, { key: `${config.REDIS_PREFIX}socket.io` }));
  }

  // Fan-out is coalesced per meeting per event-loop turn: the service group-commits the commands of
  // one turn and hands the batch over once, before acking it; in a vote storm one message of N events
  // to every socket is far cheaper than N messages (docs/performance.md). Versions stay in order.
  // Moderators get the full events, everyone else the redacted ones (shared/domain/meeting/visibility.ts).
  const outbox = new BroadcastOutbox((meetingId, batches) => {
    emitToAudiences(io, meetingId, batches);
    // Other processes' caches (and their onApplied listeners, e.g. audio) catch up now rather
    // than at their next command. Only the Redis adapter carries server-side events.
    const last = batches.full[batches.full.length - 1];
    if (config.REDIS_URL && last) io.serverSideEmit('meeting:appended', meetingId, last.v, urgentForPublic(batches.full));
  }, (meetingId) => service.peek(meetingId), {
    // The public's roster changes (arrivals, departures) go out at most every connections ÷ 2 ms,
    // up to 1 s at 2,000 connections: a join burst is then a few messages to everyone, not one per batch.
    publicGapMs: () => Math.min(1_000, io.engine.clientsCount / 2),
  });

  const metrics = new PlenaryMetrics(() => io.engine.clientsCount, () => service.loadedMeetings().length);
  const service = new MeetingService({
    store,
    clock,
    logger,
    broadcast: (meetingId, events) => outbox.sendNow(meetingId, events),
    snapshotEvery: config.SNAPSHOT_EVERY,
    catchupMaxEvents: config.CATCHUP_MAX_EVENTS,
    // Each batch is one message to every connection: under load, the more connections, the further
    // apart (20 ms, up to 100 ms at 2,000 connections) — a join burst's presence changes otherwise
    // cost one write per connection per batch (docs/performance.md, "Where the curve bends").
    batchGapMs: () => 20,
    onAppend: (seconds, events) => {
      metrics.appendSeconds.observe(seconds);
      metrics.appendedEvents.inc(events);
    },
  });
  if (store instanceof RedisEventStore) {
    store.onReachability((up, err) => {
      if (up) logger.info('Redis reachable again: commands are accepted again');
      else logger.error({ err: err?.message }, 'Redis unreachable: commands get `unavailable` and /healthz answers 503 until it is back');
    });
  }
  const tokens = new TokenSigner(config.secret);
  // With Redis several processes share meetings: presence is the union of their sockets.
  const presence: PresenceTracker = config.REDIS_URL
    ? new RedisPresenceTracker(service, { redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, graceMs: config.PRESENCE_GRACE_MS, heartbeatMs: config.PRESENCE_HEARTBEAT_MS }, logger)
    : new LocalPresenceTracker(service, config.PRESENCE_GRACE_MS, logger);
  const consultations = createConsultationKit({ config, store, clock, logger });
  // Under load (100+ connections) a joiner may get the meeting's snapshot of up to connections ÷ 2 ms
  // ago (at most 1 s) plus the events since: a join burst then stringifies a few states, not one each.
  const joinSnapshots = new JoinSnapshots(() => (io.engine.clientsCount >= 100 ? Math.min(1_000, io.engine.clientsCount / 2) : 0));
  const handlers = new SocketHandlers(logger);
  const ctx: AppContext = { config, logger, clock, store, service, tokens, presence, io, consultations, metrics, joinSnapshots, handlers };
  registerCoreEvents(handlers, ctx);

  // A participant the moderator removed is disconnected at once (core, not an extension).
  enforceRemovals(ctx);

  registerCoreRoutes(app, ctx);
  registerMetricsRoute(app, metrics, config.METRICS_TOKEN);
  for (const ext of extensions) ext.http?.(app, ctx);
  registerFinalRoutes(app, ctx);

  const lazyCatchups = new Map<string, NodeJS.Timeout>();
  io.on('meeting:appended', (meetingId: string, version: number, urgent = true) => {
    // Another process wrote after our held roster changes and counts, and broadcasts something the
    // public must see at once: ours go now, so public clients wait for them (to fill the version
    // gap) no longer than the two messages' race. Roster changes and counts of its own it holds as we
    // do, and clients wait for the gap to fill (docs/architecture.md).
    if (urgent) outbox.releasePublic(meetingId);
    const cached = service.peek(meetingId);
    if (!cached || cached.version >= version) return;
    // Urgent news (the floor moved: audio follows) is read at once; roster changes and counts — a
    // join burst's hundreds of small appends — at most every 250 ms, each read applying them all.
    if (!urgent && lazyCatchups.has(meetingId)) return;
    const catchUp = () => {
      clearTimeout(lazyCatchups.get(meetingId));
      lazyCatchups.delete(meetingId);
      service.get(meetingId).catch((err: unknown) => logger.warn({ err, meetingId }, 'catch-up after peer append failed'));
    };
    if (urgent) catchUp();
    else lazyCatchups.set(meetingId, setTimeout(catchUp, 250));
  });

  // Socket.IO keeps each connection's first HTTP request (headers, parser state) alive for the
  // connection's lifetime unless told otherwise; nothing here reads it after the handshake.
  io.engine.on('connection', (raw: { request: unknown }) => {
    raw.request = null;
  });

  io.on('connection', (socket) => {
    registerCoreHandlers(socket, ctx);
    for (const ext of extensions) {
      try {
        ext.socket?.(socket, ctx);
      } catch (err) {
        logger.error({ err, extension: ext.name }, 'socket extension failed');
      }
    }
  });

  for (const ext of extensions) await ext.setup?.(ctx);

  let ticker: NodeJS.Timeout | undefined;
  let ticking = false;
  let closed = false;
  const tick = () => {
    if (ticking) return; // a slow tick must not pile up
    ticking = true;
    service
      .tick()
      .catch((err: unknown) => logger.error({ err }, 'timer tick failed'))
      .finally(() => {
        ticking = false;
      });
  };

  const port = () => (http.address() as AddressInfo | null)?.port ?? config.PORT;

  return {
    ...ctx,
    express: app,
    http,
    port,
    publicUrl: () => (config.PUBLIC_URL ?? `http://localhost:${port()}`).replace(/\/+$/, ''),
    async listen() {
      await presence.resetAll();
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.PORT, config.HOST, () => {
          http.off('error', reject);
          resolve();
        });
      });
      ticker = setInterval(tick, config.TICK_MS);
      ticker.unref();
      logger.info({ port: port(), host: config.HOST, store: store.kind }, 'listening');
      return port();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (ticker) clearInterval(ticker);
      for (const t of lazyCatchups.values()) clearTimeout(t);
      await presence.close();
      outbox.flush();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        http.closeAllConnections();
      });
      for (const ext of [...extensions].reverse()) {
        try {
          await ext.close?.(ctx);
        } catch (err) {
          logger.error({ err, extension: ext.name }, 'extension close failed');
        }
      }
      await service.drain();
      await consultations.service.drain();
      await store.close();
      await Promise.all(redisClients.map((r) => r.quit().catch(() => r.disconnect())));
    },
  };
}
