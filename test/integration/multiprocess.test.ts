/**
 * Several processes over one Redis, with clients spread over both: two server instances share the
 * event store and the Socket.IO adapter under one unique key prefix (as in foundation-redis). What
 * must hold across processes: per-audience redaction (the process that appends redacts, the other
 * only relays), removal (the process holding the removed person's sockets disconnects them), and
 * version order without gaps for a client on the other process. Keys are removed after each test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { pollResults, visibleResults, type CommandInput, type VersionedEvent } from '../../shared/domain/index.js';
import type { Ack, AckError, ClientToServerEvents, JoinResult, ServerToClientEvents } from '../../shared/protocol.js';
import { cleanRedisPrefix, connectClient, startTestServer, uniqueRedisPrefix, votesCounted, waitFor, type TestServer } from '../helpers/server.js';

type Raw = Socket<ServerToClientEvents, ClientToServerEvents>;

const REDIS = 'redis://127.0.0.1:6379';
const servers: TestServer[] = [];
const raws: Raw[] = [];
let prefix = '';
let dir = '';

afterEach(async () => {
  for (const r of raws.splice(0)) r.disconnect();
  for (const s of servers.splice(0)) await s.stop();
  await cleanRedisPrefix(REDIS, prefix);
  rmSync(dir, { recursive: true, force: true });
});

/** Two instances on one Redis prefix; the shared data dir only shares the token secret. */
async function twoInstances(): Promise<[TestServer, TestServer]> {
  prefix = uniqueRedisPrefix();
  dir = mkdtempSync(join(tmpdir(), 'plenary-multi-'));
  const a = await startTestServer({ redisUrl: REDIS, redisPrefix: prefix, dataDir: dir });
  servers.push(a);
  const b = await startTestServer({ redisUrl: REDIS, redisPrefix: prefix, dataDir: dir });
  servers.push(b);
  return [a, b];
}

function emitAck<T>(s: Raw, event: 'command' | 'session:join', payload: unknown): Promise<Ack<T>> {
  const t = s.timeout(5_000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Ack<T>> };
  return t.emitWithAck(event, payload);
}

/** A bare socket that joins and records, in arrival order, every raw batch and what ended it. */
async function rawJoin(url: string, token: string) {
  const socket: Raw = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  raws.push(socket);
  const seen = { events: [] as VersionedEvent[], error: null as AckError | null, reason: null as string | null };
  socket.on('meeting:events', (b) => seen.events.push(...b.events));
  socket.on('session:error', (e) => (seen.error = e as AckError));
  socket.on('disconnect', (r) => (seen.reason = r));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const r = await emitAck<JoinResult>(socket, 'session:join', { token });
  if (!r.ok) throw new Error(r.error.message);
  return { socket, join: r.data, seen };
}

/** Sends a command that must be accepted; returns the acked version. */
async function ok(by: PlenaryClient, command: CommandInput): Promise<number> {
  const ack = await by.send(command);
  if (!ack.ok) throw new Error(`${command.type} refused: ${ack.error.code}`);
  return ack.data.version;
}

/** The error a join is refused with. */
async function refusedJoin(url: string, token: string): Promise<string> {
  try {
    await connectClient(url, token);
  } catch (e) {
    return (e as AckError).code;
  }
  return 'accepted';
}

/** Versions `from+1 … to`, as the wire should deliver them. */
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i + 1);

const CHOICE_OR_BALLOT = /"choices"|"ballotKey"|"poll:voted"|"poll:ballotCast"/;

