/**
 * Coalesces the events broadcast for each meeting within one event-loop turn into one message.
 * Appends are serialised per meeting, so pushes arrive in version order and the flushed batch is too.
 */
import type { VersionedEvent } from '../../shared/domain/index.js';

export class BroadcastOutbox {
  private readonly pending = new Map<string, VersionedEvent[]>();
  private scheduled = false;

  constructor(private readonly send: (meetingId: string, events: VersionedEvent[]) => void) {}

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

  /** Sends everything pending now (also used before shutdown). */
  flush(): void {
    this.scheduled = false;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [meetingId, events] of batches) this.send(meetingId, events);
  }
}
