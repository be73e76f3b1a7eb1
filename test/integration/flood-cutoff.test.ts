/**
 * Flood control at the socket edge (found by the fault suite, docs/faults.md): the rate limit is
 * per person (or projector/room link), shared by all their connections; a connection that keeps
 * sending while refused is cut off with `session:error rate_limited` and its person may not
 * rejoin for a while; everyone else carries on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

let srv: TestServer;
afterEach(async () => srv?.stop());

describe('flood control', () => {
  it('shares one bucket between the connections of one person', async () => {
    srv = await startTestServer({ env: { RATE_LIMIT_PER_SEC: '1', RATE_LIMIT_BURST: '6' } });
    const token = srv.tokens.participants[0]!;
    const [one, two] = [await connectClient(srv.url, token), await connectClient(srv.url, token)];
    const sync = (c: typeof one) => c.socket.emitWithAck('session:sync', { since: c.version });
    const results = [...(await Promise.all([1, 2, 3].map(() => sync(one)))), ...(await Promise.all([1, 2, 3].map(() => sync(two))))];
    // Six messages over two connections from a bucket of six: the next one is refused on either.
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await sync(two)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect((await connectClient(srv.url, srv.tokens.participants[1]!)).status).toBe('connected');
  });

  it('cuts off a connection that keeps sending while refused, and keeps its person out for a while', async () => {
    srv = await startTestServer({ env: { RATE_LIMIT_PER_SEC: '1', RATE_LIMIT_BURST: '5' } });
    const flooder = await connectClient(srv.url, srv.tokens.participants[0]!);
    const other = await connectClient(srv.url, srv.tokens.participants[1]!);
    const told = new Promise((resolve) => flooder.socket.once('session:error', resolve));
    const acks = await Promise.all(Array.from({ length: 20 }, () => flooder.socket.timeout(2_000).emitWithAck('session:sync', { since: 0 }).catch(() => null)));
    expect(acks.filter((a) => a && !a.ok && a.error.code === 'rate_limited').length).toBeGreaterThan(5);
    expect(await told).toMatchObject({ code: 'rate_limited' });
    await waitFor(() => !flooder.socket.connected, 2_000, 'cut off');
    expect(flooder.status).toBe('failed');
    await expect(connectClient(srv.url, srv.tokens.participants[0]!)).rejects.toMatchObject({ code: 'rate_limited' });
    // Everyone else is unaffected.
    expect((await other.send({ type: 'queue:request' })).ok).toBe(true);
  });
});
