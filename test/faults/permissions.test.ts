/**
 * Fault 2 — the permission matrix, generated from shared/roles.ts, the role list and the exports
 * the extensions register: every command × every role and token kind (moderator, participant,
 * projector, room bridge and any role added later; removed participant, another meeting's token,
 * expired, tampered, an invite used as a member token) over a real socket to a real server process,
 * and every HTTP export × token kind. A refusal changes nothing (the next append gets the very
 * next version).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlenaryClient } from '../../client/lib/plenary-client.js';
import { PERMISSIONS, isAllowed } from '../../shared/roles.js';
import { ROLES, type CommandType, type Role } from '../../shared/domain/index.js';
import type { Ack } from '../../shared/protocol.js';
import { DEMO_CHAIR_ID, DEMO_PARTICIPANT_IDS, FaultServer, faultClient } from './kit.js';
import { record } from './report.js';
import { registeredExports, sampleCommands } from './samples.js';

const dir = mkdtempSync(join(tmpdir(), 'plenary-perm-'));
let srv: FaultServer;
let watcher: PlenaryClient;
const clients: PlenaryClient[] = [];
const REMOVED = DEMO_PARTICIPANT_IDS[5]!;
const SELF = DEMO_PARTICIPANT_IDS[0]!;
/** An interpreter registered through a booth link in beforeAll (interpreters exist only that way). */
let interpreter: string | null = null;

beforeAll(async () => {
  // One client sends every command: lift the per-connection rate limit (not what is tested here).
  srv = await FaultServer.start({ DATA_DIR: dir, REDIS_URL: '', RATE_LIMIT_PER_SEC: '10000', RATE_LIMIT_BURST: '10000' });
  watcher = await faultClient(srv.url, srv.sign('moderator', DEMO_CHAIR_ID));
  clients.push(watcher);
  const removed = await watcher.send({ type: 'participant:remove', participantId: REMOVED, reason: 'matrix' });
  expect(removed.ok).toBe(true);
  const link = await watcher.createInvite({ role: 'interpreter', booth: 'fr' });
  if (!link.ok) throw new Error(`interpreter link refused: ${link.error.code}`);
  const booth = new PlenaryClient({
    url: srv.url,
    token: link.data.token,
    profile: { name: 'Matrix interpreter', group: 'intergovernmental', affiliation: 'Interpretation', language: 'fr', inRoom: false },
    ackTimeoutMs: 5_000,
    socketOptions: { transports: ['websocket'] },
  });
  await booth.connect();
  clients.push(booth);
  interpreter = booth.me?.participantId ?? null;
  expect(interpreter).not.toBeNull();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Who a valid member token of each role names (a person for roles that act as one). */
const personFor = (role: Role): string | null =>
  role === 'moderator' ? DEMO_CHAIR_ID : role === 'participant' ? SELF : role === 'interpreter' ? interpreter : null;

/** Tokens that must not get in, with the join refusal each must get. */
function badTokens(): Array<{ kind: string; token: string; code: string }> {
  const good = srv.sign('moderator', DEMO_CHAIR_ID);
  const [p, payload, sig] = good.split('.');
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'moderator', participantId: SELF })).toString('base64url');
  return [
    { kind: 'removed participant', token: srv.sign('participant', REMOVED), code: 'participant.removed' },
    { kind: 'expired', token: srv.sign('moderator', DEMO_CHAIR_ID, { exp: Date.now() - 1_000 }), code: 'token_expired' },
    { kind: 'tampered payload', token: `${p}.${forged}.${sig}`, code: 'unauthorized' },
    { kind: 'tampered signature', token: `${p}.${payload}.${sig!.slice(0, -2)}AA`, code: 'unauthorized' },
    { kind: 'other secret', token: `${p}.${payload}.${'A'.repeat(sig!.length)}`, code: 'unauthorized' },
    { kind: 'unknown participant', token: srv.sign('participant', 'p-nobody'), code: 'unauthorized' },
    { kind: 'unknown meeting', token: srv.sign('moderator', DEMO_CHAIR_ID, { meetingId: 'no-such-meeting' }), code: 'not_found' },
  ];
}

/** Asserts that nothing was appended since `before`: the watcher's next append is the very next version. */
async function nothingChangedSince(before: number, what: string): Promise<void> {
  const probe = await watcher.send({ type: 'agenda:add', title: `probe after ${what}`, plannedMinutes: 1 });
  if (!probe.ok) throw new Error(`probe refused: ${probe.error.code}`);
  expect(probe.data.version, `nothing appended by ${what}`).toBe(before + 1);
}

