/**
 * The foundation end to end: a real server (port 0, real SQLite file) and real socket.io clients.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.stop();
  srv = undefined;
});

describe('foundation', () => {
  it('one client sees the change another one made', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const p = await connectClient(srv.url, srv.tokens.participants[0]!);
    expect(p.state?.info.title).toContain('second meeting');
    const before = p.version;
    const r = await mod.send({ type: 'agenda:add', title: 'Any other business', plannedMinutes: 5 });
    expect(r.ok).toBe(true);
    await waitFor(() => p.state?.agenda.items.some((i) => i.title === 'Any other business'));
    expect(p.version).toBe(before + 1);
    expect(p.version).toBe(mod.version);
  });
});
