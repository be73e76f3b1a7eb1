/**
 * Redis event store (ioredis): one list per meeting (`<prefix>events:<meetingId>`, JSON events; the
 * version is the list length), a set of meeting ids, and a snapshot key per meeting. The
 * version-checked append is one Lua script, so concurrent processes cannot interleave.
 */
import { Redis, ReplyError } from 'ioredis';
import { AppError } from '../errors.js';
import type { ConsultationEvent, DomainEvent, MeetingState, VersionedConsultationEvent, VersionedEvent } from '../../shared/domain/index.js';
import type { AppendResult, ConsultationLog, EventStore, Snapshot } from './types.js';

// KEYS[1] events list, KEYS[2] meetings set; ARGV[1] expected version, ARGV[2] meeting id, ARGV[3..] events.
// Returns the new version, or -(actual version) - 1 on conflict.
const APPEND_LUA = `
local n = redis.call('LLEN', KEYS[1])
if n ~= tonumber(ARGV[1]) then return -n - 1 end
for i = 3, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
redis.call('SADD', KEYS[2], ARGV[2])
return n + #ARGV - 2
`;

// KEYS[1] snapshot key; ARGV[1] version, ARGV[2] json. Only ever moves forward.
const SNAPSHOT_LUA = `
local cur = redis.call('HGET', KEYS[1], 'version')
if cur and tonumber(cur) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'state', ARGV[2])
return 1
`;

type ScriptedRedis = Redis & {
  plenaryAppend(events: string, meetings: string, ...args: string[]): Promise<number>;
  plenarySnapshot(key: string, version: string, state: string): Promise<number>;
};

/** Told when Redis goes away (with the error, if any) and when it is back. */
export type ReachabilityListener = (reachable: boolean, err?: Error) => void;

export class RedisEventStore implements EventStore {
  readonly kind = 'redis';
  private readonly redis: ScriptedRedis;
  readonly consultations: ConsultationLog;
  /** Redis was ready once: from then on, a lost connection fails calls at once (`unavailable`). */
  private everReady = false;
  private up = false;
  private lastError: Error | undefined;
  private readonly listeners = new Set<ReachabilityListener>();

  /** `redis` is owned by the store (closed by close()). */
  constructor(redis: Redis, private readonly prefix: string) {
    redis.defineCommand('plenaryAppend', { numberOfKeys: 2, lua: APPEND_LUA });
    redis.defineCommand('plenarySnapshot', { numberOfKeys: 1, lua: SNAPSHOT_LUA });
    this.redis = redis as ScriptedRedis;
    this.consultations = this.consultationLog();
    // ioredis reconnects by itself; we only track whether it is there, for /healthz, the log and
    // to fail fast instead of queueing commands for as long as reconnection attempts last.
    redis.on('error', (err: Error) => (this.lastError = err));
    redis.on('ready', () => {
      this.everReady = true;
      this.setUp(true);
    });
    redis.on('close', () => this.setUp(false));
  }

  /** False while Redis cannot be reached (after it was reached once). */
  reachable(): boolean {
    return this.redis.status === 'ready' || !this.everReady;
  }

  /** Subscribes to reachability changes; returns the unsubscribe function. */
  onReachability(listener: ReachabilityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setUp(up: boolean): void {
    if (this.up === up || this.redis.status === 'end') return;
    this.up = up;
    // A first connection is not news; losing it, and getting it back, are.
    if (!up || this.everReady) for (const l of this.listeners) l(up, up ? undefined : this.lastError);
  }

  /**
   * Runs one Redis call; a lost connection becomes AppError `unavailable` (clients show "try again
   * in a moment"), while Redis' own refusals (a script error) stay what they are. The call may
   * still have been executed when its reply was lost: callers treat `unavailable` as "unknown".
   */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.everReady && this.redis.status !== 'ready') throw new AppError('unavailable', `Redis is unreachable (${what})`);
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ReplyError) throw err;
      throw new AppError('unavailable', `Redis is unreachable (${what}): ${(err as Error).message}`);
    }
  }

  /** Consultations: list `<prefix>consultation-events:<id>` and set `<prefix>consultations`, same Lua append. */
  private consultationLog(): ConsultationLog {
    const key = (id: string) => `${this.prefix}consultation-events:${id}`;
    return {
      append: async (id, expected, events: readonly ConsultationEvent[]) => {
        if (events.length === 0) {
          const v = await this.call('consultation append', () => this.redis.llen(key(id)));
          return v === expected ? { ok: true, version: v } : { ok: false, conflict: true, version: v };
        }
        const r = await this.call('consultation append', () =>
          this.redis.plenaryAppend(key(id), `${this.prefix}consultations`, String(expected), id, ...events.map((e) => JSON.stringify(e))),
        );
        return r < 0 ? { ok: false, conflict: true, version: -r - 1 } : { ok: true, version: r };
      },
      readSince: async (id, since) =>
        (await this.call('consultation read', () => this.redis.lrange(key(id), since, -1))).map((data, i): VersionedConsultationEvent => ({ v: since + i + 1, event: JSON.parse(data) as ConsultationEvent })),
      version: (id) => this.call('consultation version', () => this.redis.llen(key(id))),
      list: async () => (await this.call('consultation list', () => this.redis.smembers(`${this.prefix}consultations`))).sort(),
    };
  }

  /** Connects to `url` and returns a store using keys under `prefix`. */
  static connect(url: string, prefix: string): RedisEventStore {
    return new RedisEventStore(new Redis(url, { maxRetriesPerRequest: 3 }), prefix);
  }

  private eventsKey(meetingId: string): string {
    return `${this.prefix}events:${meetingId}`;
  }

  async append(meetingId: string, expectedVersion: number, events: readonly DomainEvent[]): Promise<AppendResult> {
    if (events.length === 0) {
      const v = await this.version(meetingId);
      return v === expectedVersion ? { ok: true, version: v } : { ok: false, conflict: true, version: v };
    }
    const r = await this.call('append', () =>
      this.redis.plenaryAppend(
        this.eventsKey(meetingId),
        `${this.prefix}meetings`,
        String(expectedVersion),
        meetingId,
        ...events.map((e) => JSON.stringify(e)),
      ),
    );
    return r < 0 ? { ok: false, conflict: true, version: -r - 1 } : { ok: true, version: r };
  }

  async readSince(meetingId: string, since: number): Promise<VersionedEvent[]> {
    const rows = await this.call('read', () => this.redis.lrange(this.eventsKey(meetingId), since, -1));
    return rows.map((data, i) => ({ v: since + i + 1, event: JSON.parse(data) as DomainEvent }));
  }

  async version(meetingId: string): Promise<number> {
    return this.call('version', () => this.redis.llen(this.eventsKey(meetingId)));
  }

  async listMeetings(): Promise<string[]> {
    return (await this.call('list', () => this.redis.smembers(`${this.prefix}meetings`))).sort();
  }

  async loadSnapshot(meetingId: string): Promise<Snapshot | null> {
    const r = await this.call('snapshot', () => this.redis.hgetall(`${this.prefix}snapshot:${meetingId}`));
    if (!r.version || !r.state) return null;
    return { version: Number(r.version), state: JSON.parse(r.state) as MeetingState };
  }

  async saveSnapshot(meetingId: string, snapshot: Snapshot): Promise<void> {
    await this.call('snapshot', () => this.redis.plenarySnapshot(`${this.prefix}snapshot:${meetingId}`, String(snapshot.version), JSON.stringify(snapshot.state)));
  }

  async close(): Promise<void> {
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
