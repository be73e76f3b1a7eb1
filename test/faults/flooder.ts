/**
 * The flooding client, in its own process so its CPU is not the measuring clients' event loop:
 * `node --import tsx test/faults/flooder.ts <url> <token> <seconds> <extraConnections>`.
 * One connection sends commands as fast as acks come back (500 in flight); `extraConnections`
 * more connections with the same token try to join at once. Prints one JSON line of counts.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../shared/protocol.js';

const [url, token, seconds = '10', extra = '0'] = process.argv.slice(2);
if (!url || !token) throw new Error('usage: flooder.ts <url> <token> <seconds> <extraConnections>');

const codes: Record<string, number> = {};
const count = (code: string) => (codes[code] = (codes[code] ?? 0) + 1);

function connect(): Promise<Socket> {
  const s = io(url!, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => s.once('connect', () => resolve(s)).once('connect_error', reject));
}

async function join(s: Socket): Promise<string> {
  try {
    const r = (await s.timeout(10_000).emitWithAck('session:join', { token })) as Ack<unknown>;
    return r.ok ? 'joined' : r.error.code;
  } catch {
    return 'no answer';
  }
}

const main = async () => {
  const flood = await connect();
  const first = await join(flood);
  // Many connections from the same token, all at once.
  const others = await Promise.all(Array.from({ length: Number(extra) }, () => connect()));
  const joins: Record<string, number> = {};
  for (const r of await Promise.all(others.map(join))) joins[r] = (joins[r] ?? 0) + 1;
  // Counted, they leave: nine more joined connections are nine more listeners to the others'
  // traffic (6 → 15), which the server's CPU in the flood phase would otherwise show as flood cost.
  for (const s of others) s.disconnect();

  const until = Date.now() + Number(seconds) * 1000;
  let sent = 0;
  let kicked = 0;
  let current = flood;
  // A hostile flooder comes straight back when the server hangs up, and floods again.
  const rejoin = async () => {
    kicked++;
    try {
      const s = await connect();
      current = s;
      s.once('disconnect', () => void (Date.now() < until && rejoin()));
      await join(s);
    } catch {
      await new Promise((r) => setTimeout(r, 50));
      if (Date.now() < until) await rejoin();
    }
  };
  flood.once('disconnect', () => void rejoin());
  const lane = async () => {
    while (Date.now() < until) {
      sent++;
      try {
        const r = (await current.timeout(2_000).emitWithAck('command', { command: { type: 'queue:request', note: `flood ${sent}` } })) as Ack<unknown>;
        count(r.ok ? 'ok' : r.error.code);
      } catch {
        count('no answer');
      }
    }
  };
  console.log('flooding');
  await Promise.all(Array.from({ length: 500 }, lane));
  console.log(JSON.stringify({ first, joins, sent, codes, kicked, perSec: Math.round(sent / Number(seconds)) }));
  for (const s of [flood, current]) s.disconnect();
  process.exit(0);
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
