/**
 * Benchmark: N (default 500, env VOTERS) real socket.io clients vote on one poll at once — some
 * twice, some changing their vote, some after a forced reconnect — against a real server in a
 * separate process. Prints voters, time until all acks, first-vote latency and the tally check, for
 * a named and a secret poll. Run: `npm run bench` (or `npx tsx test/bench/vote-storm.ts`).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PlenaryClient } from '../../client/lib/plenary-client.js';
import { closeVoters, connectVoters, storm, type TallyCheck } from '../integration/poll-storm-kit.js';

type Ready = { kind: 'ready'; url: string; moderator: string; people: Array<{ participantId: string; token: string }> };

/** Runs the benchmark; resolves with one line of figures per poll kind. */
export async function voteStorm(log: (line: string) => void = () => undefined): Promise<string[]> {
  const child = fork(fileURLToPath(new URL('./vote-storm-server.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(kind: string) =>
    new Promise<T>((resolve, reject) => {
      const onMsg = (m: { kind: string }) => {
        if (m.kind !== kind) return;
        child.off('message', onMsg);
        resolve(m as T);
      };
      child.on('message', onMsg);
      child.once('exit', (code) => reject(new Error(`server process exited (${code})`)));
    });
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    log(line);
  };
  try {
    const ready = await next<Ready>('ready');
    const health = async () => (await (await fetch(`${ready.url}/healthz`)).json()) as { rssMb: number; connections: number };
    const idle = await health();
    const t0 = performance.now();
    const voters = await connectVoters(ready.url, ready.people);
    const joined = await health();
    say(`voters connected and joined: ${voters.length} in ${Math.round(performance.now() - t0)} ms`);
    say(
      `server memory: ${idle.rssMb} MB idle, ${joined.rssMb} MB with ${joined.connections} connections ` +
        `(≈${Math.round(((joined.rssMb - idle.rssMb) * 1000) / Math.max(1, joined.connections))} kB per connection)`,
    );
    const mod = new PlenaryClient({ url: ready.url, token: ready.moderator, socketOptions: { transports: ['websocket'] } });
    await mod.connect();
    for (const secret of [false, true]) {
      const question = `Bench ${secret ? 'secret' : 'named'} ${Date.now()}`;
      await mod.send({ type: 'poll:create', question, kind: 'single', options: ['A', 'B', 'C', 'D'], secret });
      while (!mod.state?.polls.order.some((id) => mod.state!.polls.byId[id]!.question === question)) await new Promise((r) => setTimeout(r, 20));
      const pollId = mod.state.polls.order.find((id) => mod.state!.polls.byId[id]!.question === question)!;
      const opened = await mod.send({ type: 'poll:open', pollId });
      if (!opened.ok) throw new Error(opened.error.message);
      const report = await storm(ready.url, voters, pollId);
      child.send({ kind: 'check', pollId, sinceVersion: opened.data.version });
      const { check } = await next<{ check: TallyCheck }>('checked');
      say(
        `${secret ? 'secret' : 'named '} poll: voters=${report.voters} votes=${report.sent} acks ok=${report.acksOk}/${report.sent} ` +
          `all acks in ${report.msUntilAllAcks} ms; first vote p50=${report.firstVoteMs.p50} p95=${report.firstVoteMs.p95} ` +
          `max=${report.firstVoteMs.max} ms; tally ${check.ok ? 'EXACT' : 'MISMATCH'} ${JSON.stringify(check.actual)}; ` +
          `log: ${check.distinctInLog} distinct ballots, ${check.voteEvents}/${check.expectedVoteEvents} vote events`,
      );
    }
    say(`server memory after both storms: ${(await health()).rssMb} MB`);
    mod.close();
    closeVoters(voters);
  } finally {
    child.send({ kind: 'stop' });
    await new Promise((r) => child.once('exit', r));
  }
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await voteStorm((line) => console.log(`[vote-storm] ${line}`));
  process.exit(0);
}
