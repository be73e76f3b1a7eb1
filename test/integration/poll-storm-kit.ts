/**
 * The vote storm, shared by the integration test (poll-storm.test.ts) and the benchmark
 * (test/bench/vote-storm.ts): N registered participants on N real socket.io connections vote on one
 * poll at once — some twice (the same vote, concurrently), some change their vote, some after a
 * forced reconnect (a network blip: rejoin with `since`, as PlenaryClient does) or a reload (a
 * fresh join) — and the final tallies are checked against the event log.
 */
import { io, type Socket } from 'socket.io-client';
import { SYSTEM, pollResults, type CommandInput, type DomainEvent } from '../../shared/domain/index.js';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.js';
import type { TestServer } from '../helpers/server.js';

type Raw = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Voter {
  participantId: string;
  token: string;
  socket: Raw;
}

/** What each voter does; by index, so every run is the same. */
export type Behaviour = 'once' | 'double' | 'change' | 'reconnect-after-vote' | 'reconnect-before-vote';
export function behaviourOf(i: number): Behaviour {
  switch (i % 10) {
    case 0:
      return 'double';
    case 1:
      return 'change';
    case 2:
      return 'reconnect-after-vote';
    case 3:
      return 'reconnect-before-vote';
    default:
      return 'once';
  }
}

const OPTIONS = ['o1', 'o2', 'o3', 'o4'];
/** The vote that must count for voter i. */
export const finalChoice = (i: number) => OPTIONS[i % OPTIONS.length]!;

function emitAck<T>(s: Raw, event: 'command' | 'session:join', payload: unknown, timeoutMs = 30_000): Promise<Ack<T>> {
  const t = s.timeout(timeoutMs) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Ack<T>> };
  return t.emitWithAck(event, payload).catch(() => ({ ok: false, error: { code: 'internal', message: `no ack for ${event}` } }) as Ack<T>);
}

/** Registers `n` participants through the service (as the seed would) and signs their tokens. */
export async function registerVoters(srv: TestServer, n: number): Promise<Array<{ participantId: string; token: string }>> {
  const groups = ['government', 'civil-society', 'private-sector', 'academia', 'technical-community', 'intergovernmental'] as const;
  const out: Array<{ participantId: string; token: string }> = [];
  const exp = srv.app.clock.now() + 24 * 3_600_000;
  for (let i = 0; i < n; i++) {
    const participantId = `storm-${i}`;
    const r = await srv.service.execute(srv.meetingId, {
      type: 'participant:register',
      participantId,
      role: 'participant',
      inRoom: i % 2 === 0,
      profile: { name: `Voter ${i}`, group: groups[i % groups.length]!, affiliation: '', language: 'en' },
    }, SYSTEM);
    if (!r.ok) throw new Error(r.error.message);
    out.push({ participantId, token: srv.app.tokens.sign({ kind: 'member', meetingId: srv.meetingId, participantId, role: 'participant', exp }) });
  }
  return out;
}

async function joined(url: string, token: string, existing?: Raw, since?: number): Promise<Raw> {
  const socket: Raw = existing ?? io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 60_000 });
  if (!socket.connected) {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
      socket.connect();
    });
  }
  const r = await emitAck(socket, 'session:join', { token, ...(since !== undefined ? { since } : {}) });
  if (!r.ok) throw new Error(`join refused: ${r.error.code}`);
  return socket;
}

/** Connects and joins every voter, a few dozen at a time. */
export async function connectVoters(url: string, people: Array<{ participantId: string; token: string }>): Promise<Voter[]> {
  const voters: Voter[] = [];
  for (let i = 0; i < people.length; i += 50) {
    const batch = people.slice(i, i + 50);
    voters.push(...(await Promise.all(batch.map(async (p) => ({ ...p, socket: await joined(url, p.token) })))));
  }
  return voters;
}

/**
 * Drops the connection and comes back: after a network blip a client rejoins with the last version
 * it saw (`since`: only the missed events come back); after a reload it joins afresh (full state).
 */
async function reconnect(url: string, v: Voter, since?: number): Promise<void> {
  v.socket.disconnect();
  v.socket = await joined(url, v.token, v.socket, since);
}

/** The last version `socket` has seen, from `from` on (what PlenaryClient keeps as its state's version). */
function trackVersion(socket: Raw, from: number): () => number {
  let seen = from;
  socket.on('meeting:events', (b) => {
    for (const e of b.events) seen = Math.max(seen, e.through ?? e.v);
  });
  return () => seen;
}

