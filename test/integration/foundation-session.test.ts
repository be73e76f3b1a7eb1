/**
 * Sessions over time: reconnect catch-up, restart on the same file, invites, presence.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/index.js';
import type { JoinProfile } from '../../shared/protocol.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.stop();
  srv = undefined;
});

const newcomer: JoinProfile = { name: 'Nadia Benali', group: 'academia', affiliation: 'Université de Tunis', language: 'ar', inRoom: false };

describe('reconnect and restart', () => {
  it('a client that missed a few events gets exactly those events after reconnecting', async () => {
    srv = await startTestServer({ presenceGraceMs: 5_000 }); // the drop is shorter than the grace
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const p = await connectClient(srv.url, srv.tokens.participants[2]!);
    const received: DomainEvent[][] = [];
    p.onChange((_s, events) => received.push(events));
    const gone = new Promise((r) => p.socket.once('disconnect', r));
    p.socket.io.engine.close(); // network drop: socket.io reconnects by itself
    await gone;
    for (const title of ['Missed one', 'Missed two', 'Missed three']) {
      expect((await mod.send({ type: 'agenda:add', title, plannedMinutes: 3 })).ok).toBe(true);
    }
    await waitFor(() => p.status === 'connected' && p.version === mod.version);
    expect(p.state).toEqual(mod.state);
    // Caught up with the three events themselves, not a snapshot (a snapshot notifies with []).
    expect(received.flat().map((e) => e.type)).toEqual(['agenda:itemAdded', 'agenda:itemAdded', 'agenda:itemAdded']);
    expect(received.some((batch) => batch.length === 0)).toBe(false);
  });

  it('a client too far behind gets a snapshot instead', async () => {
    srv = await startTestServer({ env: { CATCHUP_MAX_EVENTS: '2' } });
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const since = mod.version;
    for (let i = 0; i < 3; i++) await mod.send({ type: 'agenda:add', title: `Item ${i}`, plannedMinutes: 3 });
    const r = await mod.socket.emitWithAck('session:sync', { since });
    expect(r.ok && r.data.kind).toBe('snapshot');
    const near = await mod.socket.emitWithAck('session:sync', { since: mod.version - 1 });
    expect(near.ok && near.data.kind === 'events' && near.data.events.map((e) => e.v)).toEqual([mod.version]);
  });

  it('a server stopped and restarted on the same file keeps every acked change, and tokens stay valid', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    for (let i = 0; i < 5; i++) {
      expect((await mod.send({ type: 'agenda:add', title: `Acked ${i}`, plannedMinutes: 2 })).ok).toBe(true);
    }
    const acked = mod.state!;
    const token = srv.tokens.moderator;
    srv = await srv.restart();
    const again = await connectClient(srv.url, token);
    // Presence moved (reset on start, then this join), everything else is as acked.
    const strip = (s: typeof acked) => ({ ...s, version: 0, participants: {} });
    expect(strip(again.state!)).toEqual(strip(acked));
    expect(again.state!.agenda.items.map((i) => i.title)).toEqual(acked.agenda.items.map((i) => i.title));
  });
});

describe('invites', () => {
  it('an invite join registers a participant and the returned token rejoins as the same person', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const inv = await mod.createInvite({ role: 'participant' });
    expect(inv.ok).toBe(true);
    if (!inv.ok) return;
    expect(inv.data.path).toMatch(/^\/join\?t=/);
    const a = await connectClient(srv.url, inv.data.token, newcomer);
    const id = a.me!.participantId!;
    expect(id).toBeTruthy();
    expect(a.token).not.toBe(inv.data.token); // personal member token
    expect(a.state!.participants[id]).toMatchObject({ name: 'Nadia Benali', group: 'academia', language: 'ar', role: 'participant', present: true });
    await waitFor(() => mod.state!.participants[id]?.present === true);
    const again = await connectClient(srv.url, a.token);
    expect(again.me).toEqual({ meetingId: srv.meetingId, role: 'participant', participantId: id });
    expect(Object.keys(again.state!.participants).length).toBe(Object.keys(a.state!.participants).length);
  });

  it('an invite without a profile is refused with bad_request; participants cannot mint invites', async () => {
    srv = await startTestServer();
    await expect(connectClient(srv.url, srv.tokens.invite)).rejects.toMatchObject({ code: 'bad_request' });
    const p = await connectClient(srv.url, srv.tokens.participants[0]!);
    expect(await p.createInvite({ role: 'participant' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('projector, room and moderator invites open the right views with the right identity', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const proj = await mod.createInvite({ role: 'projector', ttlHours: 2 });
    if (!proj.ok) throw new Error(proj.error.message);
    expect(proj.data.path).toBe(`/m/${srv.meetingId}/projector?t=${encodeURIComponent(proj.data.token)}`);
    expect(proj.data.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
    const screen = await connectClient(srv.url, proj.data.token);
    expect(screen.me).toEqual({ meetingId: srv.meetingId, role: 'projector', participantId: null });
    expect(await screen.send({ type: 'agenda:setCurrent', itemId: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const room = await connectClient(srv.url, srv.tokens.room);
    expect(room.me?.role).toBe('room');
    const co = await mod.createInvite({ role: 'moderator' });
    if (!co.ok) throw new Error(co.error.message);
    const cochair = await connectClient(srv.url, co.data.token, { ...newcomer, name: 'Co-chair', group: 'government' });
    expect(cochair.me?.role).toBe('moderator');
    expect((await cochair.send({ type: 'agenda:add', title: 'From the co-chair', plannedMinutes: 5 })).ok).toBe(true);
  });
});

describe('presence', () => {
  it('present while a socket is joined; absent after the grace once the last one left; a reload does not flap', async () => {
    srv = await startTestServer({ presenceGraceMs: 300 });
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const pid = srv.participantIds[3]!;
    expect(mod.state!.participants[pid]!.present).toBe(false);
    const tab1 = await connectClient(srv.url, srv.tokens.participants[3]!);
    await waitFor(() => mod.state!.participants[pid]!.present);
    const tab2 = await connectClient(srv.url, srv.tokens.participants[3]!);
    tab1.close();
    await new Promise((r) => setTimeout(r, 400));
    expect(mod.state!.participants[pid]!.present).toBe(true); // another tab is still there

    const flips: boolean[] = [];
    mod.onChange((s, evs) => evs.forEach((e) => e.type === 'participant:presenceChanged' && flips.push(s.participants[pid]!.present)));
    tab2.close();
    const reload = await connectClient(srv.url, srv.tokens.participants[3]!); // within the grace
    await new Promise((r) => setTimeout(r, 400));
    expect(flips).toEqual([]);
    reload.close();
    await waitFor(() => mod.state!.participants[pid]!.present === false);
  });

  it('on start, everybody the log says is present is marked absent', async () => {
    srv = await startTestServer({ presenceGraceMs: 60_000 });
    const p = await connectClient(srv.url, srv.tokens.participants[0]!);
    await waitFor(async () => (await srv!.service.get(srv!.meetingId)).participants[srv!.participantIds[0]!]!.present);
    p.close();
    srv = await srv.restart();
    const state = await srv.service.get(srv.meetingId);
    expect(Object.values(state.participants).filter((x) => x.present)).toEqual([]);
  });
});
