/**
 * What the parts of a running server share, and the extension hook later issues use to plug in
 * socket events (audio:*), HTTP routes (CSV exports) and start/stop work without editing app.ts.
 */
import type { Express } from 'express';
import type { Config } from './config.js';
import type { ConsultationKit } from './consultations/kit.js';
import type { PlenaryMetrics } from './http/metrics.js';
import type { Logger } from './logger.js';
import type { PresenceTracker } from './meetings/presence.js';
import type { Clock, MeetingService } from './meetings/service.js';
import type { EventStore } from './store/types.js';
import type { TokenSigner } from './tokens.js';
import type { JoinSnapshots } from './transport/audience.js';
import type { SocketHandlers } from './transport/handler.js';
import type { PlenaryServer, PlenarySocket } from './transport/session.js';

export interface AppContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  store: EventStore;
  service: MeetingService;
  tokens: TokenSigner;
  presence: PresenceTracker;
  io: PlenaryServer;
  /** The consultation aggregate's service, its tokens and its attachment files (docs/consultation.md). */
  consultations: ConsultationKit;
  /** Prometheus figures (GET /metrics); extensions may add their own to `metrics.registry`. */
  metrics: PlenaryMetrics;
  /** Recent public snapshots a join burst shares (transport/audience.ts). */
  joinSnapshots: JoinSnapshots;
  /** The socket events every connection answers, registered once (`ctx.handlers.on`, transport/handler.ts). */
  handlers: SocketHandlers;
}

/**
 * A plug-in of the server. All parts are optional:
 * - `setup` runs once before listening (start mediasoup workers, subscribe to service.onApplied);
 * - `http` adds express routes (use `authorize` from server/http/auth.ts for moderator-only ones);
 * - `socket` runs for every new connection; keep it light, it runs once per person. Register events
 *   once in `setup` with `ctx.handlers.on` (server/transport/handler.ts), or for one connection
 *   with `handle()` (the session is null until `session:join` succeeded; the edge already refuses
 *   your events before join, rate-limits them, and answers unknown ones);
 * - `close` runs on shutdown, before the store closes.
 */
export interface ServerExtension {
  name: string;
  setup?(ctx: AppContext): void | Promise<void>;
  http?(app: Express, ctx: AppContext): void;
  socket?(socket: PlenarySocket, ctx: AppContext): void;
  close?(ctx: AppContext): void | Promise<void>;
}
