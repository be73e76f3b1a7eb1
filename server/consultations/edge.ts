/**
 * The consultation routes' edge: who is asking (public, author by edit token, secretariat by
 * secretariat token), per-address rate limits, zod parsing with readable errors, and loading a
 * consultation that must exist.
 */
import type { Request } from 'express';
import type { z } from 'zod';
import type { ConsultationActor, ConsultationState } from '../../shared/domain/index.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { requestToken } from '../http/auth.js';
import { TokenBucket } from '../transport/rate.js';

/** Parses with a zod schema; `bad_request` with a `path: message; …` summary otherwise. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const summary = r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
  throw new AppError('bad_request', summary);
}

/** The consultation, or `not_found`. */
export async function loadConsultation(ctx: AppContext, cid: string): Promise<ConsultationState> {
  const s = await ctx.consultations.service.get(cid);
  if (!s.created) throw new AppError('not_found', 'No such consultation');
  return s;
}

/**
 * Who the request's token makes the caller, for consultation `cid` (and submission `sid` for edit
 * links): public without a token; `unauthorized`/`token_expired`/`forbidden` for a bad one.
 */
export function consultationActor(ctx: AppContext, req: Request, cid: string, sid?: string): ConsultationActor {
  const token = requestToken(req);
  if (!token) return { role: 'public', submissionId: null };
  const r = ctx.consultations.tokens.verify(token, ctx.clock.now());
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  const c = r.value;
  if (c.consultationId !== cid) throw new AppError('forbidden', 'This link is for another consultation');
  if (c.kind === 'secretariat') return { role: 'secretariat', submissionId: null };
  if (sid !== undefined && c.submissionId !== sid) throw new AppError('forbidden', 'This link is for another submission');
  return { role: 'author', submissionId: c.submissionId };
}

/** The secretariat, or `unauthorized` (no token) / `forbidden` (another kind of token). */
export function requireSecretariat(ctx: AppContext, req: Request, cid: string): ConsultationActor {
  if (!requestToken(req)) throw new AppError('unauthorized', 'A secretariat token is required (Authorization: Bearer <token> or ?t=)');
  const actor = consultationActor(ctx, req, cid);
  if (actor.role !== 'secretariat') throw new AppError('forbidden', 'Only the secretariat may do this');
  return actor;
}

/** Burst and refill per address for each kind of write (docs/consultation.md "Limits"). */
export const RATE_LIMITS = {
  create: { burst: 10, perSec: 1 / 20 },
  upload: { burst: 10, perSec: 1 / 30 },
  write: { burst: 30, perSec: 0.5 },
};
export type RateKind = keyof typeof RATE_LIMITS;

/** Per-address token buckets (wall time: abuse is real time, whatever clock the domain is given). */
export class AddressLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private sweepAt = 0;

  constructor(readonly limits: Record<RateKind, { burst: number; perSec: number }> = structuredClone(RATE_LIMITS)) {}

  /** Takes one token for `kind` from `address`; throws `rate_limited` when empty. */
  take(kind: RateKind, address: string): void {
    const now = Date.now();
    if (now > this.sweepAt) {
      // Idle addresses are full again after burst/rate seconds; forget them now and then.
      this.buckets.clear();
      this.sweepAt = now + 3_600_000;
    }
    const key = `${kind}:${address}`;
    const { burst, perSec } = this.limits[kind];
    let b = this.buckets.get(key);
    if (!b) {
      b = new TokenBucket(perSec, burst, now);
      this.buckets.set(key, b);
    }
    if (!b.take(now)) throw new AppError('rate_limited', 'Too many requests from this address; please wait a minute', { retryAfterSec: Math.ceil(1 / perSec) });
  }
}
