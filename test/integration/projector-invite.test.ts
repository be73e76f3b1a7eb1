/**
 * The projector's QR join link is a recorded invite: moderators see it among the active links and
 * can revoke it; reloads reuse it rather than piling up records; after a revoke the projector gets
 * a fresh link that works. Real server (real SQLite file), real socket.io clients. The server clock
 * is real time plus an adjustable skew, to reach the end of a link's reuse window.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { activeInvites } from '../../shared/domain/index.js';
import type { AckError } from '../../shared/protocol.js';
import { JOIN_LINK_LABEL, JOIN_LINK_TTL_MS, type JoinLinkResult } from '../../server/queue/join-link.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

const clock = { skew: 0, now: () => Date.now() + clock.skew };
let srv: TestServer | null = null;

afterEach(async () => {
  clock.skew = 0;
  await srv?.stop();
  srv = null;
});

type LinkAck = { ok: true; data: JoinLinkResult } | { ok: false; error: { code: string } };
async function ask(c: PlenaryClient): Promise<JoinLinkResult> {
  const ack = await (c.socket.timeout(5_000) as unknown as { emitWithAck: (e: string, a: unknown) => Promise<LinkAck> }).emitWithAck('projector:joinLink', {});
  if (!ack.ok) throw new Error(ack.error.code);
  return ack.data;
}
const tokenOf = (path: string) => decodeURIComponent(/t=([^&]+)/.exec(path)![1]!);
const phone = { name: 'Delegate in the hall', group: 'government', affiliation: '', language: 'en', inRoom: true } as const;

describe('the projector QR link as a recorded invite', () => {
  it('is listed for moderators, reused on reload, refused once revoked, and replaced by a working one', async () => {
    srv = await startTestServer({ app: { clock } });
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const projector = await connectClient(srv.url, srv.tokens.projector);
    const before = Object.keys(mod.state!.invites).length;

    const first = await ask(projector);
    expect(first.path).toMatch(/^\/join\?t=.+&room=1$/);
    await waitFor(() => mod.state!.invites[first.inviteId], 5_000, 'listed');
    expect(mod.state!.invites[first.inviteId]).toMatchObject({ role: 'participant', label: JOIN_LINK_LABEL, by: null, revokedAt: null, expiresAt: first.expiresAt });
    expect(activeInvites(mod.state!, clock.now())[0]?.id).toBe(first.inviteId);
    expect(first.expiresAt - clock.now()).toBeGreaterThan(JOIN_LINK_TTL_MS - 60_000);
    // The projector sees the record too (without the label: that is for moderators).
    await waitFor(() => projector.state!.invites[first.inviteId]);
    expect(projector.state!.invites[first.inviteId]!.label).toBe('');

    // Reloads and a second projector (even at the same moment) get the same link: one record.
    const second = await connectClient(srv.url, srv.tokens.projector);
    const again = await Promise.all([ask(projector), ask(second), ask(second)]);
    expect(again.map((r) => r.inviteId)).toEqual([first.inviteId, first.inviteId, first.inviteId]);
    expect(again[0]!.expiresAt).toBe(first.expiresAt);
    expect(Object.keys(mod.state!.invites)).toHaveLength(before + 1);
    const hall = await connectClient(srv.url, tokenOf(again[1]!.path), phone);
    expect(hall.me?.role).toBe('participant');

    // Revoked: a join with it is refused; the projector sees the revoke and gets a new link.
    const revoke = await mod.send({ type: 'invite:revoke', inviteId: first.inviteId });
    expect(revoke.ok).toBe(true);
    await waitFor(() => typeof projector.state!.invites[first.inviteId]?.revokedAt === 'number', 5_000, 'projector sees the revoke');
    const refused = await connectClient(srv.url, tokenOf(first.path), phone).then(() => 'accepted', (e: AckError) => e.code);
    expect(refused).toBe('token_revoked');
    const fresh = await ask(projector);
    expect(fresh.inviteId).not.toBe(first.inviteId);
    await waitFor(() => mod.state!.invites[fresh.inviteId]?.label === JOIN_LINK_LABEL, 5_000, 'new link listed');
    const late = await connectClient(srv.url, tokenOf(fresh.path), { ...phone, name: 'Late delegate' });
    expect(late.me?.role).toBe('participant');
    expect(late.state!.participants[late.me!.participantId!]).toMatchObject({ inRoom: true, present: true });
  });

  it('rotates deliberately: a link with an hour or less left is replaced, not handed out again', async () => {
    srv = await startTestServer({ app: { clock } });
    const projector = await connectClient(srv.url, srv.tokens.projector);
    const first = await ask(projector);
    clock.skew += JOIN_LINK_TTL_MS - 2 * 3_600_000; // two hours left: still reused
    expect((await ask(projector)).inviteId).toBe(first.inviteId);
    clock.skew += 3_600_000 + 1_000; // under an hour left: a new one
    const rotated = await ask(projector);
    expect(rotated.inviteId).not.toBe(first.inviteId);
    expect(rotated.expiresAt).toBeGreaterThan(first.expiresAt);
    expect((await ask(projector)).inviteId).toBe(rotated.inviteId);
  });

  it('participants may not ask for it', async () => {
    srv = await startTestServer();
    const p = await connectClient(srv.url, srv.tokens.participants[0]!);
    await expect(ask(p)).rejects.toThrow('forbidden');
  });
});
