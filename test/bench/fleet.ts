/**
 * A client fleet: one child process holding a share of the benchmark's socket.io connections, so
 * the clients are not the bottleneck of the server they measure. Driven over IPC (lib/proc.ts):
 * open sockets, join them all at once, record delivery latencies, vote. Latency is measured on the
 * machine's one clock: the sender stamps `performance.timeOrigin + performance.now()` into the
 * message (Plenary: an agenda title `bench:<stamp>`; bare Socket.IO: `stamp`), the receiver
 * subtracts it from its own reading.
 */
import { io, type Socket } from 'socket.io-client';
import { connectVoters, storm, type Voter } from '../integration/poll-storm-kit.js';
import { serveParent } from './lib/proc.js';

type Mode = 'plenary' | 'bare';
interface Conn {
  socket: Socket;
  token?: string;
  participantId?: string;
  received: number;
  /** Polls this connection has seen opened (a voter votes once the poll reaches them). */
  opened: Set<string>;
}

const now = () => performance.timeOrigin + performance.now();
let mode: Mode = 'plenary';
let conns: Conn[] = [];
let voters: Voter[] = [];
let samples: number[] = [];
let listening = false;

function stampOf(payload: unknown): number[] {
  if (mode === 'bare') {
    const s = (payload as { stamp?: number }).stamp;
    return s ? [s] : [];
  }
  const out: number[] = [];
  for (const e of (payload as { events: Array<{ event: { changes?: { title?: string } } }> }).events) {
    const t = e.event.changes?.title;
    if (t?.startsWith('bench:')) out.push(Number(t.slice(6)));
  }
  return out;
}

function openedPolls(payload: unknown): string[] {
  const events = (payload as { events?: Array<{ event: { type: string; pollId?: string } }> }).events ?? [];
  return events.filter((e) => e.event.type === 'poll:opened').map((e) => e.event.pollId!);
}

function open(url: string, token?: string, participantId?: string): Promise<Conn> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 120_000 });
  const conn: Conn = { socket, received: 0, opened: new Set(), ...(token ? { token } : {}), ...(participantId ? { participantId } : {}) };
  socket.on(mode === 'plenary' ? 'meeting:events' : 'msg', (payload: unknown) => {
    if (mode === 'plenary') for (const pollId of openedPolls(payload)) conn.opened.add(pollId);
    if (!listening) return;
    const t = now();
    for (const s of stampOf(payload)) {
      samples.push(t - s);
      conn.received++;
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(conn));
    socket.once('connect_error', reject);
  });
}

function joinOne(c: Conn): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  const [event, payload] = mode === 'plenary' ? ['session:join', { token: c.token }] : ['join', {}];
  return c.socket
    .timeout(120_000)
    .emitWithAck(event, payload)
    .then((r: { ok: boolean; error?: { code: string } }) => {
      if (!r.ok) throw new Error(`join refused: ${r.error?.code}`);
      return { ms: performance.now() - t, bytes: JSON.stringify(r).length };
    });
}

serveParent(async (msg) => {
  switch (msg.kind) {
    case 'open': {
      mode = msg.mode as Mode;
      const urls = msg.urls as string[];
      const tokens = msg.tokens as string[] | undefined;
      const ids = msg.ids as string[] | undefined;
      const count = tokens?.length ?? (msg.count as number);
      // A few dozen at a time: a connect storm of thousands would measure the accept queue.
      for (let i = 0; i < count; i += 50) {
        const batch = [];
        for (let j = i; j < Math.min(count, i + 50); j++) batch.push(open(urls[j % urls.length]!, tokens?.[j], ids?.[j]));
        conns.push(...(await Promise.all(batch)));
      }
      return conns.length;
    }
    case 'join': {
      // A join that fails (refused, timed out, connection dropped) is counted, not fatal: the
      // failure is a figure of its own.
      const r = await Promise.all(conns.map((c) => joinOne(c).catch((e: unknown) => ({ error: String(e) }))));
      const ok = r.filter((x): x is { ms: number; bytes: number } => 'ms' in x);
      conns = conns.filter((_, i) => 'ms' in r[i]!);
      return { ms: ok.map((x) => x.ms), bytes: ok.map((x) => x.bytes), failed: r.length - ok.length };
    }
    case 'listen':
      listening = msg.on as boolean;
      if (listening) {
        samples = [];
        for (const c of conns) c.received = 0;
      }
      return null;
    case 'count':
      return conns.reduce((a, c) => a + c.received, 0);
    case 'collect': {
      const received = conns.map((c) => c.received);
      const out = { samples, minReceived: Math.min(...received), maxReceived: Math.max(...received) };
      samples = [];
      return out;
    }
    case 'voters':
      voters = await connectVoters(msg.url as string, msg.people as Array<{ participantId: string; token: string }>);
      return voters.length;
    case 'storm': {
      // What one participant receives meanwhile (the bare baseline sends messages of this size):
      // a voter who votes once and keeps their socket (i % 10 ≥ 4 in the kit).
      const watcher = voters[4]?.socket;
      const publicBytes: number[] = [];
      const onEvents = (b: unknown) => publicBytes.push(JSON.stringify(b).length);
      watcher?.on('meeting:events', onEvents);
      const report = await storm(msg.url as string, voters, msg.pollId as string, msg.plain === true, msg.seenVersion as number);
      watcher?.off('meeting:events', onEvents);
      return { ...report, publicBytes };
    }
    case 'bare-storm': {
      // The baseline of the vote storm: every client sends one message with an ack at once.
      const ms = await Promise.all(
        conns.map((c) => {
          const t = performance.now();
          return c.socket.timeout(120_000).emitWithAck('vote', { choices: ['o1'] }).then(() => performance.now() - t);
        }),
      );
      return ms;
    }
    case 'as-voters': {
      // The joined connections become the vote storm's voters (same people, same sockets), once
      // the poll has reached every one of them: a voter votes on a poll they have seen, so the
      // storm does not start while the server is still telling 2,000 people the poll is open.
      const pollId = msg.pollId as string;
      const deadline = Date.now() + 60_000;
      while (conns.some((c) => !c.opened.has(pollId)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const unseen = conns.filter((c) => !c.opened.has(pollId)).length;
      if (unseen) throw new Error(`${unseen} voters never saw poll ${pollId} open`);
      voters = conns.map((c) => ({ participantId: c.participantId!, token: c.token!, socket: c.socket as Voter['socket'] }));
      conns = [];
      return voters.length;
    }
    case 'close':
      for (const c of conns) c.socket.disconnect();
      for (const v of voters) v.socket.disconnect();
      conns = [];
      voters = [];
      return null;
    default:
      throw new Error(`unknown request ${msg.kind}`);
  }
}, async () => {
  for (const c of conns) c.socket.disconnect();
  for (const v of voters) v.socket.disconnect();
});
