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
