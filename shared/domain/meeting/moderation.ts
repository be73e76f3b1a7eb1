/**
 * Keeping a meeting safe ("zoom-bombing"): a moderator removes a disruptive participant (and may
 * restore them), and revokes a leaked invitation link. Pure, like every concern.
 *
 * A removed participant stays in the state (`removed: true`) so their past turns, votes and the
 * statistics keep a name; they are absent, their open requests to speak are gone, and the turn they
 * hold ends (endReason `removed`). The queue part happens in the reducer of `participant:removed`
 * rather than as separate queue events, and the queue's undo stack is cut back to the first entry
 * that no longer contains them: an undo can never bring a removed person back into the list or onto
 * the floor. `decide` (index.ts) refuses every command of a removed actor with `participant.removed`.
 *
 * Invitation links are stateless signed tokens; the server records each one it mints with the
 * system command `invite:minted` (the token's `id` claim, never the token), so moderators see the
 * links in circulation and can revoke one; the socket edge refuses a revoked link (`token_revoked`).
 */
import { z } from 'zod';
import { Id, Language, Millis, Role, fail, ok, optionalText, type Actor } from '../common.js';
import { dropEntry, endCurrent } from './queue/events.js';
import type { QueueState } from './queue/model.js';
import type { UndoEntry } from './queue/undo.js';
import { defineConcern, type InviteRecord, type MeetingState, type Participant } from './state.js';

export const moderationCommands = [
  z.object({ type: z.literal('participant:remove'), participantId: Id, reason: optionalText(200).default('') }),
  z.object({ type: z.literal('participant:restore'), participantId: Id }),
  /** Issued by the server when `invite:create` minted a link. */
  z.object({
    type: z.literal('invite:minted'),
    inviteId: Id,
    role: Role,
    expiresAt: Millis,
    label: optionalText(80).default(''),
    /** The moderator who asked for it. */
    by: Id.nullable().default(null),
    /** Interpreter links: the booth's language. */
    booth: Language.optional(),
  }),
  z.object({ type: z.literal('invite:revoke'), inviteId: Id }),
] as const;

export type ModerationEvent =
  | { type: 'participant:removed'; at: number; participantId: string; reason: string; by: string | null }
  | { type: 'participant:restored'; at: number; participantId: string }
  | { type: 'invite:minted'; at: number; invite: InviteRecord }
  | { type: 'invite:revoked'; at: number; inviteId: string };

/** Whether a moderator removed this participant (records from before removal existed: no). */
export const isRemoved = (p: Pick<Participant, 'removed'> | undefined | null): boolean => p?.removed === true;

/** Whether this actor is a participant the moderator removed (every command of theirs is refused). */
export function actorRemoved(s: MeetingState, a: Actor): boolean {
  return a.participantId !== null && isRemoved(s.participants[a.participantId]);
}

/** Whether an invite id was revoked. Unknown ids (links minted before ids were recorded) are not. */
export function inviteRevoked(s: MeetingState, inviteId: string): boolean {
  return (s.invites?.[inviteId]?.revokedAt ?? null) !== null;
}

