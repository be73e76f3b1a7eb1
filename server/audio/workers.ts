/**
 * A pool of mediasoup workers (C++ subprocesses). Routers are placed on the least-loaded worker; a
 * worker that dies is replaced and listeners are told, so the meetings it hosted can re-create their
 * routers on a live worker.
 */
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';

export interface WorkerPoolOptions {
  size: number;
  logLevel: ms.WorkerLogLevel;
  /** Delay before retrying a replacement whose spawn failed (ms). */
  respawnDelayMs?: number;
  /** Called with the error when a worker dies (for logs). */
  onDied?: (pid: number, error: Error) => void;
}

/** `dead` is the worker that died; `replacement` the live worker that took its place. */
export type ReplacedListener = (dead: ms.Worker, replacement: ms.Worker) => void;

export class WorkerPool {
  private readonly workers: ms.Worker[] = [];
  /** Routers per worker: the load measure. An audio router costs about the same as any other. */
  private readonly load = new Map<ms.Worker, number>();
  /**
   * Listener slots per worker (consumers, and a receive transport waiting for its first consumer),
   * reported by the rooms: what "a worker fills" means when a meeting's listeners spread out.
   */
  private readonly consumers = new Map<ms.Worker, number>();
  private readonly replacedListeners = new Set<ReplacedListener>();
  private closed = false;

  constructor(private readonly opts: WorkerPoolOptions) {}

  /** Spawns the workers; rejects if any cannot start (e.g. the worker binary is missing). */
  async start(): Promise<void> {
    if (this.workers.length) return;
    const results = await Promise.allSettled(Array.from({ length: this.opts.size }, () => this.spawn()));
    const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed || this.closed) {
      for (const w of started) w.close();
      if (failed) throw failed.reason;
      return;
    }
    this.workers.push(...started);
  }

  /** The live workers, for diagnostics and tests. */
  list(): readonly ms.Worker[] {
    return this.workers;
  }

  /** Listens for a worker replacement; returns an unsubscribe function. */
  onReplaced(listener: ReplacedListener): () => void {
    this.replacedListeners.add(listener);
    return () => this.replacedListeners.delete(listener);
  }

  /**
   * Creates a router on the least-loaded live worker. Load counts routers; when one closes (meeting
   * ended, or its worker died) the count goes down again.
   */
  async createRouter(options: ms.RouterOptions, on?: ms.Worker): Promise<{ router: ms.Router; worker: ms.Worker }> {
    const worker = on && !on.closed && !on.died ? on : this.leastLoaded();
    const router = await worker.createRouter(options);
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    router.observer.once('close', () => {
      const n = this.load.get(worker);
      if (n !== undefined) this.load.set(worker, Math.max(0, n - 1));
    });
    return { router, worker };
  }

  /** Listener slots on a worker (see `consumers`). */
  consumerLoad(worker: ms.Worker): number {
    return this.consumers.get(worker) ?? 0;
  }

  /** A room reports listener slots it took (+) or gave back (−) on a worker. */
  addConsumerLoad(worker: ms.Worker, delta: number): void {
    if (!this.workers.includes(worker)) return; // a dead worker's slots went with it
    this.consumers.set(worker, Math.max(0, (this.consumers.get(worker) ?? 0) + delta));
  }

  /** The number of routers on a worker. */
  loadOf(worker: ms.Worker): number {
    return this.load.get(worker) ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true; // workers still starting are closed when they arrive (see start, replace)
    for (const w of this.workers.splice(0)) w.close();
    this.load.clear();
    this.consumers.clear();
  }

  private leastLoaded(): ms.Worker {
    let best: ms.Worker | undefined;
    for (const w of this.workers) {
      if (w.closed || w.died) continue;
      if (!best || this.loadOf(w) < this.loadOf(best)) best = w;
    }
    if (!best) throw new Error('No live mediasoup worker');
    return best;
  }

  private async spawn(): Promise<ms.Worker> {
    const worker = await mediasoup.createWorker({ logLevel: this.opts.logLevel });
    this.load.set(worker, 0);
    worker.on('died', (error) => void this.replace(worker, error));
    return worker;
  }

  /** Replaces a dead worker, retrying until a new one starts (or the pool is closed). */
  private async replace(dead: ms.Worker, error: Error): Promise<void> {
    this.opts.onDied?.(dead.pid, error);
    const i = this.workers.indexOf(dead);
    if (i >= 0) this.workers.splice(i, 1);
    this.load.delete(dead);
    this.consumers.delete(dead);
    while (!this.closed) {
      try {
        const replacement = await this.spawn();
        if (this.closed) {
          replacement.close();
          return;
        }
        this.workers.push(replacement);
        for (const l of this.replacedListeners) l(dead, replacement);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, this.opts.respawnDelayMs ?? 1000));
      }
    }
  }
}
