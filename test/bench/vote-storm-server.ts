/**
 * The server side of the vote-storm benchmark, run in its own process (forked by vote-storm.ts) so
 * the 500 client sockets do not share the server's event loop: a real server on 127.0.0.1:0 with a
 * real SQLite file, N registered participants, and the tally check on request.
 */
import { startTestServer } from '../helpers/server.js';
import { checkTallies, registerVoters } from '../integration/poll-storm-kit.js';

const n = Number(process.env.VOTERS ?? 500);
const srv = await startTestServer({ presenceGraceMs: 5_000 });
const people = await registerVoters(srv, n);
if (process.env.COALESCE === '1') coalesceBroadcasts();
process.send!({ kind: 'ready', url: srv.url, moderator: srv.tokens.moderator, people });

process.on('message', (msg: { kind: 'check'; pollId: string; sinceVersion: number } | { kind: 'stop' }) => {
  void (async () => {
    if (msg.kind === 'check') {
      process.send!({ kind: 'checked', check: await checkTallies(srv, msg.pollId, n, msg.sinceVersion) });
    } else {
      await srv.stop();
      process.exit(0);
    }
  })();
});

/**
 * Experiment (COALESCE=1): send the events appended during one event-loop turn as one
 * `meeting:events` message instead of one message per command, to measure what fan-out costs.
 * Not the server's behaviour; see docs/polls.md.
 */
function coalesceBroadcasts(): void {
  const send = srv.service.broadcast;
  const pending = new Map<string, Parameters<typeof send>[1]>();
  srv.service.broadcast = (meetingId, events) => {
    const queued = pending.get(meetingId);
    if (queued) {
      queued.push(...events);
      return;
    }
    pending.set(meetingId, [...events]);
    setImmediate(() => {
      const batch = pending.get(meetingId) ?? [];
      pending.delete(meetingId);
      send(meetingId, batch);
    });
  };
}
