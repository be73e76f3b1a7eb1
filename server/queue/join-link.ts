/**
 * `projector:joinLink`: the projector shows a QR code so people in the hall join from their phone,
 * but only moderators may mint invites (`invite:create`). This gives the projector (and moderators)
 * exactly one capability: a participant invite for its own meeting, valid for a day, whose link
 * asks the join page to preselect "I am in the room". Nothing else about invites is exposed.
 */
import { z } from 'zod';
import type { AppContext, ServerExtension } from '../context.js';
import { AppError } from '../errors.js';
import { HOUR_MS, tokenPath, type TokenClaims } from '../tokens.js';
import { handle, requireSession } from '../transport/handler.js';

export const JOIN_LINK_EVENT = 'projector:joinLink';
/** A hall link lives for a day: long enough for a meeting, short enough if photographed. */
export const JOIN_LINK_TTL_MS = 24 * HOUR_MS;

/** What the projector receives: a path relative to the server's origin, and its expiry. */
export interface JoinLinkResult {
  path: string;
  expiresAt: number;
}

export const joinLinkExtension: ServerExtension = {
  name: 'projector-join-link',
  socket(socket, ctx: AppContext) {
    const log = ctx.logger.child({ socket: socket.id });
    handle(socket, JOIN_LINK_EVENT, z.object({}).optional(), (_req, s): JoinLinkResult => {
      const session = requireSession(s);
      if (session.role !== 'projector' && session.role !== 'moderator') {
        throw new AppError('forbidden', 'Only the projector and moderators can show the join link');
      }
      const expiresAt = ctx.clock.now() + JOIN_LINK_TTL_MS;
      const claims: TokenClaims = { kind: 'invite', meetingId: session.meetingId, participantId: null, role: 'participant', exp: expiresAt };
      return { path: `${tokenPath(claims, ctx.tokens.sign(claims))}&room=1`, expiresAt };
    }, log);
  },
};
