/**
 * The catch boundary of every socket message: validate the payload with its zod schema, run the
 * handler, answer the ack with `{ ok: true, data } | { ok: false, error }`. Handlers return data or
 * throw AppError; anything else is logged and answered `internal`. A missing ack is tolerated.
 * Extensions (audio) register their events with `handle` too, so they get the same edge.
 */
import type { z } from 'zod';
import type { Ack } from '../../shared/protocol.js';
import { AppError, publicError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Session } from './session.js';

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

/**
 * Registers `event` on `socket`: the payload is parsed with `schema`, then `fn` runs with the parsed
 * payload and the socket's session (null only for `session:join`; the edge refuses other events
 * before join).
 */
export function handle<S extends z.ZodType, T>(
  socket: object,
  event: string,
  schema: S,
  fn: (payload: z.output<S>, session: Session | null) => Promise<T> | T,
  log: Logger,
): void {
  const s = socket as Listenable;
  s.on(event, async (...args: unknown[]) => {
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
  });
}

/** The session or `unauthorized` (belt and braces: the edge already refuses events before join). */
export function requireSession(session: Session | null): Session {
  if (!session) throw new AppError('unauthorized', 'Join the meeting first');
  return session;
}
