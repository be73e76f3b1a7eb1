/**
 * Fault 3a — hostile input over the socket: 10,000 generated messages (hostile-gen.ts) against a
 * real server process, from a connection that never joined and from joined moderator, participant,
 * projector and room connections; then oversized and malformed packets. The process must not
 * crash, the meeting must not change (the next append gets the very next version), and every
 * message that asked for an ack gets a typed error from the closed list, without a stack trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { ERROR_CODES } from '../../shared/domain/index.js';
import { MAX_FRAME_BYTES, type Ack } from '../../shared/protocol.js';
import { waitFor } from '../helpers/server.js';
import { HostileGenerator, type Sender } from './hostile-gen.js';
import { DEMO_CHAIR_ID, DEMO_PARTICIPANT_IDS, FaultServer, faultClient, rng } from './kit.js';
import { record } from './report.js';

const MESSAGES = Number(process.env.FAULT_HOSTILE_MESSAGES ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'plenary-hostile-'));
let srv: FaultServer;
let watcher: PlenaryClient;
const sockets: Socket[] = [];

beforeAll(async () => {
  // What is tested is validation, not the rate limit: lift it; keep unjoined sockets open.
  srv = await FaultServer.start({ DATA_DIR: dir, REDIS_URL: '', RATE_LIMIT_PER_SEC: '100000', RATE_LIMIT_BURST: '100000', JOIN_TIMEOUT_MS: '600000' });
  watcher = await faultClient(srv.url, srv.sign('moderator', DEMO_CHAIR_ID));
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  watcher?.close();
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function rawSocket(token?: string): Promise<Socket> {
  const s = io(srv.url, { transports: ['websocket'], forceNew: true, reconnection: false });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => s.once('connect', resolve).once('connect_error', reject));
  if (token) {
    const r = (await s.timeout(5_000).emitWithAck('session:join', { token })) as Ack<unknown>;
    if (!r.ok) throw new Error(`join refused: ${r.error.code}`);
  }
  return s;
}

/** The watcher appends a probe: its version must be exactly one past `before`. */
async function probe(label: string): Promise<number> {
  const r = await watcher.send({ type: 'agenda:add', title: `probe ${label}`, plannedMinutes: 1 });
  if (!r.ok) throw new Error(`probe refused: ${r.error.code}`);
  return r.data.version;
}

const STACK = /\n\s+at |\.ts:\d+|node_modules|Error:/;

