/**
 * Who receives what, over real sockets: a participant's raw `meeting:events`, join snapshot and
 * resync never carry a choice of an open `on_close` poll nor anybody's named vote; after the close
 * the participant, the projector and the moderator show the same results; the moderator sees live
 * tallies all along. Real server on 127.0.0.1, real SQLite file, real socket.io clients.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { pollResults, visibleResults, type VersionedEvent } from '../../shared/domain/index.js';
import type { Ack, Catchup, ClientToServerEvents, JoinResult, ServerToClientEvents } from '../../shared/protocol.js';
import { connectClient, startTestServer, versionsCovered, votesCounted, waitFor, type TestServer } from '../helpers/server.js';

type Raw = Socket<ServerToClientEvents, ClientToServerEvents>;

let srv: TestServer | null = null;
const raws: Raw[] = [];
afterEach(async () => {
  for (const r of raws.splice(0)) r.disconnect();
  await srv?.stop();
  srv = null;
});

function emitAck<T>(s: Raw, event: 'command' | 'session:join' | 'session:sync', payload: unknown): Promise<Ack<T>> {
  const t = s.timeout(5_000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Ack<T>> };
  return t.emitWithAck(event, payload);
}

/** A bare socket.io connection that joins and records every raw `meeting:events` batch. */
async function rawJoin(url: string, token: string): Promise<{ socket: Raw; join: JoinResult; events: VersionedEvent[] }> {
  const socket: Raw = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  raws.push(socket);
  const events: VersionedEvent[] = [];
  socket.on('meeting:events', (b) => events.push(...b.events));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const r = await emitAck<JoinResult>(socket, 'session:join', { token });
  if (!r.ok) throw new Error(r.error.message);
  return { socket, join: r.data, events };
}

/** Creates and opens a poll; returns its id once every watcher sees it open. */
async function openPoll(mod: PlenaryClient, draft: Record<string, unknown>, watchers: PlenaryClient[]): Promise<string> {
  const before = new Set(mod.state!.polls.order);
  expect(await mod.send({ type: 'poll:create', question: 'Adopt?', kind: 'yes_no_abstain', ...draft } as never)).toMatchObject({ ok: true });
  const id = await waitFor(() => mod.state!.polls.order.find((p) => !before.has(p)));
  expect(await mod.send({ type: 'poll:open', pollId: id })).toMatchObject({ ok: true });
  for (const c of [mod, ...watchers]) await waitFor(() => c.state!.polls.byId[id]?.status === 'open');
  return id;
}

/** Anything that would pair a voter with a choice, or show a choice at all. */
const CHOICE_OR_BALLOT = /"choices"|"ballotKey"|"poll:voted"|"poll:ballotCast"/;

