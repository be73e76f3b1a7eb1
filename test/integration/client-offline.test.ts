/**
 * Commands while the connection is down (issue 12, item 4), at the client-library level: a real
 * server that is stopped and started again on the same port and data, and the real PlenaryClient.
 * A command sent while disconnected is refused at once with `offline` and is never sent later
 * (socket.io would otherwise buffer it and deliver it after the reconnect); once the client has
 * rejoined, commands go through and apply exactly once. A command in flight when the connection
 * drops (a TCP proxy that swallows it, then cuts) answers `no_answer` at once, not after the ack
 * timeout, and is not re-sent after the reconnect.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlenaryClient } from '../../client/lib/plenary-client.js';
import type { MeetingState } from '../../shared/domain/index.js';
import { startTestServer, waitFor, type TestServer } from '../helpers/server.js';

let srv: TestServer | null = null;
let client: PlenaryClient | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  client?.close();
  await srv?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  srv = client = dataDir = null;
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

const requestsOf = (s: MeetingState | null, pid: string) =>
  Object.values(s?.queue.lists ?? {}).flatMap((l) => l.entries).filter((e) => e.participantId === pid).length;

describe('commands while the connection is down', () => {
  it('are refused at once with offline, never sent after the reconnect; afterwards they apply exactly once', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'plenary-offline-'));
    const port = String(await freePort());
    srv = await startTestServer({ dataDir, env: { PORT: port } });
    const pid = srv.participantIds[0]!;
    // Not connectClient(): the test server closes those on stop; this one must live through it.
    client = new PlenaryClient({
      url: srv.url,
      token: srv.tokens.participants[0]!,
      ackTimeoutMs: 5_000,
      socketOptions: { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300 },
    });
    await client.connect();
    expect(client.online).toBe(true);

    await srv.stop();
    srv = null;
    await waitFor(() => client!.status === 'reconnecting', 5_000, 'client notices the server is gone');
    expect(client.online).toBe(false);
    const t0 = Date.now();
    const ack = await client.send({ type: 'queue:request' });
    expect(Date.now() - t0).toBeLessThan(200);
    expect(ack).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(client.socket.sendBuffer).toHaveLength(0);

    srv = await startTestServer({ dataDir, env: { PORT: port } });
    await waitFor(() => client!.status === 'connected', 10_000, 'client rejoins');
    // Give a buffered packet every chance to arrive: it must not.
    await new Promise((r) => setTimeout(r, 300));
    const onServer = await srv.service.get(srv.meetingId);
    expect(requestsOf(onServer, pid)).toBe(0);
    expect(requestsOf(client.state, pid)).toBe(0);

    const sent = await client.send({ type: 'queue:request' });
    expect(sent.ok).toBe(true);
    await waitFor(() => requestsOf(client!.state, pid) === 1, 5_000, 'request applied');
    expect(requestsOf(await srv.service.get(srv.meetingId), pid)).toBe(1);
  });
});

/** A loopback TCP proxy to `port` that can swallow what clients send (`hold`) and cut every connection. */
function proxyTo(port: number) {
  const pairs = new Set<[Socket, Socket]>();
  let holding = false;
  const server: Server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (d) => void (holding || upstream.write(d)));
    upstream.on('data', (d) => void client.write(d));
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  return {
    listen: () => new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as { port: number }).port))),
    hold: (on: boolean) => void (holding = on),
    cut: () => {
      for (const [a, b] of [...pairs]) {
        a.destroy();
        b.destroy();
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('a command in flight when the connection drops', () => {
  it('answers no_answer at once, is not re-sent after the reconnect, and the state after the rejoin tells', async () => {
    srv = await startTestServer();
    const proxy = proxyTo(srv.port);
    const via = await proxy.listen();
    try {
      const pid = srv.participantIds[0]!;
      client = new PlenaryClient({
        url: `http://127.0.0.1:${via}`,
        token: srv.tokens.participants[0]!,
        ackTimeoutMs: 10_000,
        socketOptions: { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300 },
      });
      await client.connect();
      proxy.hold(true); // the command leaves the client but never reaches the server
      const t0 = Date.now();
      const pending = client.send({ type: 'queue:request' });
      await new Promise((r) => setTimeout(r, 100));
      proxy.hold(false);
      proxy.cut();
      const ack = await pending;
      expect(ack).toMatchObject({ ok: false, error: { code: 'no_answer' } });
      expect(Date.now() - t0).toBeLessThan(2_000); // not the 10 s ack timeout
      await waitFor(() => client!.status === 'connected', 10_000, 'client rejoins');
      await new Promise((r) => setTimeout(r, 300));
      expect(requestsOf(await srv.service.get(srv.meetingId), pid)).toBe(0);
      expect(requestsOf(client.state, pid)).toBe(0);
    } finally {
      proxy.cut();
      await proxy.close();
    }
  });
});
