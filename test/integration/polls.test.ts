/**
 * Polls through the real server: socket votes with server-made ballot keys, the time limit across a
 * restart, and the CSV export. Real SQLite file, real socket.io clients on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import type { DomainEvent } from '../../shared/domain/index.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

let srv: TestServer | null = null;
afterEach(async () => {
  await srv?.stop();
  srv = null;
});

/** Creates and opens a poll as the moderator; returns its id once every given client sees it open. */
async function openPoll(mod: PlenaryClient, draft: Record<string, unknown>, watchers: PlenaryClient[] = []): Promise<string> {
  const before = new Set(mod.state!.polls.order);
  const created = await mod.send({ type: 'poll:create', question: 'Q?', kind: 'yes_no_abstain', ...draft } as never);
  expect(created).toMatchObject({ ok: true });
  const id = await waitFor(() => mod.state!.polls.order.find((p) => !before.has(p)));
  expect(await mod.send({ type: 'poll:open', pollId: id })).toMatchObject({ ok: true });
  for (const c of [mod, ...watchers]) await waitFor(() => c.state!.polls.byId[id]?.status === 'open');
  return id;
}

describe('polls over sockets', () => {
  it('secret votes: the server keys the ballot, a forged key is ignored, a changed vote replaces', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const [a, b] = await Promise.all(srv.tokens.participants.slice(0, 2).map((t) => connectClient(srv!.url, t)));
    const id = await openPoll(mod, { secret: true }, [a!, b!]);
    const seen: DomainEvent[] = [];
    mod.onChange((_s, events) => seen.push(...events));

    expect(await a!.send({ type: 'poll:vote', pollId: id, choices: ['yes'], ballotKey: 'forged-key-of-someone-else' })).toMatchObject({ ok: true });
    expect(await b!.send({ type: 'poll:vote', pollId: id, choices: ['no'] })).toMatchObject({ ok: true });
    expect(await a!.send({ type: 'poll:vote', pollId: id, choices: ['abstain'] })).toMatchObject({ ok: true });
    // The same vote again: accepted, nothing appended.
    const again = await a!.send({ type: 'poll:vote', pollId: id, choices: ['abstain'] });
    expect(again).toMatchObject({ ok: true });

    await waitFor(() => Object.keys(mod.state!.polls.byId[id]!.ballots).length === 2 && seen.filter((e) => e.type === 'poll:ballotCast').length === 3);
    const poll = mod.state!.polls.byId[id]!;
    expect(Object.keys(poll.ballots)).not.toContain('forged-key-of-someone-else');
    expect(Object.values(poll.ballots).map((x) => x.choices[0]).sort()).toEqual(['abstain', 'no']);
    const json = JSON.stringify([poll, seen]);
    for (const pid of srv.participantIds.slice(0, 2)) expect(json).not.toContain(pid);
  });

  it('refusals carry a reason code: a projector may not vote, a non-eligible group is told why', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const gov = await connectClient(srv.url, srv.tokens.participants[0]!); // government
    const proj = await connectClient(srv.url, srv.tokens.projector);
    const id = await openPoll(mod, { eligibility: { groups: ['academia'] } }, [gov]);
    expect(await gov.send({ type: 'poll:vote', pollId: id, choices: ['yes'] })).toMatchObject({
      ok: false,
      error: { code: 'poll.not_eligible', params: { reason: 'group_not_eligible' } },
    });
    expect(await proj.send({ type: 'poll:vote', pollId: id, choices: ['yes'] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a time limit closes the poll by itself, also after a restart', async () => {
    let offset = 0;
    const clock = { now: () => Date.now() + offset };
    srv = await startTestServer({ app: { clock }, env: { TICK_MS: '50' } });
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const id = await openPoll(mod, { durationSec: 60 });
    srv = await srv.restart();
    offset += 61_000;
    const mod2 = await connectClient(srv.url, srv.tokens.moderator);
    // The server loads the meeting on join; its tick then finds the deadline passed.
    await waitFor(() => mod2.state!.polls.byId[id]?.status === 'closed', 5_000, 'poll closed by time');
    expect(mod2.state!.polls.byId[id]!.closedBy).toBe('time');
  });
});

describe('GET /api/meetings/:id/polls.csv', () => {
  it('lists options, totals, turnout and named votes; no per-voter rows for secret polls; moderators only', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const [gov, cs] = await Promise.all(srv.tokens.participants.slice(0, 2).map((t) => connectClient(srv!.url, t)));
    const named = await openPoll(mod, { question: '=Adopt the hybrid format?' }, [gov!, cs!]);
    const secret = await openPoll(mod, { question: 'Secret straw poll', secret: true }, [gov!, cs!]);
    for (const [c, choice] of [[gov!, 'yes'], [cs!, 'no']] as const) {
      expect(await c.send({ type: 'poll:vote', pollId: named, choices: [choice] })).toMatchObject({ ok: true });
      expect(await c.send({ type: 'poll:vote', pollId: secret, choices: [choice] })).toMatchObject({ ok: true });
    }
    const url = `${srv.url}/api/meetings/${srv.meetingId}/polls.csv`;
    const res = await fetch(url, { headers: { Authorization: `Bearer ${srv.tokens.moderator}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^poll_id,question,kind,ballot,status/);
    const rowsOf = (pollId: string, kind: string) => lines.filter((l) => l.startsWith(`${pollId},`) && l.includes(`,${kind},`));
    expect(rowsOf(named, 'option')).toHaveLength(3);
    expect(rowsOf(named, 'vote')).toHaveLength(2);
    expect(rowsOf(named, 'vote').join('\n')).toContain('Layla Haddad');
    // The label beside the key: "yes,Yes", never the key alone.
    expect(rowsOf(named, 'option').map((l) => /,option,(\w+),(\w+),/.exec(l)?.slice(1).join('='))).toEqual(['yes=Yes', 'no=No', 'abstain=Abstain']);
    expect(rowsOf(secret, 'option')).toHaveLength(3);
    expect(rowsOf(secret, 'turnout')).toHaveLength(1);
    expect(rowsOf(secret, 'vote')).toHaveLength(0);
    expect(lines.filter((l) => l.startsWith(`${secret},`)).join('\n')).not.toMatch(/p-gov-eg|p-cs-co|Layla|María/);
    // A formula-looking question is defused.
    expect(text).toContain(`'=Adopt the hybrid format?`);

    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}?token=${encodeURIComponent(srv.tokens.participants[0]!)}`)).status).toBe(403);
    expect((await fetch(`${url}?token=${encodeURIComponent(srv.tokens.moderator)}`)).status).toBe(200);
  });
});
