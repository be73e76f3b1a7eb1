/**
 * The socket edge: per-connection limits and the contract's events (session:join, command,
 * session:sync, invite:create). Everything inbound is validated with the zod schemas of
 * shared/protocol.ts; the meeting service does the rest.
 */
import { CommandRequest, InviteRequest, JoinRequest, SyncRequest, type InviteResult, type JoinResult } from '../../shared/protocol.js';
import { SYSTEM, audienceOf, inviteRevoked, isRemoved, type Actor } from '../../shared/domain/index.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { HOUR_MS, INVITE_TTL_MS, MEMBER_TTL_MS, newInviteId, tokenPath, type TokenClaims } from '../tokens.js';
import { audienceRoom, catchupFor } from './audience.js';
import { ballotSecret, withBallotKey } from './ballot-key.js';
import { errorAck, handle, requireSession, splitArgs } from './handler.js';
import { TokenBucket } from './rate.js';
import { meetingRoom, type PlenarySocket, type Session } from './session.js';

const ballotSecrets = new WeakMap<AppContext['config'], Buffer>();
/** The ballot secret of a server's config, derived once per server (not once per connection). */
function ballotSecretFor(config: AppContext['config']): Buffer {
  let b = ballotSecrets.get(config);
  if (!b) ballotSecrets.set(config, (b = ballotSecret(config.secret)));
  return b;
}

/** Installs the edge checks that run before any handler, the join deadline, and the core events. */
export function registerCoreHandlers(socket: PlenarySocket, ctx: AppContext): void {
  const { config, clock, logger } = ctx;
  // Per-connection memory is the scale limit (docs/performance.md): no child logger per socket
  // (handle() logs the socket id itself) and one ballot secret per server secret, not per socket.
  const log = logger;
  socket.data.session = null;
  const bucket = new TokenBucket(config.RATE_LIMIT_PER_SEC, config.RATE_LIMIT_BURST, clock.now());
  const ballots = ballotSecretFor(config);

  // Edge checks for every inbound event, the extensions' included. Refused messages never reach a
  // handler; a message without ack is simply dropped.
  socket.use((packet, next) => {
    const [event] = packet;
    const { ack } = splitArgs(packet.slice(1));
    if (!bucket.take(clock.now())) {
      ack(errorAck(new AppError('rate_limited', 'Too many messages; slow down')));
      return;
    }
    if (typeof event !== 'string' || socket.listeners(event as 'command').length === 0) {
      ack(errorAck(new AppError('unknown_event', `Unknown event: ${String(event).slice(0, 64)}`)));
      return;
    }
    if (event !== 'session:join' && !socket.data.session) {
      ack(errorAck(new AppError('unauthorized', 'Join the meeting first')));
      return;
    }
    // Ack latency for /metrics, labelled by event name (only events with a handler: a bounded set).
    const last = packet.length - 1;
    const reply = packet[last];
    if (last > 0 && typeof reply === 'function') {
      const started = performance.now();
      packet[last] = (result: unknown) => {
        ctx.metrics.ackSeconds.observe({ event }, (performance.now() - started) / 1000);
        (reply as (r: unknown) => void)(result);
      };
    }
    next();
  });

  const joinTimer = setTimeout(() => {
    if (socket.data.session) return;
    socket.emit('session:error', { code: 'unauthorized', message: 'No join within the time limit' });
    socket.disconnect(true);
  }, config.JOIN_TIMEOUT_MS);

  socket.on('disconnect', () => {
    clearTimeout(joinTimer);
    leave(socket, ctx);
  });

  handle(socket, 'session:join', JoinRequest, async (req): Promise<JoinResult> => {
    const result = await join(socket, ctx, req);
    clearTimeout(joinTimer);
    return result;
  }, log);

  handle(socket, 'command', CommandRequest, async (req, s) => {
    const session = requireSession(s);
    // Secret ballots are keyed by the server, never by the client (docs/polls.md).
    const command = withBallotKey(req.command, session, ballots);
    const r = await ctx.service.execute(session.meetingId, command, session.actor, {
      ...(req.expectedVersion !== undefined ? { expectedVersion: req.expectedVersion } : {}),
    });
    ctx.metrics.commands.inc({ type: command.type, outcome: r.ok ? 'ok' : r.error.code });
    if (!r.ok) throw AppError.from(r.error);
    return { version: r.value.version };
  }, log);

  handle(socket, 'session:sync', SyncRequest, async (req, s) => {
    const session = requireSession(s);
    return catchupFor(ctx.service, session, req.since);
  }, log);

  handle(socket, 'invite:create', InviteRequest, async (req, s): Promise<InviteResult> => {
    const session = requireSession(s);
    if (session.role !== 'moderator') throw new AppError('forbidden', 'Only moderators can create invite links');
    const expiresAt = clock.now() + (req.ttlHours !== undefined ? req.ttlHours * HOUR_MS : INVITE_TTL_MS);
    // Participants and moderators register on first join (invite); projector and room bridge
    // are nobody in particular, so their link is already a member token.
    const kind = req.role === 'participant' || req.role === 'moderator' ? 'invite' : 'member';
    const id = newInviteId();
    const claims: TokenClaims = { kind, meetingId: session.meetingId, participantId: null, role: req.role, exp: expiresAt, id };
    // Recorded before the link is handed out, so it is listed and revocable from the first use.
    const minted = await ctx.service.execute(
      session.meetingId,
      { type: 'invite:minted', inviteId: id, role: req.role, expiresAt, label: req.label ?? '', by: session.participantId },
      SYSTEM,
    );
    if (!minted.ok) throw AppError.from(minted.error);
    const token = ctx.tokens.sign(claims);
    return { token, path: tokenPath(claims, token), role: req.role, expiresAt, inviteId: id };
  }, log);
}

