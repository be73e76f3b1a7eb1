/**
 * Secret-ballot keys, made at the socket edge: HMAC(ballot secret, meeting + poll + participant).
 * The domain keys secret ballots by it, so a changed vote replaces the earlier one while no state,
 * event or export holds the participant next to the choice. Only a holder of the server secret can
 * recompute whose key is whose (see docs/polls.md, "Residual risks").
 */
import { createHmac } from 'node:crypto';
import type { Command } from '../../shared/domain/index.js';

/** A key of its own for ballots (domain separation), so it never equals anything tokens sign. */
export function ballotSecret(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('plenary/ballot-key/v1').digest();
}

/** The opaque, stable key of one participant's ballot in one poll (base64url, 43 characters). */
export function ballotKey(secret: Buffer, meetingId: string, pollId: string, participantId: string): string {
  return createHmac('sha256', secret).update(`${meetingId}\u0000${pollId}\u0000${participantId}`).digest('base64url');
}

/**
 * Puts the server's ballot key on a `poll:vote` (replacing anything a client sent: a client must
 * not choose which ballot it overwrites). Other commands pass through unchanged. Without a
 * participant the key is dropped; the domain then refuses the vote.
 */
export function withBallotKey(
  command: Command,
  who: { meetingId: string; participantId: string | null },
  secret: Buffer,
): Command {
  if (command.type !== 'poll:vote') return command;
  const { ballotKey: _clientKey, ...vote } = command;
  if (!who.participantId) return vote;
  return { ...vote, ballotKey: ballotKey(secret, who.meetingId, vote.pollId, who.participantId) };
}
