/**
 * MeetingService: the single writer path load → decide → append → apply → broadcast. It keeps an
 * in-memory cache of loaded meeting states, serialises work per meeting, and catches up events
 * appended by other processes (Redis) before deciding. It never sees Socket.IO: fan-out goes
 * through the `broadcast` function it is given.
 */
import {
  decide,
  dueCommands,
  emptyMeeting,
  fail,
  ok,
  type Actor,
  type Command,
  type DomainEvent,
  type MeetingState,
  type Result,
  type VersionedEvent,
} from '../../shared/domain/index.js';
import { STATE_FORMAT, SYSTEM } from '../../shared/domain/index.js';
import type { Catchup } from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import type { EventStore } from '../store/types.js';
import { BatchApplier } from './batch-apply.js';
import { KeyedSerialQueue } from './serial.js';

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

/** Called after events are applied (by this process, or caught up from another one). */
export type AppliedListener = (meetingId: string, state: MeetingState, events: VersionedEvent[]) => void;

export interface MeetingServiceOptions {
  store: EventStore;
  clock: Clock;
  logger: Logger;
  /** Fan-out of newly appended events to the meeting's connections (all processes). */
  broadcast?: (meetingId: string, events: VersionedEvent[]) => void;
  /** Snapshot when more than this many events follow the last one (0 = never). */
  snapshotEvery?: number;
  /**
   * Under load, a meeting's batches start at least this many ms apart (default 20): commands wait
   * at most that long and each batch — one transaction, one message to every connection — carries
   * more of them. Load means the last batch held several commands; otherwise a command runs at once.
   */
  batchGapMs?: number | (() => number);
  /** Further behind than this → a snapshot instead of events. */
  catchupMaxEvents?: number;
  /** Observes each successful append: seconds taken and events written (metrics). */
  onAppend?: (seconds: number, events: number) => void;
}

export interface ExecuteOptions {
  /** Refuse with `conflict` if the meeting is past this version. */
  expectedVersion?: number;
}

export interface Executed {
  version: number;
  events: VersionedEvent[];
  state: MeetingState;
}

/**
 * Appends can lose a race to another process (Redis); decide again on the caught-up state, up to
 * this many times, with a short random backoff so two busy processes do not race in lock-step.
 */
const MAX_ATTEMPTS = 10;

interface PendingCommand {
  command: Command;
  actor: Actor;
  opts: ExecuteOptions;
  resolve: (r: Result<Executed>) => void;
  reject: (err: unknown) => void;
}
/** What one command of a batch came to: a result, or the error its rule threw. */
type Outcome = { result: Result<Executed> } | { error: unknown };
const settle = (p: PendingCommand, o: Outcome) => ('error' in o ? p.reject(o.error) : p.resolve(o.result));
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));

export class MeetingService {
  private readonly cache = new Map<string, MeetingState>();
  private readonly snapshotAt = new Map<string, number>();
  private readonly queue = new KeyedSerialQueue();
  /** Commands waiting for their meeting's next batch, in arrival order. */
  private readonly pending = new Map<string, PendingCommand[]>();
  private readonly runnerQueued = new Set<string>();
  /** When each meeting's last batch with events was written (performance.now()). */
  private readonly lastBatchAt = new Map<string, number>();
  private readonly batchGapMs: () => number;
  private readonly listeners = new Set<AppliedListener>();
  private readonly store: EventStore;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly snapshotEvery: number;
  private readonly catchupMax: number;
  broadcast: (meetingId: string, events: VersionedEvent[]) => void;
  private readonly onAppend: (seconds: number, events: number) => void;

  constructor(opts: MeetingServiceOptions) {
    this.store = opts.store;
    this.clock = opts.clock;
    this.log = opts.logger;
    this.broadcast = opts.broadcast ?? (() => undefined);
    this.snapshotEvery = opts.snapshotEvery ?? 200;
    this.catchupMax = opts.catchupMaxEvents ?? 500;
    this.onAppend = opts.onAppend ?? (() => undefined);
    const gap = opts.batchGapMs ?? 20;
    this.batchGapMs = typeof gap === 'number' ? () => gap : gap;
  }