describe('redaction across processes', () => {
  it('a participant on B never sees choices of open on_close polls voted through A; after close B shows what the moderator on A shows; a moderator on B sees live tallies', async () => {
    const [a, b] = await twoInstances();
    const modA = await connectClient(a.url, a.tokens.moderator);
    const voters = await Promise.all(a.tokens.participants.slice(0, 3).map((t) => connectClient(a.url, t)));
    const modB = await connectClient(b.url, b.tokens.moderator);
    const partB = await connectClient(b.url, b.tokens.participants[4]!);
    const watcher = await rawJoin(b.url, b.tokens.participants[3]!);
    const all = [modA, ...voters, modB, partB];

    const open = async (draft: Record<string, unknown>) => {
      const before = new Set(modA.state!.polls.order);
      await ok(modA, { type: 'poll:create', question: 'Adopt?', kind: 'yes_no_abstain', ...draft } as CommandInput);
      const id = await waitFor(() => modA.state!.polls.order.find((p) => !before.has(p)));
      await ok(modA, { type: 'poll:open', pollId: id });
      for (const c of all) await waitFor(() => c.state!.polls.byId[id]?.status === 'open', 5_000, 'poll open everywhere');
      return id;
    };
    const secret = await open({ secret: true, resultsVisibility: 'on_close' });
    const named = await open({ resultsVisibility: 'on_close' });
    const live = await open({ resultsVisibility: 'live' });
    let top = 0;
    for (const [c, choice] of [[voters[0]!, 'yes'], [voters[1]!, 'no'], [voters[2]!, 'yes']] as const) {
      for (const id of [secret, named, live]) top = Math.max(top, await ok(c, { type: 'poll:vote', pollId: id, choices: [choice] }));
    }

    // The moderator on B gets the full events relayed from A: live tallies and named votes.
    await waitFor(() => modB.version === top && modA.version === top, 5_000, 'votes on B');
    expect(pollResults(modB.state!, named)?.turnout.voted).toBe(3);
    for (const id of [secret, named, live]) {
      expect(visibleResults(modB.state!, id, 'moderator')!.options.map((o) => o.count)).toEqual([2, 1, 0]);
    }
    expect(Object.keys(modB.state!.polls.byId[named]!.votes)).toHaveLength(3);

    // The participant on B: only aggregate counts on the wire, and numbers only for the live poll.
    await waitFor(() => votesCounted(watcher.seen.events) === 9, 5_000, 'counts on B');
    expect(JSON.stringify(watcher.seen.events)).not.toMatch(CHOICE_OR_BALLOT);
    const last = (id: string) => [...watcher.seen.events].reverse().find((e) => e.event.type === 'poll:voteCounted' && e.event.pollId === id)!.event;
    expect(last(named)).toMatchObject({ tally: { voted: 3, results: null } });
    expect(last(secret)).toMatchObject({ tally: { voted: 3, results: null } });
    expect(last(live)).toMatchObject({ tally: { voted: 3, results: { counts: { yes: 2, no: 1, abstain: 0 } } } });
    await waitFor(() => partB.version === top);
    expect(visibleResults(partB.state!, named, 'participant')).toBeNull();
    expect(partB.state!.polls.byId[named]!.votes).toEqual({});

    // Close through A: B's participant shows exactly the moderator's numbers.
    for (const id of [secret, named, live]) top = await ok(modA, { type: 'poll:close', pollId: id });
    await waitFor(() => [modA, modB, partB].every((c) => c.version === top), 5_000, 'close on B');
    for (const id of [secret, named, live]) {
      const full = visibleResults(modA.state!, id, 'moderator')!;
      const shown = visibleResults(partB.state!, id, 'participant')!;
      expect(shown.options).toEqual(full.options);
      expect(shown.turnout).toEqual(full.turnout);
      expect(visibleResults(modB.state!, id, 'moderator')).toEqual(full);
    }
    await waitFor(() => watcher.seen.events.filter((e) => e.event.type === 'poll:closed').length === 3);
    expect(JSON.stringify(watcher.seen.events)).not.toMatch(CHOICE_OR_BALLOT);
  });
});

