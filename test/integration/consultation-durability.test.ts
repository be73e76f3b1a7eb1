/**
 * Accepted submissions survive a kill -9: a real server process (server/main.ts, SQLite file) is
 * used as the demo is — the printed secretariat link reopens a call (the real deadline is past),
 * submissions and a PDF are acked — then SIGKILLed right after the last ack with more in flight;
 * a new process on the same data directory has every acked submission, its file and its edit link.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServerProcess, type ServerProcess } from '../helpers/process.js';
import { waitFor } from '../helpers/server.js';
import { FIELDS, tinyPdf } from './consultation-kit.js';

const dir = mkdtempSync(join(tmpdir(), 'plenary-consultation-durability-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<{ p: ServerProcess; secretariat: string }> {
  const p = await spawnServerProcess({ DATA_DIR: dir, REDIS_URL: '' });
  children.push(p.child);
  const secretariat = await waitFor(() => /\/c\/wsis2021\/review\?t=(\S+)/.exec(p.output())?.[1], 10_000, 'secretariat link printed');
  return { p, secretariat: decodeURIComponent(secretariat) };
}

const post = (url: string, path: string, body: unknown, token?: string) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

describe('consultation durability across SIGKILL (SQLite)', () => {
  it('keeps every acked submission and attachment; the printed links work after a restart', async () => {
    const first = await start();
    expect(first.p.output()).toContain('Public consultation page:');
    const url = first.p.url;
    // The demo's honest way to try a submission: the secretariat reopens the call.
    const late = await post(url, '/api/consultations/wsis2021/submissions', { callId: 'thematic', fields: FIELDS });
    expect((await late.json()).error.code).toBe('consultation.deadline_passed');
    const ext = await post(url, '/api/consultations/wsis2021/commands', { type: 'call:extend', callId: 'thematic', deadline: '2099-12-31', reason: 'Durability test' }, first.secretariat);
    expect(ext.status).toBe(200);

    const acked: Array<{ id: string; ref: string; editToken: string }> = [];
    for (let i = 0; i < 4; i++) {
      const r = await post(url, '/api/consultations/wsis2021/submissions', { callId: 'thematic', fields: { ...FIELDS, title: `Durable ${i}` } });
      expect(r.status).toBe(201);
      const b = await r.json();
      acked.push({ id: b.submission.id, ref: b.submission.ref, editToken: b.editToken });
    }
    const up = await fetch(`${url}/api/consultations/wsis2021/submissions/${acked[0]!.id}/attachment?name=a.pdf`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${acked[0]!.editToken}`, 'content-type': 'application/pdf' },
      body: new Uint8Array(tinyPdf()),
    });
    expect(up.status).toBe(200);
    // More in flight, then kill -9 without waiting for them.
    const inFlight = [0, 1, 2].map((i) => post(url, '/api/consultations/wsis2021/submissions', { callId: 'thematic', fields: { ...FIELDS, title: `In flight ${i}` } }).catch(() => null));
    first.p.child.kill('SIGKILL');
    await Promise.all(inFlight);
    await waitFor(() => first.p.child.exitCode !== null || first.p.child.signalCode !== null, 10_000, 'killed');

    const second = await start();
    expect(second.secretariat).toBe(first.secretariat); // same secret, same printed link
    const list = await (await fetch(`${second.p.url}/api/consultations/wsis2021/review/submissions?call=thematic`, { headers: { authorization: `Bearer ${second.secretariat}` } })).json();
    const titles: string[] = list.submissions.map((x: { title: string }) => x.title);
    for (let i = 0; i < 4; i++) expect(titles).toContain(`Durable ${i}`);
    const mine = await (await fetch(`${second.p.url}/api/consultations/wsis2021/submissions/${acked[0]!.id}?t=${encodeURIComponent(acked[0]!.editToken)}`)).json();
    expect(mine.submission).toMatchObject({ ref: acked[0]!.ref, attachment: { name: 'a.pdf', size: tinyPdf().length } });
    const file = await fetch(`${second.p.url}${mine.submission.attachment.url}?t=${encodeURIComponent(acked[0]!.editToken)}`);
    expect(Buffer.from(await file.arrayBuffer()).equals(tinyPdf())).toBe(true);
    // The seed did not run twice.
    expect(list.counts.total).toBeGreaterThanOrEqual(11);
    expect(list.counts.total).toBeLessThanOrEqual(14);
    second.p.child.kill('SIGTERM');
  }, 90_000);
});
