/**
 * GET /api/invites/check?t=<invite token>: whether an invitation link can still be used, so the
 * join page says at once that a link was revoked or expired instead of after the form is filled.
 * Answers `{ ok: true, data: { meetingId, role, expiresAt, meeting, booth? } }` — `meeting` is the
 * title, kind and schedule the join form names, so the newcomer knows what they are joining;
 * `booth`: an interpreter link's language, so the join page can say which booth it is for — or the
 * typed error the join itself would give: `unauthorized`, `token_expired`, `token_revoked`,
 * `not_found`. It reveals nothing a holder of the token would not see on the meeting's page a moment later.
 */
import { inviteRevoked } from '../../shared/domain/index.js';
import type { ServerExtension } from '../context.js';
import { AppError } from '../errors.js';
import { asyncRoute, requestToken } from './auth.js';

export interface InviteCheck {
  meetingId: string;
  role: string;
  expiresAt: number;
  /** Interpreter links: the booth's language. */
  booth?: string;
  /** What the join form names: the meeting and when it is (in the host's zone). */
  meeting: { title: string; kind: string; startsAt: string; endsAt: string; timeZone: string };
}

export const inviteCheckExtension: ServerExtension = {
  name: 'invite-check',
  http(app, ctx) {
    app.get(
      '/api/invites/check',
      asyncRoute(async (req, res) => {
        const token = requestToken(req);
        if (!token) throw new AppError('unauthorized', 'A token is required (?t=)');
        const verified = ctx.tokens.verify(token, ctx.clock.now());
        if (!verified.ok) throw AppError.from(verified.error);
        const claims = verified.value;
        const state = await ctx.service.get(claims.meetingId);
        if (!state.created) throw new AppError('not_found', 'This meeting does not exist');
        if (claims.id && inviteRevoked(state, claims.id)) throw new AppError('token_revoked', 'This link was revoked by the moderator');
        const { title, kind, startsAt, endsAt, timeZone } = state.info;
        const data: InviteCheck = {
          meetingId: claims.meetingId, role: claims.role, expiresAt: claims.exp, meeting: { title, kind, startsAt, endsAt, timeZone },
          ...(claims.booth ? { booth: claims.booth } : {}),
        };
        res.set('Cache-Control', 'no-store').json({ ok: true, data });
      }),
    );
  },
};
