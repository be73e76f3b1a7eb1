/**
 * Coalesces the events broadcast for each meeting within one event-loop turn into one message per
 * audience: in full for moderators, redacted once per batch for everyone else
 * (shared/domain/meeting/visibility.ts). Appends are serialised per meeting, so pushes arrive in version
 * order and the flushed batch is too.
 */
import { redactEvent, redactEvents, type MeetingState, type VersionedEvent } from '../../shared/domain/index.js';

/** One meeting's flushed events: in full (moderators) and redacted (everyone else); same versions. */
export interface AudienceBatches {
  full: VersionedEvent[];
  public: VersionedEvent[];
}

export class BroadcastOutbox {
  private readonly pending = new Map<string, VersionedEvent[]>();
  private scheduled = false;

  /**
   * `stateOf` returns the meeting's current state, which at flush time includes every pending
   * event: votes are redacted against it, so a batch's votes on one poll carry that poll's tally
   * as of the batch's end (clients apply a batch at once; see `redactEvents`).
   */
  constructor(
    private readonly send: (meetingId: string, batches: AudienceBatches) => void,
    private readonly stateOf: (meetingId: string) => MeetingState | null,
  ) {}

  push(meetingId: string, events: readonly VersionedEvent[]): void {
    if (!events.length) return;
    const list = this.pending.get(meetingId);
    if (list) list.push(...events);
    else this.pending.set(meetingId, [...events]);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /**
   * Sends `events` (after anything pending for the meeting) at once. The meeting service calls it
   * with each group-committed batch — the batch already holds a turn's worth of commands — before
   * it acks them, so a client's own change reaches it no later than its ack.
   */
  sendNow(meetingId: string, events: readonly VersionedEvent[]): void {
    const full = [...(this.pending.get(meetingId) ?? []), ...events];
    this.pending.delete(meetingId);
    if (full.length) this.send(meetingId, { full, public: this.redact(meetingId, full) });
  }

  /** Sends everything pending now (also used before shutdown). */
  flush(): void {
    this.scheduled = false;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [meetingId, full] of batches) this.send(meetingId, { full, public: this.redact(meetingId, full) });
  }

  private redact(meetingId: string, full: VersionedEvent[]): VersionedEvent[] {
    const state = this.stateOf(meetingId) ?? undefined;
    const all = redactEvents(full, 'public', state);
    if (all) return all;
    // Without the meeting's state (never, in the server) a vote cannot be redacted: it is left out,
    // public clients see a gap at the next batch and resync (catch-up redacts it then).
    return full.flatMap(({ v, event }) => {
      const e = redactEvent(event, 'public', state);
      return e ? [{ v, event: e }] : [];
    });
  }
}
