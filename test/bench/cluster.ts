/**
 * Three nodes on Redis: a private redis-server on a free loopback port (the shared one on 6379 is
 * busy with other tests), then fan-out on one Redis-backed node with N clients and on three nodes
 * behind the Redis adapter with 3×N clients spread over them — for Plenary and for bare Socket.IO
 * with the same adapter.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { connectAll, fanout, type Out, type Sizes } from './scenarios.js';
import { Session, type Kind } from './lib/session.js';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Starts `redis-server` without persistence on a free port; resolves with its URL and a stop function. */
export async function privateRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const proc: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const { Redis } = await import('ioredis');
  for (let i = 0; i < 50; i++) {
    const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const up = await r.connect().then(() => true, () => false);
    r.disconnect();
    if (up) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  return {
    url,
    stop: async () => {
      const gone = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await gone;
    },
  };
}

/** One Redis-backed node with `n` clients, then three nodes with 3×`n`; fan-out on each. */
export async function cluster(kind: Kind, n: number, fleets: number, seconds: number, out: Out, sizes: Sizes, redisUrl: string, prof?: string): Promise<void> {
  for (const nodes of [1, 3]) {
    const s = new Session({ kind, n: n * nodes, fleets, nodes, redisUrl, ...(prof && kind === 'plenary' ? { prof } : {}) });
    try {
      await s.start();
      const o: Out = new Map();
      await connectAll(s, o, sizes);
      await s.connectModerator();
      await fanout(s, o, sizes, seconds);
      for (const [k, v] of o) {
        if (k.startsWith('fan-out N=')) out.set(`redis, ${nodes} node${nodes > 1 ? 's' : ''}: ${k}`, v);
        if (k.startsWith('join burst (')) out.set(`redis, ${nodes} node${nodes > 1 ? 's' : ''}: ${k}`, v);
      }
    } catch (e) {
      // A broken cluster session is a finding (recorded), not the end of the benchmark.
      out.set(`redis, ${nodes} node${nodes > 1 ? 's' : ''}: session aborted (1 = yes)`, 1);
      console.log(`[bench] ${kind} cluster ${nodes} node(s) ABORTED: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    } finally {
      await s.stop();
    }
  }
}
