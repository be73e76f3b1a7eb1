/**
 * The socket edge: per-connection limits and the contract's events (session:join, command,
 * session:sync, invite:create). Everything inbound is validated with the zod schemas of
 * shared/protocol.ts; the meeting service does the rest.
 */
import { createHash } from 'node:crypto';
import { CommandRequest, InviteRequest, JoinRequest, MAX_PAYLOAD_BYTES, SyncRequest, type InviteResult, type JoinResult } from '../../shared/protocol.js';
import { SYSTEM, audienceOf, inviteRevoked, isRemoved, type Actor } from '../../shared/domain/index.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { HOUR_MS, INVITE_TTL_MS, MEMBER_TTL_MS, newInviteId, tokenPath, type TokenClaims } from '../tokens.js';
import { audienceRoom, catchupFor } from './audience.js';
import { ballotSecret, withBallotKey } from './ballot-key.js';
import { errorAck, requireSession, splitArgs, type SocketHandlers } from './handler.js';
import { KeyedBuckets, TokenBucket } from './rate.js';
import { meetingRoom, type PlenarySocket, type Session } from './session.js';

/** Roles that are a named person: their link registers them on first join (an invite). */
const NAMED_ROLES: ReadonlySet<string> = new Set(['participant', 'moderator', 'interpreter']);
const ballotSecrets = new WeakMap<AppContext['config'], Buffer>();
/** The ballot secret of a server's config, derived once per server (not once per connection). */
function ballotSecretFor(config: AppContext['config']): Buffer {
  let b = ballotSecrets.get(config);
  if (!b) ballotSecrets.set(config, (b = ballotSecret(config.secret)));
  return b;
}

/** The join deadline of each connection not joined yet (cleared by its join). */
const joinTimers = new WeakMap<PlenarySocket, NodeJS.Timeout>();

/**
 * Installs, on one connection, the edge checks that run before any handler, the dispatch of checked
 * messages to the server's handlers (`ctx.handlers`), and the join deadline. Per connection only
 * what must be: a rate bucket, one middleware, one disconnect listener (docs/performance.md).
 */
