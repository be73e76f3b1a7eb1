/**
 * MeetingService: the single writer path load → decide → append → apply → broadcast. It keeps an
 * in-memory cache of loaded meeting states, serialises work per meeting, and catches up events
 * appended by other processes (Redis) before deciding. It never sees Socket.IO: fan-out goes
 * through the `broadcast` function it is given.
 */
import {
  applyAll,
  decide,
  dueCommands,
  emptyMeeting,
  fail,
  ok,
  type Actor,
  type Command,
  type MeetingState,
  type Result,
  type VersionedEvent,
} from '../../shared/domain/index.js';
import { STATE_FORMAT, SYSTEM } from '../../shared/domain/index.js';
import type { Catchup } from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import type { EventStore } from '../store/types.js';
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
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));

export class MeetingService {
  private readonly cache = new Map<string, MeetingState>();
  private readonly snapshotAt = new Map<string, number>();
  private readonly queue = new KeyedSerialQueue();
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
  }

  /** Observe every meeting's new state after events are applied (audio follows the floor so). */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The meeting's current state (loaded and caught up with the store). */
  get(meetingId: string): Promise<MeetingState> {
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
   * checked) before applying and broadcasting them. Refusals come back as `ok: false`.
   */
  execute(meetingId: string, command: Command, actor: Actor, opts: ExecuteOptions = {}): Promise<Result<Executed>> {
    return this.queue.run(meetingId, async () => {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const state = await this.fresh(meetingId);
        if (opts.expectedVersion !== undefined && state.version > opts.expectedVersion) {
          return fail('conflict', `The meeting moved on (version ${state.version}); refresh and retry`);
        }
        const decided = decide(state, command, actor, this.clock.now());
        if (!decided.ok) return decided;
        if (decided.value.length === 0) return ok({ version: state.version, events: [], state });
        const t = performance.now();
        const appended = await this.store.append(meetingId, state.version, decided.value);
        if (appended.ok) this.onAppend((performance.now() - t) / 1000, decided.value.length);
        if (!appended.ok) {
          this.log.debug({ meetingId, attempt, version: appended.version }, 'append conflict, catching up');
          await backoff(attempt);
          continue; // another process wrote: fresh() reads its events, then decide again
        }
        const events = decided.value.map((event, i) => ({ v: state.version + i + 1, event }));
        const next = this.commit(meetingId, state, events);
        this.broadcast(meetingId, events);
        return ok({ version: next.version, events, state: next });
      }
      return fail('conflict', 'The meeting is busy; please retry');
    });
  }

  /** What a (re)joining client needs: the missed events after `since`, or a snapshot. */
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
  drain(): Promise<void> {
    return this.queue.drain();
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
      state = applyAll(state, events.map((e) => e.event));
      this.cache.set(meetingId, state);
      return state;
    }
    const missed = await this.store.readSince(meetingId, state.version);
    if (missed.length === 0) return state;
    this.log.debug({ meetingId, from: state.version, count: missed.length }, 'caught up events from the store');
    return this.commit(meetingId, state, missed);
  }

  /** Applies stored events to the cache, snapshots now and then, and notifies listeners. */
  private commit(meetingId: string, state: MeetingState, events: VersionedEvent[]): MeetingState {
    const next = applyAll(state, events.map((e) => e.event));
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