describe('removal across processes', () => {
  it('a moderator on A removes a participant connected to B: B tells and disconnects them; neither process lets them back', async () => {
    const [a, b] = await twoInstances();
    const pid = b.participantIds[0]!;
    const token = b.tokens.participants[0]!;
    const modA = await connectClient(a.url, a.tokens.moderator);
    const them = await connectClient(b.url, token);
    const tab = await rawJoin(b.url, token);
    await waitFor(() => modA.state!.participants[pid]!.present, 5_000, 'present via B');

    await ok(modA, { type: 'participant:remove', participantId: pid, reason: 'Disruption' });
    await waitFor(() => tab.seen.reason !== null && them.status === 'failed', 5_000, 'B disconnected them');
    expect(tab.seen.error?.code).toBe('participant.removed');
    expect(tab.seen.reason).toBe('io server disconnect');
    await new Promise((r) => setTimeout(r, 700)); // the client library does not retry
    expect(them.socket.connected).toBe(false);

    expect(await refusedJoin(b.url, token)).toBe('participant.removed');
    expect(await refusedJoin(a.url, token)).toBe('participant.removed');
    await waitFor(() => modA.state!.participants[pid]!.present === false, 5_000, 'absent');
  });
});

describe('version order across processes', () => {
  it('acks on A and the broadcast reach clients on B in version order without gaps', async () => {
    const [a, b] = await twoInstances();
    const modA = await connectClient(a.url, a.tokens.moderator);
    const partB = await connectClient(b.url, b.tokens.participants[1]!);
    const rawMod = await rawJoin(b.url, b.tokens.moderator);
    const rawPub = await rawJoin(b.url, b.tokens.participants[2]!);
    await waitFor(() => modA.version === (b.service.peek(b.meetingId)?.version ?? -1) && partB.version === modA.version, 5_000, 'settled');
    const startMod = rawMod.join.catchup.version;
    const startPub = rawPub.join.catchup.version;

    // A burst of commands through A, some in the same event-loop turn (one coalesced batch).
    const acks = await Promise.all(Array.from({ length: 12 }, (_, i) => ok(modA, { type: 'agenda:add', title: `Item ${i}`, plannedMinutes: 1 })));
    acks.push(await ok(modA, { type: 'queue:setPolicy', policy: 'balanced' }));
    const top = Math.max(...acks);
    expect([...acks].sort((x, y) => x - y)).toEqual(range(top - acks.length, top));

    await waitFor(() => partB.version === top, 5_000, 'participant on B caught up');
    await waitFor(() => rawMod.seen.events.at(-1)?.v === top && rawPub.seen.events.at(-1)?.v === top, 5_000, 'raw sockets on B');
    // Arrival order is version order, each version once, nothing skipped.
    // (Events at or below the join's version may repeat: the socket enters its rooms before the
    // catch-up is read, and clients drop those by version.)
    const after = (events: VersionedEvent[], v: number) => events.map((e) => e.v).filter((x) => x > v);
    expect(after(rawMod.seen.events, startMod)).toEqual(range(startMod, top));
    expect(after(rawPub.seen.events, startPub)).toEqual(range(startPub, top));
    // Client version equals server version, on both processes; the states agree.
    expect((await a.service.get(a.meetingId)).version).toBe(top);
    expect((await b.service.get(b.meetingId)).version).toBe(top);
    expect(partB.state!.agenda.items.map((i) => i.title)).toEqual(modA.state!.agenda.items.map((i) => i.title));
  });

  it('with commands through both processes, a client on B ends at the server version with the same state', async () => {
    const [a, b] = await twoInstances();
    const modA = await connectClient(a.url, a.tokens.moderator);
    const modB = await connectClient(b.url, b.tokens.moderator);
    const partB = await connectClient(b.url, b.tokens.participants[1]!);
    const sends: Promise<number>[] = [];
    for (let i = 0; i < 6; i++) {
      sends.push(ok(modA, { type: 'agenda:add', title: `A${i}`, plannedMinutes: 1 }));
      sends.push(ok(modB, { type: 'agenda:add', title: `B${i}`, plannedMinutes: 1 }));
    }
    const top = Math.max(...(await Promise.all(sends)));
    await waitFor(() => [modA, modB, partB].every((c) => c.version === top), 5_000, 'every client at the top');
    expect((await a.service.get(a.meetingId)).version).toBe(top);
    expect(partB.state!.agenda).toEqual(modA.state!.agenda);
    expect(modB.state).toEqual(modA.state);
  });
});
