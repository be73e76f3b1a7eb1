/**
 * Removing a participant and revoking an invitation link through the real server: real socket.io
 * clients (client/lib/plenary-client.ts), a real SQLite file, the real HTTP route.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import type { CommandInput } from '../../shared/domain/index.js';
import type { AckError } from '../../shared/protocol.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

let srv: TestServer | null = null;
const raw: Socket[] = [];

afterEach(async () => {
  for (const s of raw.splice(0)) s.close();
  await srv?.stop();
  srv = null;
});

/** Sends a command that must be accepted, and waits until `others` have applied it. */
async function ok(by: PlenaryClient, command: CommandInput, ...others: PlenaryClient[]): Promise<void> {
  const ack = await by.send(command);
  if (!ack.ok) throw new Error(`${command.type} refused: ${ack.error.code}`);
  const v = ack.data.version;
  await waitFor(() => [by, ...others].every((c) => c.version >= v), 5_000, `${command.type} applied everywhere`);
}

/** The error a join is refused with (connectClient rejects with the AckError). */
async function refusedJoin(url: string, token: string, profile?: Parameters<typeof connectClient>[2]): Promise<string> {
  try {
    await connectClient(url, token, profile);
  } catch (e) {
    return (e as AckError).code;
  }
  return 'accepted';
}

/** A bare socket joined with a token, recording what the server tells it. */
async function rawJoin(url: string, token: string) {
  const s: Socket = io(url, { transports: ['websocket'], reconnection: false });
  raw.push(s);
  const seen = { error: null as AckError | null, reason: null as string | null };
  s.on('session:error', (e: AckError) => (seen.error = e));
  s.on('disconnect', (r) => (seen.reason = r));
  const ack = (await s.emitWithAck('session:join', { token })) as { ok: boolean };
  expect(ack.ok).toBe(true);
  return seen;
}

const profile = { name: 'Newcomer', group: 'academia', affiliation: '', language: 'en', inRoom: false } as const;

describe('removing a participant', () => {
  it('tells every socket of theirs why, disconnects them, drops their request and refuses them after', async () => {
    srv = await startTestServer();
    const [pid] = srv.participantIds;
    const token = srv.tokens.participants[0]!;
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const them = await connectClient(srv.url, token);
    const secondTab = await rawJoin(srv.url, token);
    const other = await connectClient(srv.url, srv.tokens.participants[1]!);
    await ok(mod, { type: 'poll:create', question: 'Adopt the outcome document?', kind: 'yes_no_abstain' });
    const pollId = mod.state!.polls.order.at(-1)!;
    await ok(mod, { type: 'poll:open', pollId });
    await ok(them, { type: 'queue:request', note: 'spam' });
    await ok(other, { type: 'queue:request' }, mod);
    const statuses: Array<[string, string | undefined]> = [];
    them.onStatus((st, err) => statuses.push([st, err?.code]));

    await ok(mod, { type: 'participant:remove', participantId: pid!, reason: 'Disruption' }, other);

    await waitFor(() => them.status === 'failed', 5_000, 'removed client failed');
    expect(statuses[0]).toEqual(['failed', 'participant.removed']);
    await waitFor(() => secondTab.reason !== null, 5_000, 'second tab disconnected');
    expect(secondTab.error?.code).toBe('participant.removed');
    expect(secondTab.reason).toBe('io server disconnect');
    // The client library treats it as final: no reconnect, even after its longest retry delay.
    await new Promise((r) => setTimeout(r, 700));
    expect(them.socket.connected).toBe(false);
    expect(them.status).toBe('failed');

    // Everyone else sees them removed, absent, and their request gone; the other request stays.
    const p = mod.state!.participants[pid!]!;
    expect(p).toMatchObject({ removed: true, present: false, removal: { reason: 'Disruption' } });
    expect(other.state!.participants[pid!]!.removal?.reason).toBe(''); // the reason is for moderators
    const list = mod.state!.queue.lists[mod.state!.agenda.currentItemId!]!;
    expect(list.entries.map((e) => e.participantId)).toEqual([srv.participantIds[1]]);

    // Rejoining is refused; so is anything a command of theirs might still try (a racing socket).
    expect(await refusedJoin(srv.url, token)).toBe('participant.removed');
    const actor = { role: 'participant' as const, participantId: pid! };
    const vote = await srv.service.execute(srv.meetingId, { type: 'poll:vote', pollId, choices: ['no'] }, actor);
    expect(!vote.ok && vote.error.code).toBe('participant.removed');
    const request = await srv.service.execute(srv.meetingId, { type: 'queue:request', kind: 'normal', note: '' }, actor);
    expect(!request.ok && request.error.code).toBe('participant.removed');
  });

  it('ends their turn when they hold the floor', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const them = await connectClient(srv.url, srv.tokens.participants[2]!);
    await ok(them, { type: 'queue:request' });
    await ok(mod, { type: 'queue:next' });
    expect(mod.state!.queue.current?.participantId).toBe(srv.participantIds[2]);
    await ok(mod, { type: 'participant:remove', participantId: srv.participantIds[2]! });
    expect(mod.state!.queue.current).toBeNull();
    expect(mod.state!.queue.history.at(-1)).toMatchObject({ participantId: srv.participantIds[2], endReason: 'removed' });
  });

  it('the token of a removed participant no longer downloads the calendar (HTTP checks the state too)', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const token = srv.tokens.participants[3]!;
    const ics = () => fetch(`${srv!.url}/api/meetings/${srv!.meetingId}/meeting.ics?t=${encodeURIComponent(token)}`);
    expect((await ics()).status).toBe(200);
    await ok(mod, { type: 'participant:remove', participantId: srv.participantIds[3]! });
    const refused = await ics();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('participant.removed');
  });

  it('refuses removing oneself and the last moderator', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const chair = mod.me!.participantId!;
    const ack = await mod.send({ type: 'participant:remove', participantId: chair });
    expect(!ack.ok && ack.error.code).toBe('participant.remove_self');
    const participant = await connectClient(srv.url, srv.tokens.participants[0]!);
    const forbidden = await participant.send({ type: 'participant:remove', participantId: srv.participantIds[1]! });
    expect(!forbidden.ok && forbidden.error.code).toBe('forbidden');
  });

  it('restore: the person can join again with the same link and is present', async () => {
    srv = await startTestServer();
    const pid = srv.participantIds[3]!;
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const them = await connectClient(srv.url, srv.tokens.participants[3]!);
    await ok(mod, { type: 'participant:remove', participantId: pid });
    await waitFor(() => them.status === 'failed');
    await ok(mod, { type: 'participant:restore', participantId: pid });
    expect(mod.state!.participants[pid]!.removed).toBe(false);
    const back = await connectClient(srv.url, srv.tokens.participants[3]!);
    await waitFor(() => mod.state!.participants[pid]!.present, 5_000, 'present again');
    await ok(back, { type: 'queue:request' }, mod);
  });
});