describe('hostile input over the socket', () => {
  it(`${MESSAGES} generated messages: no crash, no state change, a typed error for each ack`, async () => {
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
    console.log(`hostile: seed ${seed}`);
    const other = (claims: object) => srv.signer().sign({ kind: 'member', meetingId: 'wsis2021-m2', participantId: 'p-nobody', role: 'participant', exp: Date.UTC(2100, 0, 1), ...claims });
    const good = srv.sign('participant', DEMO_PARTICIPANT_IDS[0]!);
    const [pfx, payload, sig] = good.split('.');
    const gen = new HostileGenerator(rng(seed), [
      { token: other({}), code: 'unauthorized' },
      { token: other({ exp: 1 }), code: 'token_expired' },
      { token: `${pfx}.${payload}.${'A'.repeat(sig!.length)}`, code: 'unauthorized' },
      { token: `${pfx}.${Buffer.from('{"kind":"member","meetingId":"wsis2021-m3","participantId":"chair-m3","role":"moderator","exp":4102444800000}').toString('base64url')}.${sig}`, code: 'unauthorized' },
      { token: 'pl1.\u202E.\u200B\u200B\u200B\u200B', code: 'unauthorized' },
      { token: srv.sign('participant', 'p-nobody'), code: 'unauthorized' },
      { token: srv.sign('moderator', DEMO_CHAIR_ID, { meetingId: 'no-such-meeting' }), code: 'not_found' },
    ]);
    const from: Record<Sender, Socket> = {
      anonymous: await rawSocket(),
      moderator: await rawSocket(srv.sign('moderator', DEMO_CHAIR_ID)),
      participant: await rawSocket(good),
      projector: await rawSocket(srv.sign('projector')),
      room: await rawSocket(srv.sign('room')),
    };
    await new Promise((r) => setTimeout(r, 300)); // presence of the joins has settled
    const v0 = await probe('before');

    const byCategory: Record<string, number> = {};
    const codes: Record<string, number> = {};
    const wrong: string[] = [];
    let withoutAck = 0;
    const BATCH = 100;
    for (let sent = 0; sent < MESSAGES; sent += BATCH) {
      await Promise.all(
        Array.from({ length: Math.min(BATCH, MESSAGES - sent) }, async () => {
          const m = gen.next();
          byCategory[m.category] = (byCategory[m.category] ?? 0) + 1;
          const s = from[m.from];
          if (Math.random() < 0.1) {
            // No ack asked: the server must simply drop it.
            s.emit(m.event, m.payload);
            withoutAck++;
            return;
          }
          let ack: Ack<unknown>;
          try {
            ack = (await s.timeout(10_000).emitWithAck(m.event, m.payload)) as Ack<unknown>;
          } catch {
            wrong.push(`${m.category} ${m.from} ${m.event.slice(0, 40)}: no ack`);
            return;
          }
          const code = ack.ok ? 'ok' : ack.error.code;
          codes[code] = (codes[code] ?? 0) + 1;
          if (ack.ok || !m.expect.includes(code) || !(ERROR_CODES as readonly string[]).includes(code) || STACK.test(ack.error.message)) {
            wrong.push(`${m.category} ${m.from} ${JSON.stringify(m.event).slice(0, 40)} ${JSON.stringify(m.payload)?.slice(0, 160)} → ${JSON.stringify(ack).slice(0, 200)}`);
          }
        }),
      );
      for (const [who, s] of Object.entries(from)) expect(s.connected, `${who} still connected after ${sent + BATCH}`).toBe(true);
    }
    const summary = { messages: MESSAGES, seed, withoutAck, byCategory, codes, wrong: wrong.length };
    console.log('hostile:', JSON.stringify(summary));
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(srv.alive).toBe(true);
    expect(await probe('after')).toBe(v0 + 1);
    // The joined connections are who they were (nothing elevated a session).
    const still = (await from.participant.timeout(5_000).emitWithAck('command', { command: { type: 'agenda:add', title: 'x', plannedMinutes: 1 } })) as Ack<unknown>;
    expect(still.ok ? 'ok' : still.error.code).toBe('forbidden');
    record('hostile-socket', summary);
  });

  it('oversized payloads and malformed packets close only that connection; the server and the meeting carry on', async () => {
    const v0 = await probe('before oversize');
    const closed: string[] = [];
    // Over MAX_PAYLOAD_BYTES: a typed refusal on a connection that stays open; over
    // MAX_FRAME_BYTES: the connection is closed before anything is parsed.
    for (const size of [17_000, 64_000, 250_000, 300_000, 5_000_000]) {
      const s = await rawSocket(srv.sign('moderator', DEMO_CHAIR_ID));
      const gone = new Promise<string>((r) => s.once('disconnect', (reason) => r(reason)));
      const ack = await s
        .timeout(3_000)
        .emitWithAck('command', { command: { type: 'agenda:add', title: 'x'.repeat(size), plannedMinutes: 1 } })
        .catch(() => null);
      const outcome = ack ? (ack as Ack<unknown>) : await gone;
      closed.push(`${size}: ${JSON.stringify(outcome).slice(0, 80)}`);
      if (size < MAX_FRAME_BYTES) {
        expect(outcome).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
        expect(s.connected).toBe(true);
      } else {
        expect(outcome).toBe('transport close');
      }
    }
    for (const raw of ['42[', '42{"a":1}', '4', '49', '42["command",{"command":', '43["x"]', '0{"bad":', '42[null]', '42[1,2,3]', '42["__proto__",{}]']) {
      const s = await rawSocket(srv.sign('projector'));
      (s.io.engine as unknown as { write(d: string): void }).write(raw);
      await new Promise((r) => setTimeout(r, 100));
      closed.push(`${raw}: ${s.connected ? 'still connected' : 'closed'}`);
    }
    console.log('oversize/malformed:', closed);
    record('hostile-packets', { outcomes: closed });
    const health = await fetch(`${srv.url}/healthz`).then((r) => r.json() as Promise<{ ok: boolean; rssMb: number }>);
    expect(health.ok).toBe(true);
    await waitFor(() => watcher.status === 'connected');
    expect(await probe('after oversize')).toBe(v0 + 1);
  });
});
