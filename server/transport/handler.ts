/**
 * The catch boundary of every socket message: validate the payload with its zod schema, run the
 * handler, answer the ack with `{ ok: true, data } | { ok: false, error }`. Handlers return data or
 * throw AppError; anything else is logged and answered `internal`. A missing ack is tolerated.
 * Core and extension events (audio, the projector's join link) are registered once per server in
 * `SocketHandlers` (`ctx.handlers`) and get the same edge; `handle` registers one socket's own.
 */
import type { z } from 'zod';
import type { Ack } from '../../shared/protocol.js';
import { AppError, publicError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PlenarySocket, Session } from './session.js';

/** Any socket we can register listeners on by name (typed sockets only know the contract's events). */
interface Listenable {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  data: { session?: Session | null };
  id: string;
}

/** Summarises zod issues as "path: message; …" for a readable bad_request. */
export function summariseIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`);
  if (error.issues.length > 5) parts.push(`… ${error.issues.length - 5} more`);
  return `Invalid payload — ${parts.join('; ')}`;
}

/** Splits socket.io listener arguments into payload and ack (the ack is the last function, if any). */
export function splitArgs(args: unknown[]): { payload: unknown; ack: (r: unknown) => void } {
  const last = args[args.length - 1];
  if (typeof last === 'function') {
    return { payload: args.length > 1 ? args[0] : undefined, ack: last as (r: unknown) => void };
  }
  return { payload: args[0], ack: () => undefined };
}

export const errorAck = (e: unknown): Ack<never> => ({ ok: false, error: publicError(e) });

type HandlerFn<S extends z.ZodType, T> = (payload: z.output<S>, session: Session | null, socket: PlenarySocket) => Promise<T> | T;

/** Parses, runs and acks one message (the catch boundary). */
async function answer<T>(s: Listenable, event: string, args: unknown[], schema: z.ZodType, fn: (payload: unknown, session: Session | null) => Promise<T> | T, log: Logger): Promise<void> {
  const { payload, ack } = splitArgs(args);
  let result: Ack<T>;
  try {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new AppError('bad_request', summariseIssues(parsed.error));
    result = { ok: true, data: await fn(parsed.data, s.data.session ?? null) };
  } catch (e) {
    if (!(e instanceof AppError)) log.error({ err: e, event, socket: s.id }, 'handler failed');
    else log.debug({ event, socket: s.id, code: e.code }, 'refused');
    result = errorAck(e);
  }
  try {
    ack(result);
  } catch (err) {
    log.warn({ err, event }, 'ack failed');
  }
}

/**
 * The events every connection answers, registered once per server rather than once per socket:
 * a listener per event per socket (two closures and a context each, twenty-odd events with audio)
 * was a quarter of a connection's server memory (docs/performance.md). The edge
 * (transport/socket.ts) dispatches each checked message here; handlers get the socket as an
 * argument and keep per-connection state on it (or in a WeakMap keyed by it), not in closures.
 */
export class SocketHandlers {
  private readonly table = new Map<string, { schema: z.ZodType; fn: HandlerFn<z.ZodType, unknown> }>();

  constructor(private readonly log: Logger) {}

  /** Registers `event`: its payload is parsed with `schema`, then `fn` runs (session null only for `session:join`). */
  on<S extends z.ZodType, T>(event: string, schema: S, fn: HandlerFn<S, T>): void {
    if (this.table.has(event)) throw new Error(`Handler for ${event} registered twice`);
    this.table.set(event, { schema, fn: fn as HandlerFn<z.ZodType, unknown> });
  }

  has(event: string): boolean {
    return this.table.has(event);
  }

  /** Answers `event` with its handler; false when it has none. `args`: the payload and the ack. */
  dispatch(socket: PlenarySocket, event: string, args: unknown[]): boolean {
    const h = this.table.get(event);
    if (!h) return false;
    void answer(socket as unknown as Listenable, event, args, h.schema, (payload, session) => h.fn(payload, session, socket), this.log);
    return true;
  }
}

/**
 * Registers `event` on one `socket` only (an extension's per-connection event): as
 * `SocketHandlers.on`, with the socket's own listener. Prefer `ctx.handlers.on` for events every
 * connection has.
 */
export function handle<S extends z.ZodType, T>(
  socket: object,
  event: string,
  schema: S,
  fn: (payload: z.output<S>, session: Session | null) => Promise<T> | T,
  log: Logger,
): void {
  const s = socket as Listenable;
  s.on(event, (...args: unknown[]) => void answer(s, event, args, schema, fn as (p: unknown, session: Session | null) => Promise<T> | T, log));
}

/** The session or `unauthorized` (belt and braces: the edge already refuses events before join). */
export function requireSession(session: Session | null): Session {
  if (!session) throw new AppError('unauthorized', 'Join the meeting first');
  return session;
}
