/**
 * Presence: a participant is present while at least one of their sockets is joined. The first
 * socket makes them present at once; after the last one leaves they turn absent only after a short
 * grace, so a page reload does not flap. Changes go through the command path as `system`.
 *
 * `PresenceTracker` is what the rest of the server uses; `LocalPresenceTracker` (here) counts
 * sockets in this process (SQLite, one process); `RedisPresenceTracker` (presence-redis.ts) counts
 * them across every process sharing a Redis.
 */
import { SYSTEM } from '../../shared/domain/index.js';
import type { Logger } from '../logger.js';
import type { MeetingService } from './service.js';

const key = (meetingId: string, participantId: string) => `${meetingId}\u0000${participantId}`;

/** Presence as the transport and app see it (one implementation per storage mode). */
export interface PresenceTracker {
  /** A socket of this participant joined; resolves once they are marked present. */
  joined(meetingId: string, participantId: string): Promise<void>;
  /** A socket of this participant left (disconnect or rejoin elsewhere). */
  left(meetingId: string, participantId: string): void;
  /** On start (before listening): marks absent whoever the log shows present without a live socket. */
  resetAll(): Promise<void>;
  /** On shutdown: stops timers (and, with Redis, hands this process's connections over to expiry). */
  close(): void | Promise<void>;
}

/** Counts sockets in this process: right when one process serves every meeting (SQLite). */
export class LocalPresenceTracker implements PresenceTracker {
  private readonly sockets = new Map<string, number>();
  private readonly pendingAbsent = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly service: MeetingService,
    private readonly graceMs: number,
    private readonly log: Logger,
  ) {}

  /** A socket of this participant joined; resolves once they are marked present. */
  async joined(meetingId: string, participantId: string): Promise<void> {
    const k = key(meetingId, participantId);
    const count = (this.sockets.get(k) ?? 0) + 1;
    this.sockets.set(k, count);
    const pending = this.pendingAbsent.get(k);
    if (pending) {
      clearTimeout(pending);
      this.pendingAbsent.delete(k);
    }
    // The domain ignores a no-op (already present), so issuing it on every first socket is safe.
    if (count === 1) await this.set(meetingId, participantId, true);
  }

  /** A socket of this participant left (disconnect or rejoin elsewhere). */
  left(meetingId: string, participantId: string): void {
    const k = key(meetingId, participantId);
    const count = (this.sockets.get(k) ?? 1) - 1;
    if (count > 0) {
      this.sockets.set(k, count);
      return;
    }
    this.sockets.delete(k);
    const timer = setTimeout(() => {
      this.pendingAbsent.delete(k);
      if (!this.sockets.has(k)) void this.set(meetingId, participantId, false);
    }, this.graceMs);
    this.pendingAbsent.set(k, timer);
  }

  /** On start no socket exists yet: whoever the log says is present is not. */
  async resetAll(): Promise<void> {
    for (const meetingId of await this.service.listMeetings()) {
      const state = await this.service.get(meetingId);
      for (const p of Object.values(state.participants)) {
        if (p.present && !this.sockets.has(key(meetingId, p.id))) await this.set(meetingId, p.id, false);
      }
    }
  }

  /** Stops pending grace timers (on shutdown the next start resets presence anyway). */
  close(): void {
    for (const t of this.pendingAbsent.values()) clearTimeout(t);
    this.pendingAbsent.clear();
  }

  private async set(meetingId: string, participantId: string, present: boolean): Promise<void> {
    await issuePresence(this.service, this.log, meetingId, participantId, present);
  }
}

/**
 * Issues `participant:presence` as `system`; resolves true when it changed the meeting (the domain
 * answers a repeated presence with no event). Failures are logged, never thrown: presence must not
 * break a join or a disconnect.
 */
export async function issuePresence(
  service: MeetingService,
  log: Logger,
  meetingId: string,
  participantId: string,
  present: boolean,
): Promise<boolean> {
  try {
    const r = await service.execute(meetingId, { type: 'participant:presence', participantId, present }, SYSTEM);
    if (!r.ok) log.warn({ meetingId, participantId, present, error: r.error }, 'presence refused');
    return r.ok && r.value.events.length > 0;
  } catch (err) {
    log.error({ err, meetingId, participantId }, 'presence update failed');
    return false;
  }
}
