/**
 * The speaking queue end to end through the real server: a moderator and three participants on real
 * socket.io clients, a real SQLite file. The server clock is real time plus an adjustable skew, so a
 * test can let "40 seconds pass" without waiting and still run every part for real.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { orderedQueue, turnRemainingMs, type CommandInput, type MeetingState } from '../../shared/domain/index.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

const clock = { skew: 0, now: () => Date.now() + clock.skew };
let srv: TestServer | null = null;

afterEach(async () => {
  await srv?.stop();
  srv = null;
  clock.skew = 0;
});

async function setup() {
  srv = await startTestServer({ app: { clock } });
  const mod = await connectClient(srv.url, srv.tokens.moderator);
  // government (Egypt), civil society (Colombia), private sector (China)
  const [gov, cs, ps] = await Promise.all(srv.tokens.participants.slice(0, 3).map((t) => connectClient(srv!.url, t)));
  return { srv, mod, gov: gov!, cs: cs!, ps: ps! };
}

/** Sends a command that must be accepted, and waits until `others` have applied it. */
async function ok(by: PlenaryClient, command: CommandInput, ...others: PlenaryClient[]): Promise<void> {
  const ack = await by.send(command);
  if (!ack.ok) throw new Error(`${command.type} refused: ${ack.error.code}`);
  const v = ack.data.version;
  await waitFor(() => [by, ...others].every((c) => c.version >= v), 5_000, `${command.type} applied everywhere`);
}

const line = (s: MeetingState | null) =>
  s ? orderedQueue(s, s.agenda.currentItemId!).map((o) => [o.entry.participantId, o.reason]) : [];
const entryOf = (s: MeetingState | null, pid: string) =>
  s!.queue.lists[s!.agenda.currentItemId!]!.entries.find((e) => e.participantId === pid)!.id;

