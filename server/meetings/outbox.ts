/**
 * Coalesces the events broadcast for each meeting into one message per audience: in full for
 * moderators, redacted once per batch for everyone else (shared/domain/meeting/visibility.ts).
 * Appends are serialised per meeting, so pushes arrive in version order and the flushed batch is too.
 *
 * Roster changes and vote counts reach the public at a slower pace. A join burst records one
 * presence change per joiner, a vote storm one count per vote; sent as they come, each batch is one
 * write to every connection — with 2,000 connected, hundreds of thousands of writes
 * (docs/performance.md). So while the public's pending events are only these (someone arrived,
 * left or registered; a poll's count moved) they wait until `publicGapMs` has passed since the last
 * public message (up to 1 s with 2,000 connections), then go as one, a poll's run of counts as one
 * event. Anything else flushes them first, in version order, so public clients still see every
 * version in sequence, and a command's own change still reaches its sender before its ack (a
 * voter's own vote is not in the public's events: the public holds counts only). Moderators get
 * every batch at once.
 */
import { collapseCounts, redactEvent, redactEvents, type MeetingState, type VersionedEvent } from '../../shared/domain/index.js';

/** One meeting's flushed events: in full (moderators) and redacted (everyone else); either may be empty. */
export interface AudienceBatches {
  full: VersionedEvent[];
  public: VersionedEvent[];
}

/**
 * Public events that may wait for the next public message: the roster (who arrived, left or
 * registered) and vote counts (a poll's turnout and live tally; each count replaces the last).
 */
const MAY_WAIT = new Set(['participant:presenceChanged', 'participant:registered', 'poll:voteCounted']);
const mayWait = (e: VersionedEvent) => MAY_WAIT.has(e.event.type);

/** Whether a batch holds anything the public must see at once (not only roster changes and counts). */
export const urgentForPublic = (events: readonly VersionedEvent[]): boolean => !events.every(mayWait);

interface HeldPublic {
  events: VersionedEvent[];
  timer: NodeJS.Timeout | null;
}

export interface OutboxOptions {
  /** The least time between two public messages made only of roster changes and vote counts (ms); 0 sends them at once. */
  publicGapMs?: () => number;
}

export class BroadcastOutbox {
  private readonly pending = new Map<string, VersionedEvent[]>();
  private readonly held = new Map<string, HeldPublic>();
  /** When each meeting's last public message went out (performance.now()). */
  private readonly lastPublicAt = new Map<string, number>();
  private readonly publicGapMs: () => number;
  private scheduled = false;

  /**
   * `stateOf` returns the meeting's current state, which at flush time includes every pending
   * event: votes are redacted against it, so a batch's votes on one poll carry that poll's tally
   * as of the batch's end (clients apply a batch at once; see `redactEvents`).
   */
  constructor(
    private readonly send: (meetingId: string, batches: AudienceBatches) => void,
    private readonly stateOf: (meetingId: string) => MeetingState | null,
    opts: OutboxOptions = {},
  ) {
    this.publicGapMs = opts.publicGapMs ?? (() => 0);
  }

  push(meetingId: string, events: readonly VersionedEvent[]): void {
    if (!events.length) return;
    const list = this.pending.get(meetingId);
    if (list) list.push(...events);
    else this.pending.set(meetingId, [...events]);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flushPending());
    }
  }

  /**
   * Sends `events` (after anything pending for the meeting). The meeting service calls it with each
   * group-committed batch — the batch already holds a turn's worth of commands — before it acks
   * them, so a client's own change reaches it no later than its ack (roster changes and vote
   * counts, which show no public client its own change, may wait for the public; see above).
   */
  sendNow(meetingId: string, events: readonly VersionedEvent[]): void {
    const full = [...(this.pending.get(meetingId) ?? []), ...events];
    this.pending.delete(meetingId);
    this.dispatch(meetingId, full);
  }

  /** Sends everything pending and held now (before shutdown). */
  flush(): void {
    this.flushPending();
    for (const meetingId of [...this.held.keys()]) this.releasePublic(meetingId);
  }

  private flushPending(): void {
    this.scheduled = false;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [meetingId, full] of batches) this.dispatch(meetingId, full);
  }

  private dispatch(meetingId: string, full: VersionedEvent[]): void {
    if (!full.length) return;
    const redacted = this.redact(meetingId, full);
    const held = this.held.get(meetingId);
    const events = held ? collapseCounts([...held.events, ...redacted]) : redacted;
    const wait = (this.lastPublicAt.get(meetingId) ?? -Infinity) + this.publicGapMs() - performance.now();
    if (wait > 0 && events.every(mayWait)) {
      // Moderators now; the public's roster changes and counts with the next public message.
      this.send(meetingId, { full, public: [] });
      if (held) held.events = events;
      else this.held.set(meetingId, { events, timer: setTimeout(() => this.releasePublic(meetingId), wait) });
      return;
    }
    if (held?.timer) clearTimeout(held.timer);
    this.held.delete(meetingId);
    this.lastPublicAt.set(meetingId, performance.now());
    this.send(meetingId, { full, public: events });
  }

  /**
   * Sends the public's held roster changes and counts of a meeting now: another process wrote
   * something urgent after them and is broadcasting it.
   */
  releasePublic(meetingId: string): void {
    const held = this.held.get(meetingId);
    if (!held) return;
    if (held.timer) clearTimeout(held.timer);
    this.held.delete(meetingId);
    this.lastPublicAt.set(meetingId, performance.now());
    this.send(meetingId, { full: [], public: held.events });
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
