/**
 * A TCP proxy on 127.0.0.1 in front of a server, to give one client a bad network: `drop(ms)` resets
 * its connections and refuses new ones for `ms` (Wi-Fi gone, cable pulled); `stall(ms)` holds
 * every byte in both directions for `ms` and then lets it through (a silent gap: TCP keeps the
 * connection, nobody is told).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class BlipProxy {
  private readonly server: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private downUntil = 0;
  private stalled = false;

  private constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(targetPort: number): Promise<BlipProxy> {
    const p = new BlipProxy(targetPort);
    await new Promise<void>((resolve) => p.server.listen(0, '127.0.0.1', resolve));
    return p;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  private accept(client: Socket): void {
    if (Date.now() < this.downUntil) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(this.targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    for (const [from, to] of [pair, [upstream, client] as [Socket, Socket]]) {
      from.on('data', (d) => {
        to.write(d);
      });
      from.on('error', () => undefined);
      from.on('close', () => {
        to.destroy();
        this.pairs.delete(pair);
      });
    }
    if (this.stalled) for (const s of pair) s.pause();
  }

  /** Resets every connection and refuses new ones for `ms`. */
  drop(ms: number): void {
    this.downUntil = Date.now() + ms;
    for (const [client, upstream] of this.pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  /** Holds all traffic for `ms`; resolves when it flows again. */
  async stall(ms: number): Promise<void> {
    this.stalled = true;
    for (const pair of this.pairs) for (const s of pair) s.pause();
    await new Promise((r) => setTimeout(r, ms));
    this.stalled = false;
    for (const pair of this.pairs) for (const s of pair) s.resume();
  }

  close(): Promise<void> {
    for (const [a, b] of this.pairs) a.destroy(), b.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