export interface StormReport {
  voters: number;
  sent: number;
  acksOk: number;
  acksFailed: string[];
  /** From the first vote sent to the last ack received, ms (reconnects included). */
  msUntilAllAcks: number;
  /** Latency of each voter's first vote (sent at once by all), ms: median, 95th/99th percentile, max. */
  firstVoteMs: { p50: number; p95: number; p99: number; max: number };
  /** Every first-vote latency, ms (the benchmark merges them across its client processes). */
  firstVoteSamples: number[];
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * Every voter votes at once according to their behaviour (`plain`: each votes once, nothing else —
 * the benchmark's measure of the vote path alone); resolves when every ack is in. `seenVersion`: a
 * version every voter has seen (the poll's opening); with it, a voter whose connection drops after
 * voting rejoins with `since` like a real client, else with a full join.
 */
export async function storm(url: string, voters: Voter[], pollId: string, plain = false, seenVersion?: number): Promise<StormReport> {
  let sent = 0;
  let acksOk = 0;
  const acksFailed: string[] = [];
  const firstVote: number[] = [];
  const vote = async (v: Voter, choice: string, first = false) => {
    sent++;
    const t = performance.now();
    const cmd: CommandInput = { type: 'poll:vote', pollId, choices: [choice] };
    const r = await emitAck<{ version: number }>(v.socket, 'command', { command: cmd });
    if (first) firstVote.push(performance.now() - t);
    if (r.ok) acksOk++;
    else acksFailed.push(`${v.participantId}: ${r.error.code} ${r.error.message}`);
  };
  const started = performance.now();
  await Promise.all(
    voters.map(async (v, i) => {
      const choice = finalChoice(i);
      switch (plain ? 'once' : behaviourOf(i)) {
        case 'once':
          return vote(v, choice, true);
        case 'double':
          return Promise.all([vote(v, choice, true), vote(v, choice)]);
        case 'change':
          await vote(v, finalChoice(i + 1), true);
          return vote(v, choice);
        case 'reconnect-after-vote': {
          // A blip: the ack may be "lost" in it, so the client resends the same vote after rejoining.
          const seen = seenVersion !== undefined ? trackVersion(v.socket, seenVersion) : undefined;
          await vote(v, choice, true);
          await reconnect(url, v, seen?.());
          return vote(v, choice);
        }
        case 'reconnect-before-vote':
          // A reload: a fresh join, full state.
          await reconnect(url, v);
          return vote(v, choice);
      }
    }),
  );
  const msUntilAllAcks = Math.round(performance.now() - started);
  firstVote.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x);
  const firstVoteMs = {
    p50: r(percentile(firstVote, 0.5)),
    p95: r(percentile(firstVote, 0.95)),
    p99: r(percentile(firstVote, 0.99)),
    max: r(firstVote.at(-1) ?? 0),
  };
  return { voters: voters.length, sent, acksOk, acksFailed, msUntilAllAcks, firstVoteMs, firstVoteSamples: firstVote };
}

export interface TallyCheck {
  expected: Record<string, number>;
  actual: Record<string, number>;
  /** Distinct voters (named) or ballot keys (secret) in the event log since the poll opened. */
  distinctInLog: number;
  /** Vote events in the log: one per first vote plus one per changed vote, none for repeats. */
  voteEvents: number;
  expectedVoteEvents: number;
  ok: boolean;
}

/** Compares the server's final state and its event log with what the voters meant. */
export async function checkTallies(srv: TestServer, pollId: string, n: number, sinceVersion: number, plain = false): Promise<TallyCheck> {
  const state = await srv.service.get(srv.meetingId);
  const results = pollResults(state, pollId)!;
  const expected: Record<string, number> = Object.fromEntries(OPTIONS.map((o) => [o, 0]));
  let changes = 0;
  for (let i = 0; i < n; i++) {
    expected[finalChoice(i)]!++;
    if (!plain && behaviourOf(i) === 'change') changes++;
  }
  const actual = Object.fromEntries(results.options.map((o) => [o.id, o.count]));
  const log = (await srv.app.store.readSince(srv.meetingId, sinceVersion)).map((e) => e.event);
  const votes = log.filter((e): e is Extract<DomainEvent, { type: 'poll:voted' | 'poll:ballotCast' }> =>
    (e.type === 'poll:voted' || e.type === 'poll:ballotCast') && e.pollId === pollId);
  const distinct = new Set(votes.map((e) => (e.type === 'poll:voted' ? e.participantId : e.ballotKey))).size;
  const expectedVoteEvents = n + changes;
  const ok =
    OPTIONS.every((o) => expected[o] === actual[o]) && results.turnout.voted === n && distinct === n && votes.length === expectedVoteEvents;
  return { expected, actual, distinctInLog: distinct, voteEvents: votes.length, expectedVoteEvents, ok };
}

export function closeVoters(voters: Voter[]): void {
  for (const v of voters) v.socket.disconnect();
}