  /** Observe every meeting's new state after events are applied (audio follows the floor so). */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The meeting's current state (loaded and caught up with the store). */
  get(meetingId: string): Promise<MeetingState> {
    this.schedule(meetingId); // commands issued before this read are decided before it
    return this.queue.run(meetingId, () => this.fresh(meetingId));
  }

  /**
   * The meeting's state as written so far, without hurrying the commands still waiting for their
   * batch (`get` decides those first). For reads that only check who someone is — a join burst
   * would otherwise cut every batch down to one joiner's presence.
   */
  committed(meetingId: string): Promise<MeetingState> {
    return this.queue.run(meetingId, () => this.fresh(meetingId));
  }

  /** The cached state without touching the store (null when not loaded). */
  peek(meetingId: string): MeetingState | null {
    return this.cache.get(meetingId) ?? null;
  }

  /** Ids of the meetings in memory. */
  loadedMeetings(): string[] {
    return [...this.cache.keys()];
  }

  listMeetings(): Promise<string[]> {
    return this.store.listMeetings();
  }

  /**
   * Decides a command against the current state and, if accepted, appends its events (version
   * checked) before applying and broadcasting them. Refusals come back as `ok: false`; the promise
   * resolves only once the events are in the store (an ok ack means the event is on disk).
   *
   * Group commit: the commands that arrive for a meeting within one event-loop turn (or while its
   * previous batch is still being written) are decided one after another against the running
   * state — exactly as if they ran alone, in arrival order — and their events are appended in one
   * transaction, applied once, broadcast once (measured in docs/performance.md).
   */
  execute(meetingId: string, command: Command, actor: Actor, opts: ExecuteOptions = {}): Promise<Result<Executed>> {
    return new Promise((resolve, reject) => {
      let list = this.pending.get(meetingId);
      if (!list) {
        list = [];
        this.pending.set(meetingId, list);
        const wait = (this.lastBatchAt.get(meetingId) ?? -Infinity) + this.batchGapMs() - performance.now();
        if (wait > 0) setTimeout(() => this.schedule(meetingId), wait);
        else setImmediate(() => this.schedule(meetingId));
      }
      list.push({ command, actor, opts, resolve, reject });
    });
  }

  /** Queues one batch runner for the meeting; it takes whatever is pending when its turn comes. */
  private schedule(meetingId: string): void {
    if (!this.pending.has(meetingId) || this.runnerQueued.has(meetingId)) return;
    this.runnerQueued.add(meetingId);
    void this.queue.run(meetingId, async () => {
      this.runnerQueued.delete(meetingId);
      const batch = this.pending.get(meetingId);
      this.pending.delete(meetingId);
      if (batch) await this.runBatch(meetingId, batch);
    });
  }

