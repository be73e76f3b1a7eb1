/**
 * Authorisation for REST routes: a member token passed as `Authorization: Bearer <token>` or as
 * `?token=` / `?t=` (so a plain download link works). Used by the export routes of later issues:
 *
 *   app.get('/api/meetings/:id/speakers.csv', asyncRoute(async (req, res) => {
 *     const claims = authorize(ctx, req, req.params.id);          // moderators only by default
 *     ...
 *   }));
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { MeetingState, Role } from '../../shared/domain/index.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { TokenClaims } from '../tokens.js';

/** The token from the Authorization header or the query, if any. */
export function requestToken(req: Request): string | null {
  const header = req.get('authorization');
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (m?.[1]) return m[1];
  }
  const q = req.query.token ?? req.query.t;
  return typeof q === 'string' && q.length > 0 ? q : null;
}

/**
 * Verifies the request's member token for `meetingId` and one of `roles` (default: moderator);
 * throws AppError unauthorized / token_expired / forbidden.
 */
export function authorize(ctx: Pick<AppContext, 'tokens' | 'clock'>, req: Request, meetingId: string, roles: readonly Role[] = ['moderator']): TokenClaims {
  const token = requestToken(req);
  if (!token) throw new AppError('unauthorized', 'A token is required (Authorization: Bearer <token> or ?token=)');
  const r = ctx.tokens.verify(token, ctx.clock.now());
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  const claims = r.value;
  if (claims.kind !== 'member' || claims.meetingId !== meetingId) throw new AppError('forbidden', 'This token is not for this meeting');
  if (!roles.includes(claims.role)) throw new AppError('forbidden', `Only ${roles.join(' or ')} may do this`);
  return claims;
}

/**
 * authorize(), then loads the meeting and checks what only its state knows: it exists, and the
 * token's participant has not been removed by a moderator (a signed token stays valid otherwise).
 */
export async function authorizeInMeeting(
  ctx: Pick<AppContext, 'tokens' | 'clock' | 'service'>,
  req: Request,
  meetingId: string,
  roles: readonly Role[] = ['moderator'],
): Promise<{ claims: TokenClaims; state: MeetingState }> {
  const claims = authorize(ctx, req, meetingId, roles);
  const state = await ctx.service.get(meetingId);
  if (!state.created) throw new AppError('not_found', 'This meeting does not exist');
  if (claims.participantId && state.participants[claims.participantId]?.removed) {
    throw new AppError('participant.removed', 'The moderator removed this participant from the meeting');
  }
  return { claims, state };
}

/** Wraps an async route so thrown errors reach the JSON error handler (one catch boundary). */
export function asyncRoute(fn: (req: Request, res: Response) => Promise<void> | void): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .catch(next);
  };
}