export function registerCoreHandlers(socket: PlenarySocket, ctx: AppContext): void {
  const { config, clock, logger: log } = ctx;
  socket.data.session = null;
  const bucket = new TokenBucket(config.RATE_LIMIT_PER_SEC, config.RATE_LIMIT_BURST, clock.now());
  let refusedInARow = 0;

  // Edge checks for every inbound event, the extensions' included. Refused messages never reach a
  // handler; a message without ack is simply dropped.
  socket.use((packet, next) => {
    const [event] = packet;
    const { ack } = splitArgs(packet.slice(1));
    // Before the join a connection has its own bucket; after it, the person's (or link's).
    const holder = socket.data.session?.holder;
    if (!(holder ? bucketsFor(ctx).take(holder, clock.now()) : bucket.take(clock.now()))) {
      ack(errorAck(new AppError('rate_limited', 'Too many messages; slow down')));
      // A connection that keeps sending while refused is flooding: every refusal still costs
      // parsing and an ack, which slows everyone else down (docs/faults.md). Hang up on it.
      if (++refusedInARow > config.RATE_LIMIT_BURST) {
        log.warn({ refused: refusedInARow, holder }, 'disconnecting a flooding connection');
        // …and keep its person (or link) out for a while: rejoining costs a catch-up each time.
        if (holder) bucketsFor(ctx).block(holder, clock.now() + FLOOD_COOLDOWN_MS);
        socket.emit('session:error', { code: 'rate_limited', message: 'Too many messages; this connection was closed' });
        socket.disconnect(true);
      }
      return;
    }
    refusedInARow = 0;
    // Measured here rather than by maxHttpBufferSize so the sender learns why (a closed socket
    // would only show up as a timeout on their side).
    if (payloadBytes(packet) > MAX_PAYLOAD_BYTES) {
      ack(errorAck(new AppError('payload_too_large', `Messages are limited to ${MAX_PAYLOAD_BYTES} bytes`, { max: MAX_PAYLOAD_BYTES })));
      return;
    }
    if (typeof event !== 'string' || (!ctx.handlers.has(event) && socket.listeners(event as 'command').length === 0)) {
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
    if (!ctx.handlers.dispatch(socket, event, packet.slice(1))) next(); // an extension's own listener
  });

  joinTimers.set(socket, setTimeout(() => {
    joinTimers.delete(socket);
    if (socket.data.session) return;
    socket.emit('session:error', { code: 'unauthorized', message: 'No join within the time limit' });
    socket.disconnect(true);
  }, config.JOIN_TIMEOUT_MS));

  socket.on('disconnect', () => {
    clearTimeout(joinTimers.get(socket));
    joinTimers.delete(socket);
    leave(socket, ctx);
  });
}

/** Registers the core events (join, command, sync, invite) once per server. */
export function registerCoreEvents(handlers: SocketHandlers, ctx: AppContext): void {
  const { config, clock } = ctx;
  const ballots = ballotSecretFor(config);

  handlers.on('session:join', JoinRequest, async (req, _s, socket): Promise<JoinResult> => {
    const result = await join(socket, ctx, req);
    clearTimeout(joinTimers.get(socket));
    joinTimers.delete(socket);
    return result;
  });

  handlers.on('command', CommandRequest, async (req, s) => {
    const session = requireSession(s);
    // Secret ballots are keyed by the server, never by the client (docs/polls.md).
    const command = withBallotKey(req.command, session, ballots);
    const r = await ctx.service.execute(session.meetingId, command, session.actor, {
      ...(req.expectedVersion !== undefined ? { expectedVersion: req.expectedVersion } : {}),
    });
    ctx.metrics.commands.inc({ type: command.type, outcome: r.ok ? 'ok' : r.error.code });
    if (!r.ok) throw AppError.from(r.error);
    return { version: r.value.version };
  });

  handlers.on('session:sync', SyncRequest, async (req, s) => {
    const session = requireSession(s);
    return catchupFor(ctx.service, session, req.since, ctx.joinSnapshots);
  });

  handlers.on('invite:create', InviteRequest, async (req, s): Promise<InviteResult> => {
    const session = requireSession(s);
    if (session.role !== 'moderator') throw new AppError('forbidden', 'Only moderators can create invite links');
    const expiresAt = clock.now() + (req.ttlHours !== undefined ? req.ttlHours * HOUR_MS : INVITE_TTL_MS);
    // Participants and moderators register on first join (invite); projector and room bridge
    // are nobody in particular, so their link is already a member token.
    const kind = NAMED_ROLES.has(req.role) ? 'invite' : 'member';
    const id = newInviteId();
    // An interpreter link belongs to one booth: the booth opens with its first link.
    const booth = req.role === 'interpreter' ? req.booth : undefined;
    if (req.role === 'interpreter') {
      if (!booth) throw new AppError('booth.language_required', 'An interpreter link must name its booth language');
      const opened = await ctx.service.execute(session.meetingId, { type: 'booth:open', language: booth }, SYSTEM);
      if (!opened.ok) throw AppError.from(opened.error);
    }
    const claims: TokenClaims = {
      kind,
      meetingId: session.meetingId,
      participantId: null,
      role: req.role,
      exp: expiresAt,
      id,
      ...(booth ? { booth } : {}),
    };
    // Recorded before the link is handed out, so it is listed and revocable from the first use.
    const minted = await ctx.service.execute(
      session.meetingId,
      { type: 'invite:minted', inviteId: id, role: req.role, expiresAt, label: req.label ?? '', by: session.participantId, ...(booth ? { booth } : {}) },
      SYSTEM,
    );
    if (!minted.ok) throw AppError.from(minted.error);
    const token = ctx.tokens.sign(claims);
    return { token, path: tokenPath(claims, token), role: req.role, expiresAt, inviteId: id };
  });
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
  const state = await ctx.service.committed(claims.meetingId);
  if (!state.created) throw new AppError('not_found', 'This meeting does not exist');
  if (claims.id && inviteRevoked(state, claims.id)) throw new AppError('token_revoked', 'This link was revoked by the moderator');

  let participantId = claims.participantId;
  let personalToken: string | undefined;
  const needsPerson = NAMED_ROLES.has(claims.role);
  if (claims.kind === 'invite' && needsPerson) {
    if (!req.profile) throw new AppError('bad_request', 'Invalid payload — profile: required when joining from an invite');
    const { inRoom, ...profile } = req.profile;
    const r = await ctx.service.execute(
      claims.meetingId,
      {
        type: 'participant:register',
        profile,
        role: claims.role as 'participant' | 'moderator' | 'interpreter',
        inRoom: claims.role === 'interpreter' ? false : inRoom,
        ...(claims.booth ? { booth: claims.booth } : {}),
      },
      SYSTEM,
    );
    if (!r.ok) throw AppError.from(r.error);
    const registered = r.value.events.find((e) => e.event.type === 'participant:registered');
    if (!registered || registered.event.type !== 'participant:registered') throw new Error('register produced no participant');
    participantId = registered.event.participant.id;
    personalToken = ctx.tokens.sign({
      kind: 'member',
      meetingId: claims.meetingId,
      participantId,
      role: claims.role,
      exp: now + MEMBER_TTL_MS,
      ...(claims.booth ? { booth: claims.booth } : {}),
    });
  } else if (participantId) {
    const person = state.participants[participantId];
    if (!person) throw new AppError('unauthorized', 'You are not registered in this meeting');
    if (isRemoved(person)) throw new AppError('participant.removed', 'The moderator removed you from this meeting');
  } else if (claims.role === 'participant' || claims.role === 'interpreter') {
    throw new AppError('unauthorized', 'This link does not name a participant');
  }

  // One person (or one projector/room link) may not hold more than MAX_CONNECTIONS_PER_TOKEN
  // connections here: a flood of connections from one link is refused before it joins any room.
  const holder = participantId ? `${claims.meetingId}/p/${participantId}` : `${claims.meetingId}/t/${tokenDigest(req.token)}`;
  if (bucketsFor(ctx).blocked(holder, now)) throw new AppError('rate_limited', 'This link was cut off for flooding; wait a few seconds');
  const held = countConnections(ctx, holder, socket.id);
  if (held >= ctx.config.MAX_CONNECTIONS_PER_TOKEN) {
    throw new AppError('too_many_connections', `This link already has ${held} connections`, { max: ctx.config.MAX_CONNECTIONS_PER_TOKEN });
  }

  // A second join on the same socket (e.g. switching meeting) leaves the first one cleanly.
  if (socket.data.session) leave(socket, ctx);
  const actor: Actor = { role: claims.role, participantId };
  const session: Session = { meetingId: claims.meetingId, role: claims.role, participantId, actor, joinedAt: now, holder };
  socket.data.session = session;
  const holders = holdersOf(ctx);
  (holders.get(holder) ?? holders.set(holder, new Set()).get(holder)!).add(socket.id);
  // Enter the rooms before computing the catch-up so no event falls between the two (the client
  // drops duplicates by version). The audience room decides full or redacted events.
  await socket.join([meetingRoom(claims.meetingId), audienceRoom(claims.meetingId, audienceOf(claims.role))]);
  if (participantId) await ctx.presence.joined(claims.meetingId, participantId);
  const catchup = await catchupFor(ctx.service, session, req.since, ctx.joinSnapshots);
  return {
    me: { meetingId: claims.meetingId, role: claims.role, participantId },
    catchup,
    ...(personalToken ? { token: personalToken } : {}),
    serverTime: ctx.clock.now(),
  };
}

/** How long a person (or link) cut off for flooding may not rejoin. */
const FLOOD_COOLDOWN_MS = 10_000;

/** The per-person buckets of one app (one per AppContext, so test servers in one process do not share). */
const appBuckets = new WeakMap<AppContext, KeyedBuckets>();
function bucketsFor(ctx: AppContext): KeyedBuckets {
  let b = appBuckets.get(ctx);
  if (!b) appBuckets.set(ctx, (b = new KeyedBuckets(ctx.config.RATE_LIMIT_PER_SEC, ctx.config.RATE_LIMIT_BURST)));
  return b;
}

/** A short digest of a token, so sessions do not keep the token itself. */
const tokenDigest = (token: string): string => createHash('sha256').update(token).digest('base64url').slice(0, 22);

/** The joined sockets of each holder (person or link) in this process, per app. */
const appHolders = new WeakMap<AppContext, Map<string, Set<string>>>();
function holdersOf(ctx: AppContext): Map<string, Set<string>> {
  let h = appHolders.get(ctx);
  if (!h) appHolders.set(ctx, (h = new Map()));
  return h;
}

/** Joined connections of `holder` in this process, `except` one socket (a rejoin on the same socket). */
function countConnections(ctx: AppContext, holder: string, except: string): number {
  const sockets = holdersOf(ctx).get(holder);
  return sockets ? sockets.size - (sockets.has(except) ? 1 : 0) : 0;
}

/** Size of a message as it came over the wire (JSON of its event name and arguments, ack excluded). */
function payloadBytes(packet: unknown[]): number {
  const args = packet.filter((a) => typeof a !== 'function');
  return Buffer.byteLength(JSON.stringify(args) ?? '');
}

/** Leaves the current session: room and presence. */
function leave(socket: PlenarySocket, ctx: AppContext): void {
  const s = socket.data.session;
  if (!s) return;
  socket.data.session = null;
  const holders = holdersOf(ctx);
  const sockets = holders.get(s.holder);
  if (sockets?.delete(socket.id) && sockets.size === 0) holders.delete(s.holder);
  void socket.leave(meetingRoom(s.meetingId));
  void socket.leave(audienceRoom(s.meetingId, audienceOf(s.role)));
  if (s.participantId) ctx.presence.left(s.meetingId, s.participantId);
}
