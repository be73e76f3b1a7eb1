/**
 * Presence: a participant is present while at least one of their sockets is joined. The first
 * socket makes them present at once; after the last one leaves they turn absent only after a short
 * grace, so a page reload does not flap. Changes go through the command path as `system`.
 */
import { SYSTEM } from '../../shared/domain/index.js';
import type { Logger } from '../logger.js';
import type { MeetingService } from './service.js';

const key = (meetingId: string, participantId: string) => `${meetingId}\u0000${participantId}`;

export class PresenceTracker {
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
    try {
      const r = await this.service.execute(meetingId, { type: 'participant:presence', participantId, present }, SYSTEM);
      if (!r.ok) this.log.warn({ meetingId, participantId, present, error: r.error }, 'presence refused');
    } catch (err) {
      this.log.error({ err, meetingId, participantId }, 'presence update failed');
    }
  }
}
