/**
 * Several server processes on one Redis: a meeting's audio lives in **one** process, its owner,
 * and the other processes route their clients' audio signalling there. Chosen over making every
 * process host the meeting's audio (routers piped between processes over the network) because it
 * keeps one authority for the floor and the booths, one set of producers and the same code path as
 * a single process; the cost is that media of a client connected to process B flows to process A's
 * address (every process must announce an address clients can reach, as it already must).
 *
 * - Ownership: `<prefix>audio:owner:<meetingId>` = the owner's instance id, claimed with SET NX
 *   on the meeting's first `audio:join`, refreshed while its room lives (TTL `ttlMs`), deleted when
 *   the room closes. A crashed owner's key expires; the next join claims it (clients re-join on
 *   their own after `audio.unavailable`).
 * - Requests: a non-owner sends `audio:rpc` to all processes with `serverSideEmit` (with ack); only
 *   the owner runs it against its AudioService and answers `{ ok, data } | { ok: false, error }`.
 * - Messages to clients: the owner emits to the socket id through the Socket.IO Redis adapter when
 *   the socket is not local (extension.ts).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Ack } from '../../shared/protocol.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PlenaryServer } from '../transport/session.js';
import { AudioError, type PeerInfo } from './types.js';

/** One audio request, as relayed between processes. */
export interface AudioRpc {
  /** The owner's instance id: every other process ignores it. */
  target: string;
  meetingId: string;
  peer: PeerInfo;
  event: string;
  payload: unknown;
}

export type LocalRunner = (rpc: AudioRpc) => Promise<unknown>;

export class AudioCluster {
  readonly instanceId = randomUUID();
  private readonly redis: Redis;
  private readonly held = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
    private readonly io: PlenaryServer,
    run: LocalRunner,
    private readonly log: Logger,
    private readonly ttlMs = 15_000,
  ) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
    // Every process answers every audio:rpc (null when it is not the target), so the sender's ack
    // completes as soon as all have answered instead of waiting for its timeout.
    (io as unknown as { on: (e: string, l: (rpc: AudioRpc, ack: (r: Ack<unknown> | null) => void) => void) => void }).on(
      'audio:rpc',
      (rpc, ack) => {
        if (rpc.target !== this.instanceId) return ack(null);
        run(rpc).then(
          (data) => ack({ ok: true, data }),
          (e: unknown) => {
            if (!(e instanceof AppError)) this.log.error({ err: e, event: rpc.event, meetingId: rpc.meetingId }, 'relayed audio request failed');
            ack({ ok: false, error: toAckError(e) });
          },
        );
      },
    );
    this.timer = setInterval(() => void this.renew(), Math.max(1000, ttlMs / 3));
    this.timer.unref();
  }

  private key(meetingId: string): string {
    return `${this.prefix}audio:owner:${meetingId}`;
  }

  /** The meeting's audio owner: this process if nobody owns it yet (claimed now). */
  async ownerFor(meetingId: string): Promise<string> {
    const key = this.key(meetingId);
    const claimed = await this.redis.set(key, this.instanceId, 'PX', this.ttlMs, 'NX');
    if (claimed === 'OK') {
      this.held.add(meetingId);
      return this.instanceId;
    }
    const owner = await this.redis.get(key);
    if (owner === this.instanceId) this.held.add(meetingId);
    return owner ?? (await this.ownerFor(meetingId));
  }

  /** Runs a request on the owner process; its refusal comes back as the same typed error. */
  async remote(rpc: AudioRpc): Promise<unknown> {
    const responses = await new Promise<Array<Ack<unknown> | null>>((resolve, reject) => {
      // The adapter waits for every other process's answer (or its requestsTimeout, 5 s by default).
      const emitter = this.io as unknown as {
        serverSideEmit: (e: string, rpc: AudioRpc, cb: (err: Error | null, r: Array<Ack<unknown> | null>) => void) => void;
      };
      emitter.serverSideEmit('audio:rpc', rpc, (err, r) => {
        const answer = (r ?? []).find((x) => x !== null);
        if (answer) resolve([answer]);
        else if (err) reject(err);
        else resolve([]);
      });
    }).catch((e: unknown) => {
      this.log.warn({ err: e, meetingId: rpc.meetingId, event: rpc.event }, 'audio owner did not answer');
      return [];
    });
    const answer = responses[0];
    if (!answer) throw new AudioError('audio.unavailable', 'The audio server of this meeting is not reachable');
    if (!answer.ok) throw new AudioError(answer.error.code, answer.error.message);
    return answer.data;
  }

  /** The meeting's room closed here: let another process own it next time. */
  async release(meetingId: string): Promise<void> {
    if (!this.held.delete(meetingId)) return;
    const key = this.key(meetingId);
    if ((await this.redis.get(key)) === this.instanceId) await this.redis.del(key);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const id of [...this.held]) await this.release(id).catch(() => undefined);
    this.redis.disconnect();
  }

  private async renew(): Promise<void> {
    for (const id of this.held) {
      const key = this.key(id);
      try {
        const owner = await this.redis.get(key);
        if (owner === this.instanceId || owner === null) await this.redis.set(key, this.instanceId, 'PX', this.ttlMs);
        else this.held.delete(id); // someone else claimed it after our key expired
      } catch (err) {
        this.log.warn({ err, meetingId: id }, 'could not renew audio ownership');
      }
    }
  }
}

/** Only typed refusals cross processes; anything else is `internal` (details stay in the owner's log). */
function toAckError(e: unknown): { code: AppError['code']; message: string } {
  if (e instanceof AppError) return { code: e.code, message: e.message };
  return { code: 'internal', message: 'Audio request failed' };
}
