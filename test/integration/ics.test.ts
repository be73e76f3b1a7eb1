/**
 * GET /api/meetings/:id/meeting.ics against a real server (SQLite in a temp dir): every member role
 * of the meeting gets the calendar; no token, a bad token, an invite or another meeting's token do
 * not; the content follows a moderator's meeting:update.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, type TestServer } from '../helpers/server.js';
import { MEMBER_TTL_MS } from '../../server/tokens.js';

let srv: TestServer | null = null;
afterEach(async () => {
  await srv?.stop();
  srv = null;
});

const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');

describe('GET /api/meetings/:id/meeting.ics', () => {
  it('gives any member of the meeting one VEVENT in UTC with the agenda, and follows meeting:update', async () => {
    srv = await startTestServer();
    const url = `${srv.url}/api/meetings/${srv.meetingId}/meeting.ics`;
    const res = await fetch(url, { headers: { Authorization: `Bearer ${srv.tokens.participants[0]}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${srv.meetingId}.ics"`);
    const text = await res.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const l of text.split('\r\n')) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    const lines = unfold(text).split('\r\n');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toContain(`UID:${srv.meetingId}@plenary`);
    // The seeded third meeting: 29 January 2021, 14:00–16:00 Zurich (CET) = 13:00–15:00 UTC.
    expect(lines).toContain('DTSTART:20210129T130000Z');
    expect(lines.find((l) => l.startsWith('DTEND:'))).toMatch(/^DTEND:20210129T\d{6}Z$/);
    const state = await srv.service.get(srv.meetingId);
    expect(lines).toContain(`SUMMARY:${state.info.title.replace(/([,;\\])/g, '\\$1')}`);
    const desc = lines.find((l) => l.startsWith('DESCRIPTION:'))!;
    const first = state.agenda.items[0]!;
    expect(desc).toContain(`\\n1. ${first.title.replace(/([,;\\])/g, '\\$1')} (${first.plannedMinutes} min)`);
    expect(desc).toContain(`${state.agenda.items.length}. `);

    // Every member role may fetch it, by header or query.
    for (const token of [srv.tokens.moderator, srv.tokens.projector, srv.tokens.room, srv.tokens.participants[3]!]) {
      expect((await fetch(`${url}?t=${encodeURIComponent(token)}`)).status).toBe(200);
    }

    // A moderator's change shows in the next download; the UID stays.
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const ack = await mod.send({
      type: 'meeting:update',
      changes: { title: 'Renamed, with a comma', startsAt: '2021-01-29T15:30:00+01:00', endsAt: '2021-01-29T17:00:00+01:00' },
    });
    expect(ack.ok).toBe(true);
    const again = unfold(await (await fetch(`${url}?token=${encodeURIComponent(srv.tokens.participants[1]!)}`)).text()).split('\r\n');
    expect(again).toContain('SUMMARY:Renamed\\, with a comma');
    expect(again).toContain('DTSTART:20210129T143000Z');
    expect(again).toContain('DTEND:20210129T160000Z');
    expect(again).toContain(`UID:${srv.meetingId}@plenary`);
  });

  it('refuses without a valid member token of this meeting (401 / 403), as JSON error codes', async () => {
    srv = await startTestServer();
    const url = `${srv.url}/api/meetings/${srv.meetingId}/meeting.ics`;

    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const garbage = await fetch(url, { headers: { Authorization: 'Bearer pl1.not.valid' } });
    expect(garbage.status).toBe(401);

    // A forged signature: a real token with its last character changed.
    const real = srv.tokens.participants[0]!;
    const forged = real.slice(0, -1) + (real.endsWith('A') ? 'B' : 'A');
    expect((await fetch(`${url}?token=${encodeURIComponent(forged)}`)).status).toBe(401);

    // An invite is not a member token.
    const invite = await fetch(`${url}?token=${encodeURIComponent(srv.tokens.invite)}`);
    expect(invite.status).toBe(403);
    expect(await invite.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // A member of another meeting may not read this one.
    const other = srv.app.tokens.sign({
      kind: 'member',
      meetingId: 'wsis2021-m1',
      participantId: 'chair-m1',
      role: 'moderator',
      exp: srv.app.clock.now() + MEMBER_TTL_MS,
    });
    expect((await fetch(`${url}?token=${encodeURIComponent(other)}`)).status).toBe(403);
    // …but it gets its own meeting.
    const own = await fetch(`${srv.url}/api/meetings/wsis2021-m1/meeting.ics?token=${encodeURIComponent(other)}`);
    expect(own.status).toBe(200);
    expect(unfold(await own.text())).toContain('\r\nDTSTART:20200909T130000Z\r\n');

    // An expired token.
    const expired = srv.app.tokens.sign({
      kind: 'member',
      meetingId: srv.meetingId,
      participantId: srv.participantIds[0]!,
      role: 'participant',
      exp: srv.app.clock.now() - 1,
    });
    expect((await fetch(`${url}?token=${encodeURIComponent(expired)}`)).status).toBe(401);
  });
});
