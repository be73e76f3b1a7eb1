/**
 * Commands while the connection is down (issue 12, item 4), at the client-library level: a real
 * server that is stopped and started again on the same port and data, and the real PlenaryClient.
 * A command sent while disconnected is refused at once with `offline` and is never sent later
 * (socket.io would otherwise buffer it and deliver it after the reconnect); once the client has
 * rejoined, commands go through and apply exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
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
