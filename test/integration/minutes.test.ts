/**
 * GET /api/meetings/:id/minutes.md against a real server (SQLite in a temp dir): a moderator gets
 * the Markdown minutes of what happened over real sockets; a participant is refused (403), no token
 * is refused (401).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mdEscape } from '../../server/http/markdown.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

let srv: TestServer | null = null;
afterEach(async () => {
  await srv?.stop();
  srv = null;
});

describe('GET /api/meetings/:id/minutes.md', () => {
  it('gives a moderator the minutes as a Markdown download, with turns and poll totals', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const voter = await connectClient(srv.url, srv.tokens.participants[1]!);
    const itemId = mod.state!.agenda.items[0]!.id;
    expect(await mod.send({ type: 'agenda:setCurrent', itemId })).toMatchObject({ ok: true });
    const speakerId = srv.participantIds[0]!;
    expect(await mod.send({ type: 'queue:add', speaker: { participantId: speakerId }, note: 'Opening *remarks*' })).toMatchObject({ ok: true });
    expect(await mod.send({ type: 'queue:next' })).toMatchObject({ ok: true });
    expect(await mod.send({ type: 'queue:end' })).toMatchObject({ ok: true });

    const before = new Set(mod.state!.polls.order);
    expect(await mod.send({ type: 'poll:create', question: 'Minutes poll | named?', kind: 'yes_no_abstain' })).toMatchObject({ ok: true });
    const pollId = await waitFor(() => mod.state!.polls.order.find((p) => !before.has(p)));
    expect(await mod.send({ type: 'poll:open', pollId })).toMatchObject({ ok: true });
    await waitFor(() => voter.state!.polls.byId[pollId]?.status === 'open');
    expect(await voter.send({ type: 'poll:vote', pollId, choices: ['yes'] })).toMatchObject({ ok: true });
    expect(await mod.send({ type: 'poll:close', pollId })).toMatchObject({ ok: true });

    const url = `${srv.url}/api/meetings/${srv.meetingId}/minutes.md`;
    const res = await fetch(url, { headers: { Authorization: `Bearer ${srv.tokens.moderator}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="minutes-${srv.meetingId}.md"`);
    const md = await res.text();
    const state = await srv.service.get(srv.meetingId);
    expect(md.startsWith(`# Minutes: ${mdEscape(state.info.title)}\n`)).toBe(true);
    expect(md).toContain('## Attendance');
    expect(md).toContain(`## 1. ${mdEscape(state.agenda.items[0]!.title)}`);
    const speaker = state.participants[speakerId]!;
    expect(md).toMatch(new RegExp(`\\| ${mdEscape(speaker.name).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')} \\| Normal \\|.*\\| Opening \\\\\\*remarks\\\\\\* \\|`));
    expect(md).toContain('#### Poll: Minutes poll \\| named?');
    expect(md).toContain('| Yes | 1 | 100% |');
    expect(md).toContain('## Speaking time by stakeholder group');

    // The query forms a download link uses.
    expect((await fetch(`${url}?token=${encodeURIComponent(srv.tokens.moderator)}`)).status).toBe(200);
    expect((await fetch(`${url}?t=${encodeURIComponent(srv.tokens.moderator)}`)).status).toBe(200);
  });

  it('refuses a participant (403) and a request without a token (401)', async () => {
    srv = await startTestServer();
    const url = `${srv.url}/api/meetings/${srv.meetingId}/minutes.md`;
    const participant = await fetch(url, { headers: { Authorization: `Bearer ${srv.tokens.participants[0]}` } });
    expect(participant.status).toBe(403);
    expect(await participant.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
