/**
 * MAX_CONNECTIONS_PER_TOKEN: one person (or one projector/room link) holds at most that many joined
 * connections per process; the next join gets `too_many_connections` and changes nothing; closing
 * one frees a place; other people and other links are not affected; an invite link shared by many
 * newcomers is not capped (each newcomer becomes a person of their own).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

let srv: TestServer;
afterEach(async () => srv?.stop());

describe('connections per token', () => {
  it('refuses the connection past the cap with too_many_connections, and frees the place on leave', async () => {
    srv = await startTestServer({ env: { MAX_CONNECTIONS_PER_TOKEN: '2' } });
    const token = srv.tokens.participants[0]!;
    const first = await connectClient(srv.url, token);
    await connectClient(srv.url, token);
    const before = (await srv.service.get(srv.meetingId)).version;
    await expect(connectClient(srv.url, token)).rejects.toMatchObject({ code: 'too_many_connections', params: { max: 2 } });
    expect((await srv.service.get(srv.meetingId)).version).toBe(before);
    // Someone else, and the projector link twice, are not affected.
    await connectClient(srv.url, srv.tokens.participants[1]!);
    await connectClient(srv.url, srv.tokens.projector);
    await connectClient(srv.url, srv.tokens.projector);
    await expect(connectClient(srv.url, srv.tokens.projector)).rejects.toMatchObject({ code: 'too_many_connections' });
    first.close();
    await waitFor(async () => {
      try {
        await connectClient(srv.url, token);
        return true;
      } catch {
        return false;
      }
    }, 5_000, 'a place freed');
  });

  it('does not cap an invite link shared by many newcomers', async () => {
    srv = await startTestServer({ env: { MAX_CONNECTIONS_PER_TOKEN: '1' } });
    for (let i = 0; i < 3; i++) {
      const c = await connectClient(srv.url, srv.tokens.invite, { name: `Newcomer ${i}`, group: 'academia', affiliation: '', language: 'en', inRoom: false });
      expect(c.me!.participantId).toBeTruthy();
    }
  });
});