/** Links still usable at `now` (not revoked, not expired), newest first: what the moderator lists. */
export function activeInvites(s: MeetingState, now: number): InviteRecord[] {
  return Object.values(s.invites ?? {})
    .filter((i) => i.revokedAt === null && i.expiresAt > now)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Whether undoing this entry would bring the person back onto a list or the floor. */
const hasPerson = (pid: string, u: UndoEntry) =>
  u.floor?.before?.participantId === pid ||
  u.lists.some((d) => d.removed.some((r) => r.entry.participantId === pid) || d.changed.some((e) => e.participantId === pid)) ||
  (!!u.legacy && (u.legacy.current?.participantId === pid || Object.values(u.legacy.lists).some((l) => l.entries.some((e) => e.participantId === pid))));

/**
 * The queue without one person: their open requests dropped from every list, their running turn
 * ended into the history, and the undo stack cut so that no remaining entry restores them.
 */
export function queueWithout(q: QueueState, pid: string, at: number): QueueState {
  const lists = Object.fromEntries(
    Object.entries(q.lists).map(([id, l]) => [
      id,
      l.entries.filter((e) => e.participantId === pid).reduce((acc, e) => dropEntry(acc, e.id), l),
    ]),
  );
  let next: QueueState = { ...q, lists };
  if (q.current?.participantId === pid) next = endCurrent(next, at, 'removed');
  // LIFO: an entry older than one that holds them is only reachable through it, so cut both.
  let cut = -1;
  q.undo.forEach((u, i) => {
    if (hasPerson(pid, u)) cut = i;
  });
  return cut < 0 ? next : { ...next, undo: q.undo.slice(cut + 1) };
}

/** Moderators who are still in the meeting. */
const activeModerators = (s: MeetingState) => Object.values(s.participants).filter((p) => p.role === 'moderator' && !isRemoved(p));

export const moderationConcern = defineConcern<ModerationEvent>()({
  commands: moderationCommands,
  decide: {
    'participant:remove': (s, c, a, now) => {
      const p = s.participants[c.participantId];
      if (!p) return fail('participant.not_found', 'No such participant');
      if (a.participantId === p.id) return fail('participant.remove_self', 'You cannot remove yourself');
      if (isRemoved(p)) return ok([]); // a retry or a second moderator's click
      if (p.role === 'moderator' && activeModerators(s).filter((m) => m.id !== p.id).length === 0) {
        return fail('participant.last_moderator', 'The last moderator cannot be removed');
      }
      return ok([{ type: 'participant:removed', at: now, participantId: p.id, reason: c.reason, by: a.participantId }]);
    },
    'participant:restore': (s, c, _a, now) => {
      const p = s.participants[c.participantId];
      if (!p) return fail('participant.not_found', 'No such participant');
      if (!isRemoved(p)) return ok([]);
      return ok([{ type: 'participant:restored', at: now, participantId: p.id }]);
    },
    'invite:minted': (s, c, _a, now) => {
      if (s.invites?.[c.inviteId]) return ok([]); // ids are random: only a retry repeats one
      const invite: InviteRecord = {
        id: c.inviteId,
        role: c.role,
        createdAt: now,
        expiresAt: c.expiresAt,
        label: c.label,
        by: c.by,
        revokedAt: null,
        ...(c.booth ? { booth: c.booth } : {}),
      };
      return ok([{ type: 'invite:minted', at: now, invite }]);
    },
    'invite:revoke': (s, c, _a, now) => {
      const inv = s.invites?.[c.inviteId];
      if (!inv) return fail('invite.not_found', 'No such invitation link');
      if (inv.revokedAt !== null) return ok([]);
      return ok([{ type: 'invite:revoked', at: now, inviteId: inv.id }]);
    },
  },
  apply: {
    'participant:removed': (s, e) => {
      const p = s.participants[e.participantId];
      if (!p) return s;
      const removed: Participant = { ...p, removed: true, present: false, removal: { at: e.at, reason: e.reason, by: e.by } };
      return { ...s, participants: { ...s.participants, [p.id]: removed }, queue: queueWithout(s.queue, p.id, e.at) };
    },
    'participant:restored': (s, e) => {
      const p = s.participants[e.participantId];
      if (!p) return s;
      const { removal: _r, ...rest } = p;
      return { ...s, participants: { ...s.participants, [p.id]: { ...rest, removed: false } } };
    },
    'invite:minted': (s, e) => ({ ...s, invites: { ...s.invites, [e.invite.id]: e.invite } }),
    'invite:revoked': (s, e) => {
      const inv = s.invites?.[e.inviteId];
      if (!inv) return s;
      return { ...s, invites: { ...s.invites, [inv.id]: { ...inv, revokedAt: e.at } } };
    },
  },
});
