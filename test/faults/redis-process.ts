/**
 * A redis-server of the suite's own, on a free port with its own temp dir and AOF on (appendfsync
 * everysec, as deployed), so it can be killed and restarted without touching the shared Redis on
 * 6379. Restarting replays its append-only file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { waitFor } from '../helpers/server.js';
import { freePort } from './kit.js';

export class RedisProcess {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(): Promise<RedisProcess> {
    const r = new RedisProcess(await freePort(), mkdtempSync(join(tmpdir(), 'plenary-redis-')));
    await r.up();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server (again) on the same port and dir; resolves when it answers PING. */
  async up(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--protected-mode', 'yes'], {
      stdio: 'ignore',
    });
    await waitFor(async () => {
      const r = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      r.on('error', () => undefined); // not up yet: waitFor asks again
      try {
        await r.connect();
        return (await r.ping()) === 'PONG';
      } finally {
        r.disconnect();
      }
    }, 10_000, 'redis-server answers');
  }

  /** SIGKILL (no goodbye: the AOF written so far is what comes back). */
  async kill(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    c.kill('SIGKILL');
    await waitFor(() => c.exitCode !== null || c.signalCode !== null, 5_000, 'redis-server gone');
  }

  async close(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