describe('speaking queue over the wire', () => {
  it('balanced ordering: everyone sees the same order and the reasons for it', async () => {
    const { mod, gov, cs, ps } = await setup();
    const all = [mod, gov, cs, ps];
    await ok(mod, { type: 'queue:setPolicy', policy: 'balanced' }, ...all);
    // The government speaker has already spoken once.
    await ok(gov, { type: 'queue:request' });
    await ok(mod, { type: 'queue:next' });
    clock.skew += 90_000;
    await ok(mod, { type: 'queue:end' });
    // Then asks again first; civil society and the private sector ask after.
    await ok(gov, { type: 'queue:request', note: 'on behalf of the African Group' });
    await ok(cs, { type: 'queue:request' });
    await ok(ps, { type: 'queue:request' }, ...all);
    const expected = [
      ['p-cs-co', 'group_less_time'],
      ['p-ps-cn', 'group_less_time'],
      ['p-gov-eg', 'fcfs'],
    ];
    for (const c of all) expect(line(c.state)).toEqual(expected);
    await ok(mod, { type: 'queue:next' }, ...all);
    for (const c of all) expect(c.state?.queue.current?.participantId).toBe('p-cs-co');
  });

  it('a point of order jumps the list; the moderator refuses a reply with a reason', async () => {
    const { mod, gov, cs, ps } = await setup();
    const all = [mod, gov, cs, ps];
    await ok(gov, { type: 'queue:request' });
    await ok(cs, { type: 'queue:request' });
    await ok(mod, { type: 'queue:next' });
    await ok(ps, { type: 'queue:request', kind: 'point_of_order', note: 'No interpretation into Chinese' }, ...all);
    expect(line(cs.state)[0]).toEqual(['p-ps-cn', 'point_of_order']);
    await ok(cs, { type: 'queue:request', kind: 'reply' }, ...all);
    expect(line(gov.state).map(([p]) => p)).toEqual(['p-ps-cn', 'p-cs-co', 'p-cs-co']);
    await ok(mod, { type: 'queue:refuse', entryId: cs.state!.queue.lists[cs.state!.agenda.currentItemId!]!.entries.find((e) => e.kind === 'reply')!.id, reason: 'Please wait for the debate' }, ...all);
    expect(cs.state!.queue.lists[cs.state!.agenda.currentItemId!]!.refusals.at(-1)).toMatchObject({ participantId: 'p-cs-co', kind: 'reply', reason: 'Please wait for the debate' });
    await ok(mod, { type: 'queue:next' }, ...all);
    expect(ps.state?.queue.current).toMatchObject({ participantId: 'p-ps-cn', kind: 'point_of_order' });
    expect(ps.state?.queue.history.map((t) => t.participantId)).toEqual(['p-gov-eg']);
  });

  it('refusals reach the client as typed errors', async () => {
    const { mod, gov, cs } = await setup();
    const next = await gov.send({ type: 'queue:next' });
    expect(next).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ok(mod, { type: 'queue:close', allowPointsOfOrder: true });
    expect(await cs.send({ type: 'queue:request' })).toMatchObject({ ok: false, error: { code: 'queue.closed' } });
    expect((await cs.send({ type: 'queue:request', kind: 'point_of_order' })).ok).toBe(true);
    expect(await cs.send({ type: 'queue:request', kind: 'point_of_order' })).toMatchObject({ ok: false, error: { code: 'queue.already_requested' } });
    expect(await gov.send({ type: 'queue:withdraw', entryId: entryOf(cs.state, 'p-cs-co') })).toMatchObject({ ok: false, error: { code: 'queue.not_your_entry' } });
    expect(await mod.send({ type: 'queue:undo', version: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('undo of a mistaken "next speaker" reaches every client', async () => {
    const { mod, gov, cs, ps } = await setup();
    const all = [mod, gov, cs, ps];
    await ok(gov, { type: 'queue:request' });
    await ok(cs, { type: 'queue:request' });
    await ok(mod, { type: 'queue:next' }, ...all);
    const before = JSON.stringify(ps.state!.queue);
    await ok(mod, { type: 'queue:next' }, ...all);
    expect(ps.state?.queue.current?.participantId).toBe('p-cs-co');
    await ok(mod, { type: 'queue:undo', version: mod.state!.queue.undo.at(-1)!.version }, ...all);
    for (const c of all) expect(JSON.stringify(c.state!.queue)).toBe(before);
  });

  it("undo is the moderator's own: a participant's later request stays; a conflicting undo is refused and changes nothing", async () => {
    const { mod, gov, cs, ps } = await setup();
    const all = [mod, gov, cs, ps];
    await ok(gov, { type: 'queue:request' });
    await ok(mod, { type: 'queue:next' }, ...all);
    await ok(cs, { type: 'queue:request' }, ...all);
    // The undo button offers the moderator's "next", not the participant's request.
    const top = mod.state!.queue.undo.at(-1)!;
    expect(top).toMatchObject({ action: 'queue:turnStarted', by: mod.me!.participantId });
    await ok(mod, { type: 'queue:undo', version: top.version }, ...all);
    for (const c of all) {
      expect(c.state!.queue.current).toBeNull();
      expect(line(c.state).map(([pid]) => pid)).toEqual(['p-gov-eg', 'p-cs-co']);
    }
    // Nothing of the moderator's is left: the participants' requests are not undoable by them.
    expect(await mod.send({ type: 'queue:undo' })).toMatchObject({ ok: false, error: { code: 'queue.nothing_to_undo' } });

    // "next", then the speaker hands the floor back: undoing "next" would take their hand-back away.
    await ok(mod, { type: 'queue:next' }, ...all);
    await ok(gov, { type: 'queue:yield' }, ...all);
    const before = JSON.stringify(mod.state!.queue);
    expect(await mod.send({ type: 'queue:undo' })).toMatchObject({ ok: false, error: { code: 'queue.undo_conflict' } });
    await ok(ps, { type: 'queue:request' }, ...all);
    expect(JSON.stringify(mod.state!.queue.current)).toBe(JSON.stringify(JSON.parse(before).current));
  });

  it('a server restart mid-turn keeps the countdown: remaining time comes from timestamps', async () => {
    const { srv: first, mod, gov } = await setup();
    await ok(gov, { type: 'queue:request' });
    await ok(mod, { type: 'queue:next' }, gov);
    const startedAt = gov.state!.queue.current!.startedAt;
    expect(turnRemainingMs(gov.state!.queue.current!, gov.now())).toBeGreaterThan(178_000);

    clock.skew += 40_000; // 40 s of speech, during which the server goes down and comes back
    srv = await first.restart();
    const viewer = await connectClient(srv.url, srv.tokens.participants[2]!);
    const cur = viewer.state!.queue.current!;
    expect(cur).toMatchObject({ participantId: 'p-gov-eg', startedAt });
    const remaining = turnRemainingMs(cur, viewer.now());
    expect(remaining).toBeGreaterThan(137_000);
    expect(remaining).toBeLessThanOrEqual(140_500);

    // The restarted server ends the turn with the full duration on record.
    const mod2 = await connectClient(srv.url, srv.tokens.moderator);
    await ok(mod2, { type: 'queue:end' }, viewer);
    const turn = viewer.state!.queue.history[0]!;
    expect(turn.durationMs).toBeGreaterThanOrEqual(40_000);
    expect(turn.durationMs).toBeLessThan(43_000);
  });
});

describe('GET /api/meetings/:id/speakers.csv', () => {
  it('exports every turn for a moderator token, quoted properly; others are refused', async () => {
    const { srv, mod, gov, cs } = await setup();
    await ok(gov, { type: 'queue:request', note: 'on behalf of the African Group' });
    await ok(mod, { type: 'queue:add', speaker: { name: 'Ambassador "Ana" Ruiz, Chile', group: 'government', affiliation: '=Mission of Chile' } });
    await ok(cs, { type: 'queue:request', kind: 'point_of_order' });
    await ok(mod, { type: 'queue:next' }); // point of order first
    clock.skew += 30_000;
    await ok(mod, { type: 'queue:next' });
    clock.skew += 95_000;
    await ok(mod, { type: 'queue:pause' });
    clock.skew += 10_000;
    await ok(mod, { type: 'queue:resume' });
    clock.skew += 5_000;
    await ok(mod, { type: 'queue:next' }); // the floor speaker, still running at export time

    const url = `${srv.url}/api/meetings/${srv.meetingId}/speakers.csv`;
    const res = await fetch(url, { headers: { Authorization: `Bearer ${srv.tokens.moderator}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: spreadsheets then read UTF-8
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
    expect(lines[0]).toBe('item,speaker,group,affiliation,kind,start,end,duration_s,location,paused_s,limit_s,overrun_s,note');
    expect(lines).toHaveLength(4);
    const item = 'Opening and adoption of the agenda';
    expect(lines[1]).toMatch(new RegExp(`^${item},María Fernanda Ríos,civil-society,"Red de Derechos Digitales, Bogotá",point_of_order,\\S+Z,\\S+Z,(29|30|31),remote,0,180,0,$`));
    expect(lines[2]).toMatch(new RegExp(`^${item},Layla Haddad,government,"Ministry of Communications and Information Technology, Egypt",normal,\\S+Z,\\S+Z,(99|100|101),remote,(9|10|11),180,0,on behalf of the African Group$`));
    expect(lines[3]).toMatch(new RegExp(`^${item},"Ambassador ""Ana"" Ruiz, Chile",government,'=Mission of Chile,normal,\\S+Z,,0,in-room,0,180,0,$`));

    const viaQuery = await fetch(`${url}?token=${encodeURIComponent(srv.tokens.moderator)}`);
    expect(viaQuery.status).toBe(200);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: `Bearer ${srv.tokens.participants[0]}` } })).status).toBe(403);
  });
});

describe('projector:joinLink', () => {
  type LinkAck = { ok: true; data: { path: string; expiresAt: number } } | { ok: false; error: { code: string } };
  const ask = (c: PlenaryClient) =>
    (c.socket.timeout(5_000) as unknown as { emitWithAck: (e: string, a: unknown) => Promise<LinkAck> }).emitWithAck('projector:joinLink', {});

  it('gives the projector a participant invite that a phone in the hall can redeem', async () => {
    srv = await startTestServer({ app: { clock } });
    const projector = await connectClient(srv.url, srv.tokens.projector);
    const ack = await ask(projector);
    if (!ack.ok) throw new Error(ack.error.code);
    expect(ack.data.path).toMatch(/^\/join\?t=.+&room=1$/);
    const token = decodeURIComponent(/t=([^&]+)/.exec(ack.data.path)![1]!);
    const phone = await connectClient(srv.url, token, { name: 'Delegate of Chile', group: 'government', affiliation: '', language: 'es', inRoom: true });
    expect(phone.me?.role).toBe('participant');
    expect(phone.state!.participants[phone.me!.participantId!]).toMatchObject({ inRoom: true, present: true });
    const participant = await connectClient(srv.url, srv.tokens.participants[0]!);
    expect(await ask(participant)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