describe('revoking an invitation link', () => {
  it('lists minted links; a revoked one is refused with token_revoked, the others still work', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const leaked = await mod.createInvite({ role: 'participant', label: 'Posted on social media' });
    const kept = await mod.createInvite({ role: 'participant' });
    const projector = await mod.createInvite({ role: 'projector' });
    if (!leaked.ok || !kept.ok || !projector.ok) throw new Error('invite:create refused');
    await waitFor(() => Object.keys(mod.state!.invites).length === 3, 5_000, 'invites listed');
    expect(mod.state!.invites[leaked.data.inviteId]).toMatchObject({ role: 'participant', label: 'Posted on social media', revokedAt: null, by: mod.me!.participantId });

    await ok(mod, { type: 'invite:revoke', inviteId: leaked.data.inviteId });
    await ok(mod, { type: 'invite:revoke', inviteId: projector.data.inviteId });
    expect(await refusedJoin(srv.url, leaked.data.token, profile)).toBe('token_revoked');
    expect(await refusedJoin(srv.url, projector.data.token)).toBe('token_revoked');
    // Nobody was registered through the revoked link.
    expect(Object.values(mod.state!.participants).some((p) => p.name === 'Newcomer')).toBe(false);

    const newcomer = await connectClient(srv.url, kept.data.token, profile);
    expect(newcomer.me?.role).toBe('participant');
    // Links minted before ids existed (no id claim) keep working.
    const old = await connectClient(srv.url, srv.tokens.invite, { ...profile, name: 'Old link' });
    expect(old.me?.participantId).toBeTruthy();

    // The join page asks first: the same answers over HTTP.
    const check = async (t: string) => {
      const res = await fetch(`${srv!.url}/api/invites/check?t=${encodeURIComponent(t)}`);
      return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string }; data?: { role: string } } };
    };
    const revoked = await check(leaked.data.token);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error?.code).toBe('token_revoked');
    const good = await check(kept.data.token);
    expect(good.body).toMatchObject({ ok: true, data: { role: 'participant', meetingId: srv.meetingId } });
    // …and names the meeting and its time, for the join form.
    const info = mod.state!.info;
    expect(good.body.data).toMatchObject({ meeting: { title: info.title, kind: info.kind, startsAt: info.startsAt, endsAt: info.endsAt, timeZone: info.timeZone } });
    expect((await check('pl1.forged.token')).body.error?.code).toBe('unauthorized');

    // Revoking an unknown id is a typed refusal; participants may not revoke.
    const unknown = await mod.send({ type: 'invite:revoke', inviteId: 'no-such-link' });
    expect(!unknown.ok && unknown.error.code).toBe('invite.not_found');
    const notMod = await newcomer.send({ type: 'invite:revoke', inviteId: kept.data.inviteId });
    expect(!notMod.ok && notMod.error.code).toBe('forbidden');
  });
});
