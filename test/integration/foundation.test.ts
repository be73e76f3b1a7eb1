/**
 * The foundation end to end: a real server (port 0, real SQLite file) and real socket.io clients.
 * Commands, validation and the typed errors of the socket edge.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { MAX_FRAME_BYTES, MAX_PAYLOAD_BYTES } from '../../shared/protocol.js';

let srv: TestServer;
const raw: Socket[] = [];
beforeEach(async () => {
  srv = await startTestServer();
});
afterEach(async () => {
  for (const s of raw.splice(0)) s.disconnect();
  await srv.stop();
});

/** A bare socket.io connection (no PlenaryClient), for sending what a good client never would. */
async function rawSocket(): Promise<Socket> {
  const s = io(srv.url, { transports: ['websocket'], reconnection: false });
  raw.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}

describe('commands and broadcast', () => {
  it('one client sees the change another one made, at the same version', async () => {
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const p = await connectClient(srv.url, srv.tokens.participants[0]!);
    expect(p.state?.info.title).toContain('second meeting');
    const before = p.version;
    const r = await mod.send({ type: 'agenda:add', title: 'Any other business', plannedMinutes: 5 });
    expect(r).toEqual({ ok: true, data: { version: before + 1 } });
    await waitFor(() => p.state?.agenda.items.some((i) => i.title === 'Any other business'));
    expect(p.version).toBe(before + 1);
    expect(p.state).toEqual(mod.state);
  });

  it('the joined state is the seeded demo: six groups, a chair, a current agenda item', async () => {
    const p = await connectClient(srv.url, srv.tokens.participants[1]!);
    const s = p.state!;
    expect(s.info.kind).toBe('hybrid');
    expect(s.info.timeZone).toBe('Europe/Zurich');
    expect(new Set(Object.values(s.participants).map((x) => x.group)).size).toBe(6);
    expect(Object.values(s.participants).filter((x) => x.role === 'moderator')).toHaveLength(1);
    expect(s.agenda.currentItemId).toBe(s.agenda.items[0]!.id);
    expect(p.me).toEqual({ meetingId: srv.meetingId, role: 'participant', participantId: srv.participantIds[1] });
  });

  it("a participant's forbidden command is refused and changes nothing", async () => {
    const p = await connectClient(srv.url, srv.tokens.participants[0]!);
    const before = p.version;
    const r = await p.send({ type: 'agenda:add', title: 'Mine', plannedMinutes: 5 });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await srv.service.get(srv.meetingId)).version).toBe(before);
  });

  it('a participant may change their own profile but not somebody else’s', async () => {
    const p = await connectClient(srv.url, srv.tokens.participants[0]!);
    const mine = await p.send({ type: 'participant:update', participantId: srv.participantIds[0]!, changes: { language: 'fr' } });
    expect(mine.ok).toBe(true);
    const other = await p.send({ type: 'participant:update', participantId: srv.participantIds[1]!, changes: { language: 'fr' } });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a domain refusal comes back with its code', async () => {
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const r = await mod.send({ type: 'agenda:remove', itemId: 'nope' });
    expect(r).toMatchObject({ ok: false, error: { code: 'agenda.item_not_found' } });
  });

  it('expectedVersion behind the meeting gives conflict', async () => {
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const r = await mod.send({ type: 'agenda:add', title: 'Late', plannedMinutes: 5 }, mod.version - 1);
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const ok = await mod.send({ type: 'agenda:add', title: 'On time', plannedMinutes: 5 }, mod.version);
    expect(ok.ok).toBe(true);
  });
});

describe('validation and typed errors at the edge', () => {
  it('a malformed command gets bad_request naming the field, and the version does not move', async () => {
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const before = (await srv.service.get(srv.meetingId)).version;
    const emit = mod.socket as unknown as Socket;
    const r = await emit.emitWithAck('command', { command: { type: 'agenda:add', title: 42, plannedMinutes: 5 } });
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('bad_request');
    expect(r.error.message).toContain('command.title');
    const unknownType = await emit.emitWithAck('command', { command: { type: 'agenda:explode' } });
    expect(unknownType.error.code).toBe('bad_request');
    const notAnObject = await emit.emitWithAck('command', 'hello');
    expect(notAnObject.error.code).toBe('bad_request');
    expect((await srv.service.get(srv.meetingId)).version).toBe(before);
    expect(r.error.message).not.toMatch(/at .*\.ts/); // no stack trace
  });

  it('an unknown event gets unknown_event', async () => {
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const r = await (mod.socket as unknown as Socket).emitWithAck('meeting:explode', { x: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
  });

  it('events before join get unauthorized; a missing ack is tolerated', async () => {
    const s = await rawSocket();
    const r = await s.emitWithAck('command', { command: { type: 'agenda:setCurrent', itemId: null } });
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    s.emit('session:sync', { since: 0 }); // no ack: must not crash anything
    s.emit('session:join', { token: srv.tokens.moderator }); // join without ack still joins
    await waitFor(async () => (await s.emitWithAck('session:sync', { since: 0 })).ok);
  });

  it('invalid and expired tokens get unauthorized and token_expired', async () => {
    await expect(connectClient(srv.url, 'pl1.not-a.token')).rejects.toMatchObject({ code: 'unauthorized' });
    const forged = srv.tokens.moderator.slice(0, -3) + (srv.tokens.moderator.endsWith('AAA') ? 'BBB' : 'AAA');
    await expect(connectClient(srv.url, forged)).rejects.toMatchObject({ code: 'unauthorized' });
    const expired = srv.app.tokens.sign({ kind: 'member', meetingId: srv.meetingId, participantId: srv.participantIds[0]!, role: 'participant', exp: Date.now() - 1000 });
    await expect(connectClient(srv.url, expired)).rejects.toMatchObject({ code: 'token_expired' });
    const nowhere = srv.app.tokens.sign({ kind: 'member', meetingId: 'no-such-meeting', participantId: null, role: 'projector', exp: Date.now() + 60_000 });
    await expect(connectClient(srv.url, nowhere)).rejects.toMatchObject({ code: 'not_found' });
    const ghost = srv.app.tokens.sign({ kind: 'member', meetingId: srv.meetingId, participantId: 'ghost', role: 'participant', exp: Date.now() + 60_000 });
    await expect(connectClient(srv.url, ghost)).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('a malformed join gets bad_request', async () => {
    const s = await rawSocket();
    const r = await s.emitWithAck('session:join', { token: 5 });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(r.error.message).toContain('token');
  });

  it('a payload over MAX_PAYLOAD_BYTES gets payload_too_large and changes nothing; one over MAX_FRAME_BYTES closes the connection', async () => {
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const before = mod.version;
    const big = await mod.send({ type: 'agenda:add', title: 'x'.repeat(40_000), plannedMinutes: 5 });
    expect(big).toMatchObject({ ok: false, error: { code: 'payload_too_large', params: { max: MAX_PAYLOAD_BYTES } } });
    expect(mod.socket.connected).toBe(true);
    const disconnected = new Promise((resolve) => mod.socket.once('disconnect', resolve));
    mod.socket.emit('command', { command: { type: 'agenda:add', title: 'x'.repeat(MAX_FRAME_BYTES + 1), plannedMinutes: 5 } } as never, () => undefined);
    await disconnected;
    expect((await srv.service.get(srv.meetingId)).version).toBe(before);
  });
});
