/**
 * `projector:joinLink`: the projector shows a QR code so people in the hall join from their phone,
 * but only moderators may mint invites (`invite:create`). This gives the projector (and moderators)
 * exactly one capability: a participant invite for its own meeting, valid for a day, whose link
 * asks the join page to preselect "I am in the room". Nothing else about invites is exposed.
 *
 * The link is a recorded invite like any other (`invite:minted`, label `projector QR`), so it is
 * listed among the moderator's active links and can be revoked when a photo of it leaks. A reload
 * of the projector must not mint a new record each time: a still-valid, unrevoked projector link
 * with more than an hour left is handed out again (same id and expiry); only when none is left (it
 * was revoked, or is about to expire) is a new one minted. The projector watches its invite's id
 * in the state and asks again when it is revoked (client/components/queue/JoinQrCode.vue).
 */
import { z } from 'zod';
import { SYSTEM, activeInvites, type InviteRecord, type MeetingState } from '../../shared/domain/index.js';
import type { AppContext, ServerExtension } from '../context.js';
import { AppError } from '../errors.js';
import { HOUR_MS, newInviteId, tokenPath, type TokenClaims } from '../tokens.js';
import { requireSession } from '../transport/handler.js';
import type { Session } from '../transport/session.js';

export const JOIN_LINK_EVENT = 'projector:joinLink';
/** A hall link lives for a day: long enough for a meeting, short enough if photographed. */
export const JOIN_LINK_TTL_MS = 24 * HOUR_MS;
/** The label of the recorded invite, so moderators recognise it in their list of links. */
export const JOIN_LINK_LABEL = 'projector QR';
/** A projector link with less than this left is not handed out again; a fresh one is minted. */
export const JOIN_LINK_REUSE_MIN_LEFT_MS = HOUR_MS;

/** What the projector receives: a path relative to the server's origin, its expiry and its invite id. */
export interface JoinLinkResult {
  path: string;
  expiresAt: number;
  /** The recorded invite (`state.invites[inviteId]`); when it is revoked, ask again. */
  inviteId: string;
}

/** The newest projector link that may be shown again at `now`, if any. */
export function reusableJoinLink(state: MeetingState, now: number): InviteRecord | undefined {
  return activeInvites(state, now).find(
    (i) => i.label === JOIN_LINK_LABEL && i.role === 'participant' && i.expiresAt - now > JOIN_LINK_REUSE_MIN_LEFT_MS,
  );
}

/** Reuses or mints (and records) the meeting's projector link. */
async function joinLink(ctx: AppContext, session: Session): Promise<JoinLinkResult> {
  const now = ctx.clock.now();
  const state = await ctx.service.get(session.meetingId);
  let invite: Pick<InviteRecord, 'id' | 'expiresAt'> | undefined = reusableJoinLink(state, now);
  if (!invite) {
    invite = { id: newInviteId(), expiresAt: now + JOIN_LINK_TTL_MS };
    // Recorded before the link is handed out, so it is listed and revocable from the first scan.
    const minted = await ctx.service.execute(
      session.meetingId,
      { type: 'invite:minted', inviteId: invite.id, role: 'participant', expiresAt: invite.expiresAt, label: JOIN_LINK_LABEL, by: session.participantId },
      SYSTEM,
    );
    if (!minted.ok) throw AppError.from(minted.error);
  }
  const claims: TokenClaims = { kind: 'invite', meetingId: session.meetingId, participantId: null, role: 'participant', exp: invite.expiresAt, id: invite.id };
  return { path: `${tokenPath(claims, ctx.tokens.sign(claims))}&room=1`, expiresAt: invite.expiresAt, inviteId: invite.id };
}

/**
 * Requests of one process for the same meeting share one answer while it is being made, so two
 * projectors starting together record one link (two processes may still record two: harmless,
 * both are listed and revocable).
 */
const inFlight = new WeakMap<AppContext, Map<string, Promise<JoinLinkResult>>>();

function sharedJoinLink(ctx: AppContext, session: Session): Promise<JoinLinkResult> {
  let byMeeting = inFlight.get(ctx);
  if (!byMeeting) inFlight.set(ctx, (byMeeting = new Map()));
  const pending = byMeeting.get(session.meetingId);
  if (pending) return pending;
  const map = byMeeting;
  const p = joinLink(ctx, session).finally(() => map.delete(session.meetingId));
  map.set(session.meetingId, p);
  return p;
}

export const joinLinkExtension: ServerExtension = {
  name: 'projector-join-link',
  setup(ctx: AppContext) {
    ctx.handlers.on(JOIN_LINK_EVENT, z.object({}).optional(), (_req, s): Promise<JoinLinkResult> => {
      const session = requireSession(s);
      if (session.role !== 'projector' && session.role !== 'moderator') {
        throw new AppError('forbidden', 'Only the projector and moderators can show the join link');
      }
      return sharedJoinLink(ctx, session);
    });
  },
};
