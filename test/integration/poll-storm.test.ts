/**
 * 500 real socket.io clients vote on one poll within about a second — some twice, some changing
 * their vote, some after a forced reconnect — against a real server with a real SQLite file. The
 * final tallies must be exact, every ack ok, and the event log must hold one ballot per voter
 * (plus one per changed vote). Run for a named and for a secret poll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { checkTallies, closeVoters, connectVoters, registerVoters, storm, type Voter } from './poll-storm-kit.js';

const N = 500;
let srv: TestServer;
let mod: PlenaryClient;
let voters: Voter[] = [];

beforeAll(async () => {
  const t0 = performance.now();
  // Each voter sends at most four messages; the default per-connection limits are far above that.
  srv = await startTestServer({ presenceGraceMs: 5_000 });
  mod = await connectClient(srv.url, srv.tokens.moderator);
  const people = await registerVoters(srv, N);
  voters = await connectVoters(srv.url, people);
  await waitFor(() => Object.values(srv.service.peek(srv.meetingId)!.participants).filter((p) => p.present).length >= N, 20_000, 'all present');
  console.log(`[vote-storm] ${N} voters registered, connected and present in ${Math.round(performance.now() - t0)} ms`);
}, 120_000);

afterAll(async () => {
  closeVoters(voters);
  await srv?.stop();
});

describe.each([
  { ballot: 'named', secret: false },
  { ballot: 'secret', secret: true },
])('vote storm: $ballot poll, 500 clients', ({ ballot, secret }) => {
  it('counts every vote exactly once', async () => {
    const created = await mod.send({ type: 'poll:create', question: `Storm (${ballot})`, kind: 'single', options: ['A', 'B', 'C', 'D'], secret });
    expect(created.ok).toBe(true);
    const pollId = await waitFor(() => mod.state!.polls.order.find((id) => mod.state!.polls.byId[id]!.question === `Storm (${ballot})`));
    const opened = await mod.send({ type: 'poll:open', pollId });
    if (!opened.ok) throw new Error(opened.error.message);
    const sinceVersion = opened.data.version;

    const report = await storm(srv.url, voters, pollId, false, sinceVersion);
    const check = await checkTallies(srv, pollId, N, sinceVersion);
    console.log(
      `[vote-storm] ${ballot}: voters=${report.voters} votes sent=${report.sent} acks ok=${report.acksOk} ` +
        `time until all acks=${report.msUntilAllAcks} ms (first votes p50=${report.firstVoteMs.p50} p95=${report.firstVoteMs.p95} max=${report.firstVoteMs.max} ms); tallies expected=${JSON.stringify(check.expected)} ` +
        `actual=${JSON.stringify(check.actual)}; ballots in log: distinct=${check.distinctInLog} events=${check.voteEvents} ` +
        `(expected ${check.expectedVoteEvents}) → ${check.ok ? 'EXACT' : 'MISMATCH'}`,
    );
    expect(report.acksFailed).toEqual([]);
    expect(report.acksOk).toBe(report.sent);
    expect(check.actual).toEqual(check.expected);
    expect(check.distinctInLog).toBe(N);
    expect(check.voteEvents).toBe(check.expectedVoteEvents);
    expect(check.ok).toBe(true);
    // The moderator's client, following by version, ends with the same tallies.
    await waitFor(() => {
      const p = mod.state!.polls.byId[pollId]!;
      return (secret ? Object.keys(p.ballots) : Object.keys(p.votes)).length === N;
    }, 15_000, 'moderator caught up');
    // ~5 s per storm on an idle 2-core machine; the margin is for a machine busy with other work.
  }, 120_000);
});