  private async runBatch(meetingId: string, batch: PendingCommand[]): Promise<void> {
    try {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const state = await this.fresh(meetingId);
        const { next, events, outcomes } = this.decideAll(state, batch);
        if (events.length) {
          const t = performance.now();
          const appended = await this.store.append(meetingId, state.version, events.map((e) => e.event));
          if (!appended.ok) {
            this.log.debug({ meetingId, attempt, version: appended.version }, 'append conflict, catching up');
            await backoff(attempt);
            continue; // another process wrote: fresh() reads its events, then decide again
          }
          this.onAppend((performance.now() - t) / 1000, events.length);
          // Only a batch of several commands means concurrent load; one sender's commands one after
          // another (a moderator, a seed, a test) must not wait for the gap.
          if (batch.length > 1) this.lastBatchAt.set(meetingId, performance.now());
          else this.lastBatchAt.delete(meetingId);
          this.commit(meetingId, next, events);
          this.broadcast(meetingId, events);
        }
        batch.forEach((p, i) => settle(p, outcomes[i]!));
        return;
      }
      for (const p of batch) p.resolve(fail('conflict', 'The meeting is busy; please retry'));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  /** Decides each command of a batch against the state its predecessors left (pure; no I/O). */
  private decideAll(state: MeetingState, batch: PendingCommand[]) {
    const applier = new BatchApplier(state);
    let next = state;
    const events: VersionedEvent[] = [];
    const outcomes: Outcome[] = batch.map((p) => {
      if (p.opts.expectedVersion !== undefined && next.version > p.opts.expectedVersion) {
        return { result: fail('conflict', `The meeting moved on (version ${next.version}); refresh and retry`) };
      }
      let decided: Result<DomainEvent[]>;
      try {
        decided = decide(next, p.command, p.actor, this.clock.now());
      } catch (error) {
        return { error }; // a bug in one rule fails that command, not its batch-mates
      }
      if (!decided.ok) return { result: decided };
      if (!decided.value.length) return { result: ok({ version: next.version, events: [], state: next }) };
      const mine = decided.value.map((event, i) => ({ v: next.version + i + 1, event }));
      next = applier.apply(decided.value);
      events.push(...mine);
      return { result: ok({ version: next.version, events: mine, state: next }) };
    });
    return { next, events, outcomes };
  }

  /**
   * What a (re)joining client needs: the missed events after `since`, or a snapshot. Unlike `get`
   * it does not hurry the commands still waiting for their batch: the client is already in its
   * meeting's rooms, so what they write reaches it as a broadcast. A join burst's catch-ups thus
   * share a version between two batches (and its stringified state, transport/json-encoder.ts).
   */
  catchup(meetingId: string, since?: number): Promise<Catchup> {
    return this.queue.run(meetingId, async () => {
      const state = await this.fresh(meetingId);
      if (since === undefined || since > state.version || state.version - since > this.catchupMax) {
        return { kind: 'snapshot', state, version: state.version };
      }
      const events = (await this.store.readSince(meetingId, since)).filter((e) => e.v <= state.version);
      return { kind: 'events', events, version: state.version };
    });
  }

  /** Runs the due system commands (timers) of every loaded meeting through the command path. */
  async tick(): Promise<void> {
    const now = this.clock.now();
    await Promise.all(
      this.loadedMeetings().map(async (id) => {
        const state = this.cache.get(id);
        if (!state) return;
        for (const command of dueCommands(state, now)) {
          const r = await this.execute(id, command, SYSTEM);
          if (!r.ok) this.log.debug({ meetingId: id, command: command.type, error: r.error }, 'due command refused');
        }
      }),
    );
  }

  /** Waits for queued work to finish (before closing the store). */
  async drain(): Promise<void> {
    for (const id of [...this.pending.keys()]) this.schedule(id);
    await this.queue.drain();
  }

  /** Loads a meeting (snapshot + events) or catches the cached state up with the store. */
  private async fresh(meetingId: string): Promise<MeetingState> {
    let state = this.cache.get(meetingId);
    if (!state) {
      const snap = await this.store.loadSnapshot(meetingId);
      // A snapshot from code with another state shape is ignored: the log rebuilds the state.
      state = snap && snap.state.stateFormat === STATE_FORMAT ? snap.state : emptyMeeting();
      this.snapshotAt.set(meetingId, state.version);
      const events = await this.store.readSince(meetingId, state.version);
      state = new BatchApplier(state).apply(events.map((e) => e.event)); // = applyAll, without a roster copy per arrival
      this.cache.set(meetingId, state);
      return state;
    }
    const missed = await this.store.readSince(meetingId, state.version);
    if (missed.length === 0) return state;
    this.log.debug({ meetingId, from: state.version, count: missed.length }, 'caught up events from the store');
    // Another process's batches (with Redis): applied like ours, the roster and ballot maps copied once.
    return this.commit(meetingId, new BatchApplier(state).apply(missed.map((e) => e.event)), missed);
  }

  /** Caches the state the stored `events` led to, snapshots now and then, and notifies listeners. */
  private commit(meetingId: string, next: MeetingState, events: VersionedEvent[]): MeetingState {
    this.cache.set(meetingId, next);
    const last = this.snapshotAt.get(meetingId) ?? 0;
    if (this.snapshotEvery > 0 && next.version - last >= this.snapshotEvery) {
      this.snapshotAt.set(meetingId, next.version);
      this.store.saveSnapshot(meetingId, { version: next.version, state: next }).catch((err: unknown) => {
        this.log.warn({ err, meetingId }, 'snapshot failed (harmless: the log is the truth)');
      });
    }
    for (const l of this.listeners) {
      try {
        l(meetingId, next, events);
      } catch (err) {
        this.log.error({ err, meetingId }, 'onApplied listener failed');
      }
    }
    return next;
  }
}
