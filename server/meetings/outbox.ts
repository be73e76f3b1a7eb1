/**
 * Coalesces the events broadcast for each meeting within one event-loop turn into one message per
 * audience, and redacts them for the public once, as they are pushed (shared/domain/visibility.ts).
 * Appends are serialised per meeting, so pushes arrive in version order and the flushed batch is too.
 */
import { redactEvent, type MeetingState, type VersionedEvent } from '../../shared/domain/index.js';

/** One meeting's flushed events: in full (moderators) and redacted (everyone else); same versions. */
export interface AudienceBatches {
  full: VersionedEvent[];
  public: VersionedEvent[];
}

export class BroadcastOutbox {
  private readonly pending = new Map<string, AudienceBatches>();
  private scheduled = false;

  /**
   * `stateOf` returns the meeting's current state. The service broadcasts right after applying a
   * decision's events, so at push time that is the state right after them: a vote (always a
   * one-event decision) is redacted with exactly the tally it produced.
   */
  constructor(
    private readonly send: (meetingId: string, batches: AudienceBatches) => void,
    private readonly stateOf: (meetingId: string) => MeetingState | null,
  ) {}

  push(meetingId: string, events: readonly VersionedEvent[]): void {
    if (!events.length) return;
    const state = this.stateOf(meetingId) ?? undefined;
    let batches = this.pending.get(meetingId);
    if (!batches) {
      batches = { full: [], public: [] };
      this.pending.set(meetingId, batches);
    }
    for (const e of events) {
      batches.full.push(e);
      // Without a state (never, in the server) a vote cannot be redacted: it is left out, the
      // public clients see a gap at the next batch and resync (catch-up redacts it then).
      const redacted = redactEvent(e.event, 'public', state);
      if (redacted) batches.public.push({ v: e.v, event: redacted });
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Sends everything pending now (also used before shutdown). */
  flush(): void {
    this.scheduled = false;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [meetingId, b] of batches) this.send(meetingId, b);
  }
}
