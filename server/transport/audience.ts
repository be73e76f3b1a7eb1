/**
 * Fan-out and catch-up per audience (shared/domain/meeting/visibility.ts): every joined socket is in its
 * meeting's room and in the room of its audience; moderators get the full events, the public the
 * redacted ones. Redaction happens once per batch (outbox) or once per catch-up, never per socket.
 */
import { audienceOf, myNamedVote, redactState, redactEvents, type Audience, type MeetingState } from '../../shared/domain/index.js';
import type { Catchup } from '../../shared/protocol.js';
import type { MeetingService } from '../meetings/service.js';
import type { AudienceBatches } from '../meetings/outbox.js';
import { encodeOnce } from './json-encoder.js';
import { meetingRoom, type PlenaryServer, type Session } from './session.js';

/** The Socket.IO room of one audience of a meeting. */
export const audienceRoom = (meetingId: string, audience: Audience) => `${meetingRoom(meetingId)}:${audience}`;

/** Sends one flushed batch: full events to moderators, redacted ones to everyone else. */
export function emitToAudiences(io: PlenaryServer, meetingId: string, batches: AudienceBatches): void {
  if (batches.full.length) io.to(audienceRoom(meetingId, 'moderator')).emit('meeting:events', { meetingId, events: batches.full });
  if (batches.public.length) io.to(audienceRoom(meetingId, 'public')).emit('meeting:events', { meetingId, events: batches.public });
}

/**
 * The public snapshots a join burst shares. Under load a meeting's version moves with every batch
 * (each joiner's own presence is one), so "one projection per version" alone would still redact
 * and stringify the whole state — 2,000 participants, ~390 kB — for nearly every joiner. Within
 * `windowMs` of the last snapshot made for a meeting, and at most TAIL_MAX events behind it, a
 * joiner gets that snapshot again plus the events since (redacted), which its client applies on
 * top: the same state, for a few hundred bytes of work instead of a new 390 kB string.
 */
export class JoinSnapshots {
  private readonly last = new Map<string, { state: MeetingState; at: number }>();
  static readonly TAIL_MAX = 200;

  /** `windowMs`: how long a snapshot may be reused (0: never; every joiner gets the current state). */
  constructor(private readonly windowMs: () => number = () => 0) {}

  /** A recent snapshot state of the meeting that a joiner with `self` may get, with the events after it. */
  reusable(meetingId: string, current: MeetingState, self: string | null): MeetingState | null {
    const r = this.last.get(meetingId);
    if (!r || r.state === current) return null;
    if (performance.now() - r.at > this.windowMs() || current.version - r.state.version > JoinSnapshots.TAIL_MAX) return null;
    // The joiner's own named votes come with the snapshot only (events carry nobody's): reuse only
    // if the tail changed none of them.
    for (const [id, poll] of Object.entries(current.polls.byId)) {
      const before = r.state.polls.byId[id];
      if (myNamedVote(poll, self) !== (before ? myNamedVote(before, self) : null)) return null;
    }
    return r.state;
  }

  made(meetingId: string, state: MeetingState): void {
    this.last.set(meetingId, { state, at: performance.now() });
  }
}

/**
 * What a (re)joining or resyncing connection may receive: the service's catch-up, redacted for the
 * public. Missed events are redacted against the current state; if one cannot be (an old log's
 * close without its tally), a redacted snapshot replaces them. A public snapshot may be a recent
 * one plus the events after it (`JoinSnapshots`).
 */
export async function catchupFor(service: MeetingService, session: Session, since?: number, snapshots = new JoinSnapshots()): Promise<Catchup> {
  const audience = audienceOf(session.role);
  const meetingId = session.meetingId;
  const c = await service.catchup(meetingId, since);
  if (audience === 'moderator') {
    if (c.kind === 'snapshot') encodeOnce(c.state.participants);
    return c;
  }
  const snapshot = (state: MeetingState, version: number): Catchup => {
    snapshots.made(meetingId, state);
    return { kind: 'snapshot', state: publicSnapshot(state, session.participantId), version };
  };
  if (c.kind === 'snapshot') {
    const recent = snapshots.reusable(meetingId, c.state, session.participantId);
    if (recent) {
      const tail = await service.catchup(meetingId, recent.version);
      const events = tail.kind === 'events' ? redactEvents(tail.events, audience, service.peek(meetingId) ?? undefined) : null;
      if (events) return { kind: 'snapshot', state: publicSnapshot(recent, session.participantId), version: tail.version, events };
    }
    return snapshot(c.state, c.version);
  }
  const events = redactEvents(c.events, audience, service.peek(meetingId) ?? undefined);
  if (events) return { ...c, events };
  const fresh = await service.get(meetingId);
  return snapshot(fresh, fresh.version);
}

/**
 * The last public projection per state object: a join burst at one version redacts the state once,
 * not once per joining socket (with 2,000 participants the projection copies 2,000 records).
 * Keyed weakly by the state itself, which is immutable: a new version is a new object.
 */
const publicOf = new WeakMap<MeetingState, MeetingState>();

/** `redactState(state, 'public', { self })`, sharing everything but the joiner's own named votes. */
export function publicSnapshot(state: MeetingState, self: string | null): MeetingState {
  let base = publicOf.get(state);
  if (!base) {
    base = redactState(state, 'public');
    // Stringified once per version (and the roster once while it does not change), not per joiner.
    publicOf.set(state, encodeOnce(base));
    encodeOnce(base.participants);
  }
  if (!self) return base;
  // A participant's own named votes are theirs to see again (docs/polls.md); patch only those polls.
  let byId: MeetingState['polls']['byId'] | null = null;
  for (const [id, poll] of Object.entries(state.polls.byId)) {
    const own = myNamedVote(poll, self);
    if (!own) continue;
    byId ??= { ...base.polls.byId };
    byId[id] = { ...byId[id]!, votes: { [self]: own } };
  }
  return byId ? { ...base, polls: { ...base.polls, byId } } : base;
}