/**
 * Verifies the token, registers an invitee, enters the meeting's rooms and returns the catch-up
 * (redacted for everyone but moderators).
 */
async function join(socket: PlenarySocket, ctx: AppContext, req: ReturnType<typeof JoinRequest.parse>): Promise<JoinResult> {
  const now = ctx.clock.now();
  const verified = ctx.tokens.verify(req.token, now);
  if (!verified.ok) throw AppError.from(verified.error);
  const claims = verified.value;
  const state = await ctx.service.get(claims.meetingId);
  if (!state.created) throw new AppError('not_found', 'This meeting does not exist');
  if (claims.id && inviteRevoked(state, claims.id)) throw new AppError('token_revoked', 'This link was revoked by the moderator');

  let participantId = claims.participantId;
  let personalToken: string | undefined;
  const needsPerson = claims.role === 'participant' || claims.role === 'moderator';
  if (claims.kind === 'invite' && needsPerson) {
    if (!req.profile) throw new AppError('bad_request', 'Invalid payload — profile: required when joining from an invite');
    const { inRoom, ...profile } = req.profile;
    const r = await ctx.service.execute(
      claims.meetingId,
      { type: 'participant:register', profile, role: claims.role as 'participant' | 'moderator', inRoom },
      SYSTEM,
    );
    if (!r.ok) throw AppError.from(r.error);
    const registered = r.value.events.find((e) => e.event.type === 'participant:registered');
    if (!registered || registered.event.type !== 'participant:registered') throw new Error('register produced no participant');
    participantId = registered.event.participant.id;
    personalToken = ctx.tokens.sign({ kind: 'member', meetingId: claims.meetingId, participantId, role: claims.role, exp: now + MEMBER_TTL_MS });
  } else if (participantId) {
    const person = state.participants[participantId];
    if (!person) throw new AppError('unauthorized', 'You are not registered in this meeting');
    if (isRemoved(person)) throw new AppError('participant.removed', 'The moderator removed you from this meeting');
  } else if (claims.role === 'participant') {
    throw new AppError('unauthorized', 'This link does not name a participant');
  }

  // A second join on the same socket (e.g. switching meeting) leaves the first one cleanly.
  if (socket.data.session) leave(socket, ctx);
  const actor: Actor = { role: claims.role, participantId };
  const session: Session = { meetingId: claims.meetingId, role: claims.role, participantId, actor, joinedAt: now };
  socket.data.session = session;
  // Enter the rooms before computing the catch-up so no event falls between the two (the client
  // drops duplicates by version). The audience room decides full or redacted events.
  await socket.join([meetingRoom(claims.meetingId), audienceRoom(claims.meetingId, audienceOf(claims.role))]);
  if (participantId) await ctx.presence.joined(claims.meetingId, participantId);
  const catchup = await catchupFor(ctx.service, session, req.since);
  return {
    me: { meetingId: claims.meetingId, role: claims.role, participantId },
    catchup,
    ...(personalToken ? { token: personalToken } : {}),
    serverTime: ctx.clock.now(),
  };
}

/** Leaves the current session: room and presence. */
function leave(socket: PlenarySocket, ctx: AppContext): void {
  const s = socket.data.session;
  if (!s) return;
  socket.data.session = null;
  void socket.leave(meetingRoom(s.meetingId));
  void socket.leave(audienceRoom(s.meetingId, audienceOf(s.role)));
  if (s.participantId) ctx.presence.left(s.meetingId, s.participantId);
}