describe('who receives what', () => {
  it('a participant never receives choices of an open on_close poll nor named votes of others; after close everyone shows the same results', async () => {
    srv = await startTestServer();
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const [gov, cs, ps] = await Promise.all(srv.tokens.participants.slice(0, 3).map((t) => connectClient(srv!.url, t)));
    const proj = await connectClient(srv.url, srv.tokens.projector);
    // The watcher: participant #4 (academia) on a bare socket, reading what arrives on the wire.
    const watcher = await rawJoin(srv.url, srv.tokens.participants[3]!);
    const watcherId = srv.participantIds[3]!;
    const others = srv.participantIds.slice(0, 3);

    const secret = await openPoll(mod, { secret: true, resultsVisibility: 'on_close' }, [gov!, cs!, ps!, proj]);
    const named = await openPoll(mod, { resultsVisibility: 'on_close' }, [gov!, cs!, ps!, proj]);
    const namedLive = await openPoll(mod, { resultsVisibility: 'live' }, [gov!, cs!, ps!, proj]);
    for (const [c, choice] of [[gov!, 'yes'], [cs!, 'no'], [ps!, 'yes']] as const) {
      for (const id of [secret, named, namedLive]) expect(await c.send({ type: 'poll:vote', pollId: id, choices: [choice] })).toMatchObject({ ok: true });
    }
    expect(await cs!.send({ type: 'poll:vote', pollId: named, choices: ['abstain'] })).toMatchObject({ ok: true }); // a change
    const own = await emitAck<{ version: number }>(watcher.socket, 'command', { command: { type: 'poll:vote', pollId: named, choices: ['no'] } });
    expect(own).toMatchObject({ ok: true });

    // The moderator sees live tallies of every poll, and who voted what in the named one.
    await waitFor(() => pollResults(mod.state!, named)!.turnout.voted === 4);
    expect(visibleResults(mod.state!, secret, 'moderator')!.options.map((o) => o.count)).toEqual([2, 1, 0]);
    expect(visibleResults(mod.state!, named, 'moderator')!.options.map((o) => o.count)).toEqual([2, 1, 1]);
    expect(Object.keys(mod.state!.polls.byId[named]!.votes).sort()).toEqual([...others, watcherId].sort());

    // The watcher's wire: only aggregate vote events, no choice, no ballot, nobody's vote.
    await waitFor(() => votesCounted(watcher.events) === 11);
    const wire = JSON.stringify(watcher.events);
    expect(wire).not.toMatch(CHOICE_OR_BALLOT);
    const lastOf = (id: string) => [...watcher.events].reverse().find((e) => e.event.type === 'poll:voteCounted' && e.event.pollId === id)!.event;
    expect(lastOf(secret)).toMatchObject({ tally: { voted: 3, results: null } });
    expect(lastOf(named)).toMatchObject({ tally: { voted: 4, results: null } });
    // A live named poll shows counts while open, still without who voted what.
    expect(lastOf(namedLive)).toMatchObject({ tally: { voted: 3, results: { counts: { yes: 2, no: 1, abstain: 0 } } } });
    // Versions are the same for everyone: the watcher's events are exactly the moderator's versions.
    const covered = versionsCovered(watcher.events);
    expect(covered).toEqual(covered.map((_v, i) => covered[0]! + i));

    // A participant client's state (the same projection, folded) shows no numbers of on_close polls.
    await waitFor(() => gov!.state!.version === mod.state!.version);
    expect(visibleResults(gov!.state!, named, 'participant')).toBeNull();
    expect(visibleResults(proj.state!, secret, 'projector')).toBeNull();
    expect(JSON.stringify(gov!.state!.polls)).not.toMatch(/"ballotKey"/);
    expect(gov!.state!.polls.byId[named]!.votes).toEqual({});

    // A fresh join (snapshot) and a resync (events) of the watcher carry no one else's choice.
    const again = await rawJoin(srv.url, srv.tokens.participants[3]!);
    expect(again.join.catchup.kind).toBe('snapshot');
    const snap = again.join.catchup as Extract<Catchup, { kind: 'snapshot' }>;
    const snapPolls = snap.state.polls.byId;
    expect(Object.keys(snapPolls[named]!.votes)).toEqual([watcherId]); // only my own vote
    expect(snapPolls[named]!.votes[watcherId]!.choices).toEqual(['no']);
    expect(snapPolls[secret]!.ballots).toEqual({});
    expect(snapPolls[named]!.tally).toEqual({ voted: 4, results: null });
    expect(JSON.stringify({ ...snapPolls, [named]: { ...snapPolls[named], votes: {} } })).not.toMatch(CHOICE_OR_BALLOT);
    const sync = await emitAck<Catchup>(again.socket, 'session:sync', { since: watcher.events[0]!.v - 1 });
    expect(sync.ok && sync.data.kind).toBe('events');
    expect(JSON.stringify(sync)).not.toMatch(CHOICE_OR_BALLOT);

    // Close: the public gets the final numbers with the close event; everyone shows the same.
    for (const id of [secret, named, namedLive]) expect(await mod.send({ type: 'poll:close', pollId: id })).toMatchObject({ ok: true });
    for (const c of [gov!, proj]) await waitFor(() => c.state!.version === mod.state!.version);
    for (const id of [secret, named, namedLive]) {
      const full = visibleResults(mod.state!, id, 'moderator')!;
      for (const [c, role] of [[gov!, 'participant'], [proj, 'projector']] as const) {
        const shown = visibleResults(c.state!, id, role)!;
        expect(shown.options).toEqual(full.options);
        expect(shown.turnout).toEqual(full.turnout);
        // One voter per group: the public never gets a breakdown that would name a choice.
        expect(shown.breakdown).toEqual({ suppressed: true, reason: 'small_groups' });
      }
    }
    await waitFor(() => watcher.events.filter((e) => e.event.type === 'poll:closed').length === 3);
    expect(JSON.stringify(watcher.events)).not.toMatch(CHOICE_OR_BALLOT);
    expect(mod.state!.polls.byId[named]!.votes[others[0]!]!.choices).toEqual(['yes']); // moderators still see who voted what
  });
});
