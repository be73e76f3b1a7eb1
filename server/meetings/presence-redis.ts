/**
 * Presence across processes (REDIS_URL): a participant is present while any process holds a
 * socket of theirs. Each process mirrors its own socket counts into one Redis hash,
 * `<prefix>presence:proc:<processId>` (field `meetingId\0participantId` → count; 0 = the last socket
 * left and the grace is running), refreshed every heartbeat and expiring after three missed ones,
 * so a crashed process's connections vanish by themselves. `<prefix>presence:procs` lists the
 * process ids so that every process can read the union.
 *
 * Who marks absent (only when no live process holds the participant, grace fields included):
 * - the process whose last socket left, after the grace (it drops its field first);
 * - a sweep, run by one process per heartbeat (a short Redis lock) and by every process on start:
 *   it marks absent whoever the log shows present and nobody holds — a crashed process's people,
 *   once its hash expired, or everyone after a full restart.
 * A join can land between that check and the append; the decider re-checks afterwards and restores
 * presence, so the log ends right (at worst one absent/present pair, never a loop).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { issuePresence, type PresenceTracker } from './presence.js';
import type { MeetingService } from './service.js';

const SEP = '\u0000';
const field = (meetingId: string, participantId: string) => `${meetingId}${SEP}${participantId}`;

// KEYS[1] this process's hash, KEYS[2] the process set; ARGV[1] ttl ms, ARGV[2] process id,
// ARGV[3..] field, count pairs. Rewrites the hash from memory (self-healing after an expiry) and
// returns whether it still existed (0 with fields in memory: we were presumed dead meanwhile).
const BEAT_LUA = `
local existed = redis.call('EXISTS', KEYS[1])
redis.call('DEL', KEYS[1])
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
if #ARGV > 2 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
redis.call('SADD', KEYS[2], ARGV[2])
return existed
`;

// KEYS[1] the process set, KEYS[2..] process hashes; ARGV the matching ids. Forgets processes whose
// hash is gone — atomically, so a process writing its first field meanwhile is not forgotten.
const PRUNE_LUA = `
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 0 then redis.call('SREM', KEYS[1], ARGV[i - 1]) end
end
return 0
`;

type ScriptedRedis = Redis & {
  plenaryPresenceBeat(hash: string, procs: string, ttl: string, id: string, ...pairs: string[]): Promise<number>;
  plenaryPresencePrune(numKeys: number, ...keysAndArgs: string[]): Promise<number>;
};

/** Settings of the Redis presence (from the config). */
export interface RedisPresenceOptions {
  redisUrl: string;
  prefix: string;
  graceMs: number;
  /** How often this process refreshes its hash and (one process at a time) sweeps; TTL = 3×. */
  heartbeatMs: number;
}

/** Presence counted over every process sharing a Redis; see the module comment. */
export class RedisPresenceTracker implements PresenceTracker {
  /** This process's sockets per `meetingId\0participantId` (0 = grace running); Redis mirrors it. */
  private readonly counts = new Map<string, number>();
  private readonly pendingAbsent = new Map<string, NodeJS.Timeout>();
  private readonly redis: ScriptedRedis;
  private readonly id = randomUUID();
  private readonly hashKey: string;
  private readonly procsKey: string;
  private readonly ttlMs: number;
  private heartbeat: NodeJS.Timeout | undefined;
  private beating = false;
  private closed = false;

