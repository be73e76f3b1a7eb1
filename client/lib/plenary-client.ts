/**
 * The one client library for talking to a Plenary server: join with a token, follow the meeting's
 * state by version, send commands, resync after a reconnect. No browser-only dependency: the Vue
 * stores, the tests, the benchmarks and scripted bots all use this very code.
 */
import { io, type Socket } from 'socket.io-client';
import { applyVersioned, type CommandInput, type DomainEvent, type MeetingState, type VersionedEvent } from '../../shared/domain/index.js';
import type {
  Ack,
  AckError,
  Catchup,
  ClientToServerEvents,
  InviteRequest,
  InviteResult,
  JoinProfile,
  JoinResult,
  Me,
  ServerToClientEvents,
} from '../../shared/protocol.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface PlenaryClientOptions {
  /** Server origin, e.g. http://127.0.0.1:3000; empty string for the page's own origin. */
  url: string;
  token: string;
  /** Needed when `token` is an invite: the profile of the newcomer. */
  profile?: JoinProfile;
  /** Milliseconds to wait for an ack before giving up with `internal`/timeout. */
  ackTimeoutMs?: number;
  /** Extra socket.io-client options (e.g. `{ transports: ['websocket'] }` for bots). */
  socketOptions?: Parameters<typeof io>[1];
}

type ChangeListener = (state: MeetingState, events: DomainEvent[]) => void;
type StatusListener = (status: ConnectionStatus, error?: AckError) => void;

const timeoutError = (what: string): AckError => ({ code: 'internal', message: `No answer from the server (${what})` });
/** Refused on the spot: not connected (or not joined again yet), so nothing was sent. */
const offlineError = (what: string): AckError => ({ code: 'offline', message: `Not connected: ${what} was not sent` });
/** Sent, but the connection dropped or the server stayed silent: it may or may not have been applied. */
const noAnswerError = (what: string): AckError => ({ code: 'no_answer', message: `No answer from the server (${what})` });

/**
 * Refusals of a rejoin that mean "not now" rather than "never" (the server's store is unreachable,
 * a cool-down, no answer): the client keeps `reconnecting` and tries again by itself.
 */
const RETRYABLE_JOIN = new Set(['unavailable', 'rate_limited', 'internal']);
const REJOIN_DELAY_MS = [1_000, 2_000, 4_000, 5_000];
/**
 * How long events past a gap wait for the missing ones before the client asks for them. With
 * several server processes two batches may arrive in the other order (each process broadcasts
 * what it wrote; one may hold roster changes for the public a moment, server/meetings/outbox.ts).
 */
const GAP_GRACE_MS = 1_500;

export class PlenaryClient {
  readonly socket: ClientSocket;
  state: MeetingState | null = null;
  me: Me | null = null;
  /** The token to rejoin with: the personal one once an invite has been redeemed. */
  token: string;
  status: ConnectionStatus = 'connecting';
  /** Server clock minus local clock, ms: add it to Date.now() to compute countdowns. */
  clockOffset = 0;

  private profile: JoinProfile | undefined;
  private readonly ackTimeoutMs: number;
  private readonly changeListeners = new Set<ChangeListener>();
  private readonly statusListeners = new Set<StatusListener>();
  /** Events that arrived while a join/sync was in flight; applied after it. */
  private pending: VersionedEvent[] = [];
  /** Events past a gap, waiting (GAP_GRACE_MS) for the missing ones to arrive. */
  private early: VersionedEvent[] = [];
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private syncing = false;
  private closed = false;
  private rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  private rejoinAttempts = 0;

  constructor(opts: PlenaryClientOptions) {
    this.token = opts.token;
    this.profile = opts.profile;
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 10_000;
    // Back-off 1 s doubling to at most 2 s (±50 % jitter): after a server restart every client is
    // back within about 3 s of it listening (docs/faults.md: resume within 5 s over 20 kill -9s).
    this.socket = io(opts.url, { autoConnect: false, reconnectionDelayMax: 2_000, ...opts.socketOptions });
    this.socket.on('meeting:events', (batch) => this.receive(batch.events));
    this.socket.on('session:error', (error) => this.setStatus('failed', error));
    this.socket.on('disconnect', (reason) => {
      if (this.status === 'failed' || this.closed) return;
      this.setStatus('reconnecting');
      // socket.io does not retry when the server itself hung up (e.g. a graceful restart or deploy);
      // a refused session arrives as session:error first and sets `failed`, so this is safe to retry.
      if (reason === 'io server disconnect') this.socket.connect();
    });
    // After the first join, every (re)connection re-authenticates and catches up from our version.
    // 'connect' rather than the manager's 'reconnect' so a manual reconnect above rejoins as well.
    this.socket.on('connect', () => {
      if (this.me) void this.join().catch(() => undefined);
    });
  }

  get version(): number {
    return this.state?.version ?? 0;
  }

  /** Connects and joins; resolves with the join result or rejects with an AckError. */
  async connect(): Promise<JoinResult> {
    this.setStatus('connecting');
    this.socket.connect();
    return this.join();
  }

  /**
   * Sends a domain command; resolves with the server's ack (never rejects). While not connected and
   * joined it is refused at once with `offline` and never sent: socket.io would otherwise buffer it
   * and send it after a reconnect, long after the person gave up on it (and before the rejoin).
   * A command in flight when the connection drops resolves with `no_answer` (it may have been
   * applied; the state after the rejoin says). Nothing is ever re-sent, so nothing applies twice.
   */
  async send(command: CommandInput, expectedVersion?: number): Promise<Ack<{ version: number }>> {
    if (!this.online) return { ok: false, error: offlineError(command.type) };
    const req = expectedVersion === undefined ? { command } : { command, expectedVersion };
    return this.request('command', req, noAnswerError);
  }

