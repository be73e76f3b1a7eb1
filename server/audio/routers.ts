/**
 * The routers of one meeting's audio, spread over the worker pool. Every microphone (send
 * transport) is on the **primary** router; listeners' receive transports go to the primary while
 * its worker has room, then to a router on the next worker, created on demand, into which every
 * producer is piped (`router.pipeToRouter`: same producer id there, pause/resume/close follow).
 * So a meeting can have as many listeners as the whole pool serves, not one worker.
 *
 * "Room" on a worker is counted in listener slots (WorkerPool.consumerLoad), against
 * AUDIO_CONSUMERS_PER_WORKER (mediasoup's guidance is about 500 consumers per worker).
 */
import type { types as ms } from 'mediasoup';
import type { WorkerPool } from './workers.js';

export interface Placement {
  router: ms.Router;
  worker: ms.Worker;
}

/** What RoomRouters needs of the pool (the WorkerPool; a narrower type keeps tests honest). */
export type RouterPool = Pick<WorkerPool, 'createRouter' | 'consumerLoad' | 'addConsumerLoad' | 'list'>;

export class RoomRouters {
  private readonly placements: Placement[];

  constructor(
    primary: Placement,
    private readonly pool: RouterPool | null,
    private readonly perWorker: number,
    private readonly routerOptions: ms.RouterOptions,
  ) {
    this.placements = [primary];
  }

  get primary(): Placement {
    return this.placements[0] as Placement;
  }

  /** Every router of the meeting, the primary first. */
  get all(): readonly Placement[] {
    return this.placements;
  }

  /** Whether one of this meeting's routers lives on that worker process. */
  usesWorker(pid: number): boolean {
    return this.placements.some((p) => p.worker.pid === pid);
  }

  /**
   * Where a new receive transport goes: the first of the meeting's routers whose worker has room;
   * else a new router on a worker the meeting does not use yet (the least filled), with every
   * producer piped into it; else (the whole pool is full) the least filled of its routers.
   */
  async forListener(producerIds: readonly string[]): Promise<Placement> {
    const load = (p: Placement) => this.pool?.consumerLoad(p.worker) ?? 0;
    const roomy = this.placements.find((p) => load(p) < this.perWorker);
    if (roomy) return roomy;
    const used = new Set(this.placements.map((p) => p.worker));
    const free = (this.pool?.list() ?? [])
      .filter((w) => !used.has(w) && !w.closed && !w.died)
      .sort((a, b) => (this.pool?.consumerLoad(a) ?? 0) - (this.pool?.consumerLoad(b) ?? 0));
    const target = free[0];
    if (this.pool && target && this.pool.consumerLoad(target) < this.perWorker) {
      const placement = await this.pool.createRouter(this.routerOptions, target);
      this.placements.push(placement);
      for (const id of producerIds) await this.pipeTo(id, placement);
      return placement;
    }
    return [...this.placements].sort((a, b) => load(a) - load(b))[0] as Placement;
  }

  /**
   * Tells the pool how many listener slots a peer now takes on its receive worker (`load`: its
   * consumers, at least one once it has a receive transport; 0 when it leaves).
   */
  report(peer: { loadWorker: ms.Worker | undefined; reportedLoad: number }, load: number): void {
    if (!peer.loadWorker) return;
    const delta = load - peer.reportedLoad;
    if (delta) this.pool?.addConsumerLoad(peer.loadWorker, delta);
    peer.reportedLoad = load;
  }

  /** A new producer on the primary router: pipe it into every other router of the meeting. */
  async pipeEverywhere(producerId: string): Promise<void> {
    for (const p of this.placements.slice(1)) await this.pipeTo(producerId, p);
  }

  close(): void {
    for (const p of this.placements) if (!p.router.closed) p.router.close();
  }

  private async pipeTo(producerId: string, to: Placement): Promise<void> {
    if (to.router.closed) return;
    await this.primary.router.pipeToRouter({ producerId, router: to.router });
  }
}