  constructor(
    private readonly service: MeetingService,
    private readonly opts: RedisPresenceOptions,
    private readonly log: Logger,
  ) {
    const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 3 });
    // Outages are reported by the event store's listener (app.ts); failed beats are logged below.
    redis.on('error', (err: Error) => log.debug({ err: err.message }, 'presence redis connection error'));
    redis.defineCommand('plenaryPresenceBeat', { numberOfKeys: 2, lua: BEAT_LUA });
    redis.defineCommand('plenaryPresencePrune', { lua: PRUNE_LUA });
    this.redis = redis as ScriptedRedis;
    this.hashKey = this.procKey(this.id);
    this.procsKey = `${opts.prefix}presence:procs`;
    this.ttlMs = opts.heartbeatMs * 3;
  }

  async joined(meetingId: string, participantId: string): Promise<void> {
    if (this.closed) return;
    const k = field(meetingId, participantId);
    const count = (this.counts.get(k) ?? 0) + 1;
    this.counts.set(k, count);
    const pending = this.pendingAbsent.get(k);
    if (pending) {
      clearTimeout(pending);
      this.pendingAbsent.delete(k);
    }
    // Written before the command, so a process deciding "absent" meanwhile sees this socket.
    await this.write(k, count);
    if (count === 1) await issuePresence(this.service, this.log, meetingId, participantId, true);
  }

  left(meetingId: string, participantId: string): void {
    if (this.closed) return;
    const k = field(meetingId, participantId);
    const count = Math.max(0, (this.counts.get(k) ?? 1) - 1);
    this.counts.set(k, count);
    void this.write(k, count); // 0 keeps the field: the participant is held through the grace
    if (count > 0 || this.pendingAbsent.has(k)) return;
    const timer = setTimeout(() => {
      this.pendingAbsent.delete(k);
      if (this.counts.get(k) !== 0) return;
      this.counts.delete(k);
      void this.write(k, null).then(() => this.absentUnlessHeld(meetingId, participantId));
    }, this.opts.graceMs);
    this.pendingAbsent.set(k, timer);
  }

  /** Starts the heartbeat and sweeps once: absent are only those no live process holds. */
  async resetAll(): Promise<void> {
    if (this.closed || this.heartbeat) return;
    await this.beat(false);
    await this.sweep();
    this.heartbeat = setInterval(() => void this.beat(true), this.opts.heartbeatMs);
    this.heartbeat.unref();
  }

  /**
   * Stops the heartbeat and grace timers; this process's participants stay held for one grace
   * (its hash then expires) so that a reload onto another process during a rolling restart does
   * not flap. Whoever has not come back by then is marked absent by another process's sweep, or
   * by the next start.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const t of this.pendingAbsent.values()) clearTimeout(t);
    this.pendingAbsent.clear();
    try {
      const zeros = [...this.counts.keys()].flatMap((k) => [k, '0']);
      if (zeros.length) await this.redis.plenaryPresenceBeat(this.hashKey, this.procsKey, String(Math.max(1, this.opts.graceMs)), this.id, ...zeros);
    } catch (err) {
      this.log.warn({ err }, 'presence hand-over on close failed');
    }
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private procKey(id: string): string {
    return `${this.opts.prefix}presence:proc:${id}`;
  }

  /** Mirrors one count into this process's hash (null removes the field). */
  private async write(k: string, count: number | null): Promise<void> {
    try {
      const m = this.redis.multi();
      if (count === null) m.hdel(this.hashKey, k);
      else m.hset(this.hashKey, k, String(count)).pexpire(this.hashKey, this.ttlMs).sadd(this.procsKey, this.id);
      await m.exec();
    } catch (err) {
      this.log.warn({ err }, 'presence write failed (the next heartbeat rewrites it)');
    }
  }

  /** Refreshes this process's hash; then, if `sweep` and no other process swept lately, sweeps. */
  private async beat(sweep: boolean): Promise<void> {
    if (this.beating || this.closed) return;
    this.beating = true;
    try {
      const pairs = [...this.counts].flatMap(([k, n]) => [k, String(n)]);
      const existed = await this.redis.plenaryPresenceBeat(this.hashKey, this.procsKey, String(this.ttlMs), this.id, ...pairs);
      if (!existed && pairs.length) await this.represent();
      if (!sweep || this.closed) return;
      const lock = await this.redis.set(`${this.opts.prefix}presence:sweep`, this.id, 'PX', Math.max(1, Math.floor(this.opts.heartbeatMs * 0.9)), 'NX');
      if (lock === 'OK') await this.sweep();
    } catch (err) {
      this.log.warn({ err }, 'presence heartbeat failed');
    } finally {
      this.beating = false;
    }
  }

  /** Our hash had expired (a long stall): others may have marked our people absent; undo that. */
  private async represent(): Promise<void> {
    for (const [k, n] of this.counts) {
      if (n === 0) continue;
      const [meetingId, participantId] = k.split(SEP) as [string, string];
      await issuePresence(this.service, this.log, meetingId, participantId, true);
    }
  }

  /** Sockets per participant over every live process (a field at 0 = held through a grace). */
  private async union(): Promise<Map<string, number>> {
    const ids = await this.redis.smembers(this.procsKey);
    const out = new Map<string, number>();
    if (ids.length === 0) return out;
    const p = this.redis.pipeline();
    for (const id of ids) p.hgetall(this.procKey(id));
    for (const [err, hash] of (await p.exec()) ?? []) {
      if (err) throw err;
      for (const [k, n] of Object.entries(hash as Record<string, string>)) out.set(k, (out.get(k) ?? 0) + Number(n));
    }
    return out;
  }

  /** Marks absent whoever the log shows present and no live process holds. */
  private async sweep(): Promise<void> {
    const ids = await this.redis.smembers(this.procsKey);
    if (ids.length) await this.redis.plenaryPresencePrune(ids.length + 1, this.procsKey, ...ids.map((id) => this.procKey(id)), ...ids);
    const held = await this.union();
    for (const meetingId of await this.service.listMeetings()) {
      if (this.closed) return;
      const state = await this.service.get(meetingId);
      for (const p of Object.values(state.participants)) {
        if (p.present && !held.has(field(meetingId, p.id))) await this.absentUnlessHeld(meetingId, p.id, held);
      }
    }
  }

  /** The one place that marks absent: only if nobody holds them, re-checked after the append. */
  private async absentUnlessHeld(meetingId: string, participantId: string, known?: Map<string, number>): Promise<void> {
    if (this.closed) return;
    const k = field(meetingId, participantId);
    try {
      if ((known ?? (await this.union())).has(k)) return;
      if (!(await issuePresence(this.service, this.log, meetingId, participantId, false))) return;
      // A socket that joined between the check and the append saw "present" and issued nothing.
      if (((await this.union()).get(k) ?? 0) > 0) await issuePresence(this.service, this.log, meetingId, participantId, true);
    } catch (err) {
      this.log.warn({ err, meetingId, participantId }, 'presence check failed');
    }
  }
}