  /** Moderators: mint an invite link for a role (refused at once while offline, like `send`). */
  async createInvite(req: InviteRequest): Promise<Ack<InviteResult>> {
    if (!this.online) return { ok: false, error: offlineError('invite:create') };
    return this.request('invite:create', req, noAnswerError);
  }

  /** Connected and joined: a command sent now reaches the server on this connection. */
  get online(): boolean {
    return this.status === 'connected' && this.socket.connected;
  }

  /** Called with the new state after every applied batch (and after a snapshot). */
  onChange(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Server time now, as best known (for countdowns computed from timestamps). */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.rejoinTimer);
    clearTimeout(this.gapTimer);
    this.socket.io.reconnection(false);
    this.socket.disconnect();
    this.changeListeners.clear();
    this.statusListeners.clear();
  }

  private async join(): Promise<JoinResult> {
    this.syncing = true;
    const sentAt = Date.now();
    const since = this.state ? this.state.version : undefined;
    const res = await this.request('session:join', {
      token: this.token,
      ...(since !== undefined ? { since } : {}),
      ...(this.profile && !this.me ? { profile: this.profile } : {}),
    });
    if (!res.ok) {
      this.syncing = false;
      this.pending = [];
      if (this.me && !this.closed && RETRYABLE_JOIN.has(res.error.code)) {
        this.setStatus('reconnecting', res.error);
        clearTimeout(this.rejoinTimer);
        const delay = REJOIN_DELAY_MS[Math.min(this.rejoinAttempts++, REJOIN_DELAY_MS.length - 1)];
        // If the socket drops meanwhile, its own reconnection rejoins instead.
        this.rejoinTimer = setTimeout(() => {
          if (this.socket.connected && !this.closed) void this.join().catch(() => undefined);
        }, delay);
        throw res.error;
      }
      this.setStatus('failed', res.error);
      throw res.error;
    }
    this.rejoinAttempts = 0;
    const data = res.data;
    this.clockOffset = data.serverTime - Math.round((sentAt + Date.now()) / 2);
    this.me = data.me;
    if (data.token) this.token = data.token;
    this.applyCatchup(data.catchup);
    this.setStatus('connected');
    return data;
  }

  private applyCatchup(c: Catchup): void {
    this.syncing = false;
    if (c.kind === 'snapshot') {
      // A shared recent snapshot comes with the events after it: folded in silently, like the state.
      let state = c.state;
      for (const e of c.events ?? []) if (e.v === state.version + 1) state = applyVersioned(state, e);
      this.state = state;
      this.emitChange([]);
    } else {
      this.applyInOrder(c.events);
    }
    const buffered = this.pending;
    this.pending = [];
    if (buffered.length) this.receive(buffered);
  }

  private receive(events: VersionedEvent[]): void {
    if (this.syncing || !this.state) {
      this.pending.push(...events);
      return;
    }
    const all = this.early.length ? [...this.early, ...events] : events;
    this.applyInOrder(all);
    const version = this.state.version;
    this.early = all.filter((e) => (e.through ?? e.v) > version);
    if (!this.early.length) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
      return;
    }
    // A gap: the missing events may still be on their way (another server process); if they do not
    // come, we missed something (e.g. during a reconnect) and ask for exactly what we lack.
    this.gapTimer ??= setTimeout(() => {
      this.gapTimer = undefined;
      const missing = this.early.filter((e) => (e.through ?? e.v) > (this.state?.version ?? 0));
      this.early = [];
      if (!missing.length) return;
      this.pending.push(...missing);
      void this.resync();
    }, GAP_GRACE_MS);
  }

  private applyInOrder(events: VersionedEvent[]): void {
    if (!this.state) return;
    let state = this.state;
    const applied: DomainEvent[] = [];
    for (const e of [...events].sort((a, b) => a.v - b.v)) {
      if ((e.through ?? e.v) <= state.version) continue; // already have it
      if (e.v > state.version + 1) break; // gap; resync will fetch the rest
      // (A count standing for several votes, some of which we have, still ends at its last one.)
      state = applyVersioned(state, e);
      applied.push(e.event);
    }
    if (!applied.length) return;
    this.state = state;
    this.emitChange(applied);
  }

  private async resync(): Promise<void> {
    if (this.syncing || !this.state) return;
    this.syncing = true;
    const res = await this.request('session:sync', { since: this.state.version });
    if (res.ok) {
      this.applyCatchup(res.data);
    } else {
      this.syncing = false;
    }
  }

  private emitChange(events: DomainEvent[]): void {
    if (!this.state) return;
    for (const l of this.changeListeners) l(this.state, events);
  }

  private setStatus(status: ConnectionStatus, error?: AckError): void {
    this.status = status;
    for (const l of this.statusListeners) l(status, error);
  }

  private async request<E extends keyof ClientToServerEvents>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
    onFail: (what: string) => AckError = timeoutError,
  ): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
    type R = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
    try {
      // socket.io's typed emitWithAck cannot see through the generic E; the payload type is checked above.
      const s = this.socket.timeout(this.ackTimeoutMs) as unknown as {
        emitWithAck: (ev: string, arg: unknown) => Promise<R>;
      };
      return await s.emitWithAck(event, payload);
    } catch {
      // The ack timed out, or socket.io gave up on it because the connection dropped.
      return { ok: false, error: onFail(event) } as R;
    }
  }
}