describe('permission matrix over the socket', () => {
  it('every command × every role: allowed ones pass the table, the others get forbidden and change nothing', async () => {
    const rows: Array<{ role: string; type: CommandType; code: string }> = [];
    for (const role of ROLES) {
      const me = personFor(role);
      const c = await faultClient(srv.url, srv.sign(role, me));
      clients.push(c);
      // Hints make finer rules pass where they can (own profile, own request…); ids that do not
      // exist are fine: the table is checked before anything else.
      const samples = sampleCommands({ participantId: me ?? SELF });
      const allowed = samples.filter((s) => isAllowed(role, s.type));
      const refused = samples.filter((s) => !isAllowed(role, s.type));
      const before = watcher.version;
      await new Promise((r) => setTimeout(r, 100)); // the join's presence event has settled
      const v0 = (await watcher.send({ type: 'agenda:add', title: `before ${role}`, plannedMinutes: 1 })) as Ack<{ version: number }>;
      expect(v0.ok).toBe(true);
      for (const s of refused) {
        const ack = await c.send(s.command as never);
        rows.push({ role, type: s.type, code: ack.ok ? 'ok' : ack.error.code });
        expect(ack.ok ? 'ok' : ack.error.code, `${role} ${s.type}`).toBe('forbidden');
      }
      if (v0.ok) await nothingChangedSince(v0.data.version, `${role}'s refused commands`);
      for (const s of allowed) {
        const ack = await c.send(s.command as never);
        rows.push({ role, type: s.type, code: ack.ok ? 'ok' : ack.error.code });
        // Allowed by the table: whatever the domain says next, it is not the table's refusal.
        if (!ack.ok) expect(`${ack.error.code}: ${ack.error.message}`, `${role} ${s.type}`).not.toMatch(/^forbidden: Role /);
      }
      expect(watcher.version).toBeGreaterThanOrEqual(before);
    }
    // Every cell of the table was exercised for every role.
    expect(rows).toHaveLength(ROLES.length * Object.keys(PERMISSIONS).length);
    record('permissions-socket', { roles: ROLES.length, commands: Object.keys(PERMISSIONS).length, cells: rows.length, refused: rows.filter((r) => r.code === 'forbidden').length });
  });

  it('tokens that must not get in are refused at join with their code, and no command passes without a join', async () => {
    const v0 = await watcher.send({ type: 'agenda:add', title: 'before bad tokens', plannedMinutes: 1 });
    expect(v0.ok).toBe(true);
    const samples = sampleCommands({ participantId: SELF });
    for (const bad of badTokens()) {
      await expect(faultClient(srv.url, bad.token), bad.kind).rejects.toMatchObject({ code: bad.code });
      // The same connection, refused at join, then tries every command: unauthorized, each one.
      const s = io(srv.url, { transports: ['websocket'], forceNew: true, reconnection: false });
      await new Promise<void>((resolve, reject) => s.once('connect', resolve).once('connect_error', reject));
      const join = (await s.timeout(5_000).emitWithAck('session:join', { token: bad.token })) as Ack<unknown>;
      expect(join.ok ? 'ok' : join.error.code, bad.kind).toBe(bad.code);
      for (const { type, command } of samples) {
        const ack = (await s.timeout(5_000).emitWithAck('command', { command })) as Ack<unknown>;
        expect(ack.ok ? 'ok' : ack.error.code, `${bad.kind} ${type}`).toBe('unauthorized');
      }
      s.disconnect();
    }
    if (v0.ok) await nothingChangedSince(v0.data.version, 'refused tokens');
  });

  it("another meeting's token acts on that meeting only, never on this one", async () => {
    const other = await faultClient(srv.url, srv.sign('moderator', 'chair-m2', { meetingId: 'wsis2021-m2' }));
    clients.push(other);
    expect(other.me!.meetingId).toBe('wsis2021-m2');
    const v0 = await watcher.send({ type: 'agenda:add', title: 'before other meeting', plannedMinutes: 1 });
    expect(v0.ok).toBe(true);
    const otherBefore = other.version;
    let accepted = 0;
    for (const { command } of sampleCommands({ participantId: 'chair-m2' })) {
      const ack = await other.send(command as never);
      if (ack.ok) accepted++;
    }
    expect(accepted).toBeGreaterThan(0);
    expect(other.version).toBeGreaterThan(otherBefore);
    if (v0.ok) await nothingChangedSince(v0.data.version, "another meeting's moderator");
  });
});

describe('permission matrix over HTTP exports', () => {
  it('every export × every token kind answers as its roles say', async () => {
    const exports = registeredExports();
    expect(exports.length).toBeGreaterThanOrEqual(4);
    const meeting = 'wsis2021-m3';
    const cells: string[] = [];
    for (const ex of exports) {
      const roles = ex.roles ?? ['moderator'];
      const kinds: Array<{ kind: string; token: string | null; status: number; code?: string }> = [
        ...ROLES.map((role) => {
          const ok = roles.includes(role);
          return { kind: role, token: srv.sign(role, personFor(role)), status: ok ? 200 : 403, ...(ok ? {} : { code: 'forbidden' }) };
        }),
        // A removed participant: refused by role first, else because they were removed.
        { kind: 'removed participant', token: srv.sign('participant', REMOVED), status: 403, code: roles.includes('participant') ? 'participant.removed' : 'forbidden' },
        { kind: "another meeting's moderator", token: srv.sign('moderator', 'chair-m2', { meetingId: 'wsis2021-m2' }), status: 403, code: 'forbidden' },
        { kind: 'invite token', token: srv.sign('moderator', null, { kind: 'invite' }), status: 403, code: 'forbidden' },
        ...badTokens()
          .filter((b) => b.kind.startsWith('tampered') || b.kind === 'expired' || b.kind === 'other secret')
          .map((b) => ({ kind: b.kind, token: b.token, status: 401, code: b.code })),
        { kind: 'no token', token: null, status: 401, code: 'unauthorized' },
      ];
      for (const k of kinds) {
        const res = await fetch(`${srv.url}/api/meetings/${meeting}/${ex.file}`, k.token ? { headers: { authorization: `Bearer ${k.token}` } } : {});
        const body = await res.text();
        expect(res.status, `${ex.file} × ${k.kind}: ${body.slice(0, 200)}`).toBe(k.status);
        if (k.code) expect(JSON.parse(body).error.code, `${ex.file} × ${k.kind}`).toBe(k.code);
        else expect(res.headers.get('content-type')).toBe(ex.contentType);
        cells.push(`${ex.file}×${k.kind}`);
      }
    }
    record('permissions-http', { exports: exports.map((e) => e.file), cells: cells.length });
  });
});
