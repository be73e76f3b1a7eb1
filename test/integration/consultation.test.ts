/**
 * Submissions against a real server (SQLite in a temp dir, the seeded WSIS consultation, a clock the
 * test moves): the public page's phases and statuses, a submission at 23:59:59 Geneva time on
 * 8 March 2021 accepted and one at midnight refused (and nothing stored), the private edit link
 * until the deadline, PDF attachments checked by content and size and kept on disk, bad input,
 * per-address limits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthorSubmissionResponse, ConsultationList, PublicConsultation } from '../../shared/consultation-protocol.js';
import { api, clockedServer, FIELDS, tinyPdf, upload, type Clocked } from './consultation-kit.js';

let c: Clocked | null = null;
afterEach(async () => {
  await c?.srv.stop();
  c = null;
});

const CID = 'wsis2021';
/** 8 March 2021, 23:59:59 in Geneva (CET, UTC+1). */
const LAST_SECOND = '2021-03-08T23:59:59+01:00';
const MIDNIGHT = '2021-03-09T00:00:00+01:00';

describe('the public consultation', () => {
  it('shows five phases in Zurich time with statuses by the clock, the calls and the meetings with join links while not over', async () => {
    c = await clockedServer('2021-01-29T13:30:00Z'); // 14:30 in Geneva, during the second meeting
    const r = await api(c.srv, 'GET', `/api/consultations/${CID}`);
    expect(r.status).toBe(200);
    const v = PublicConsultation.parse(r.body) as any; // the contract's own schema accepts the answer
    expect(v.timeZone).toBe('Europe/Zurich');
    expect(v.now).toBe(Date.parse('2021-01-29T13:30:00Z'));
    expect(v.phases.map((p: any) => [p.kind, p.status])).toEqual([
      ['opening', 'closed'],
      ['meeting', 'closed'],
      ['meeting', 'open'],
      ['deadline', 'upcoming'],
      ['briefing', 'upcoming'],
    ]);
    expect(v.phases[0]).toMatchObject({ startsAt: Date.parse('2020-09-09T15:00:00+02:00'), endsAt: Date.parse('2020-09-09T16:00:00+02:00') });
    expect(v.phases[1]).toMatchObject({ startsAt: Date.parse('2020-11-06T10:10:00+01:00'), endsAt: Date.parse('2020-11-06T11:10:00+01:00') });
    expect(v.phases[0].title.text.ar).toBeTruthy();
    expect(v.calls.map((x: any) => [x.id, x.status, x.deadline])).toEqual([
      ['thematic', 'open', '2021-03-08'],
      ['format', 'open', '2021-03-08'],
      ['hlt-nomination', 'open', '2021-03-08'],
      ['regional-input', 'open', '2021-03-08'],
    ]);
    const m1 = v.phases[0].meetings[0];
    const m3 = v.phases[2].meetings[0];
    expect(m1).toMatchObject({ id: 'wsis2021-m1', status: 'closed', joinUrl: null });
    expect(m3).toMatchObject({ id: 'wsis2021-m3', status: 'open', startsAt: '2021-01-29T14:00:00+01:00', timeZone: 'Europe/Zurich' });
    expect(m3.joinUrl).toMatch(/^\/join\?t=pl1\./);
    expect(v.published).toBe(4);
    expect((await api(c.srv, 'GET', '/api/consultations/nope')).body.error.code).toBe('not_found');
    expect(ConsultationList.parse((await api(c.srv, 'GET', '/api/consultations')).body).consultations.map((x) => x.id)).toEqual([CID]);
  });
});

describe('the deadline in the host zone', () => {
  it('accepts a submission at 23:59:59 on 8 March 2021 in Geneva and refuses one at 00:00:00, storing nothing', async () => {
    c = await clockedServer(LAST_SECOND);
    const ok = await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'thematic', fields: FIELDS });
    expect(ok.status).toBe(201);
    AuthorSubmissionResponse.parse(ok.body);
    expect(ok.body.submission).toMatchObject({ ref: 'WSIS2021-0008', status: 'received', title: FIELDS.title, group: 'civil-society' });
    expect(ok.body.editToken).toMatch(/^pc1\./);
    expect(ok.body.editUrl).toBe(`/c/${CID}/edit/${ok.body.submission.id}?t=${encodeURIComponent(ok.body.editToken)}`);
    expect(ok.body.editableUntil).toBe(Date.parse(MIDNIGHT));
    expect(ok.body.editable).toBe(true);

    c.setNow(MIDNIGHT);
    const late = await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'thematic', fields: { ...FIELDS, title: 'Too late' } });
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'consultation.deadline_passed', params: { deadline: '2021-03-08', timeZone: 'Europe/Zurich' } });
    const list = await api(c.srv, 'GET', `/api/consultations/${CID}/review/submissions`, undefined, c.srv.tokens.secretariat);
    expect(list.body.submissions.map((x: any) => x.title)).not.toContain('Too late');
    expect(list.body.counts.total).toBe(8);
  });

  it('refuses malformed input with bad_request naming the field, and changes nothing', async () => {
    c = await clockedServer('2021-02-01T10:00:00Z');
    const bad = await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'thematic', fields: { ...FIELDS, group: 'media', text: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    expect(bad.body.error.message).toMatch(/fields\.group/);
    const long = await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'thematic', fields: { ...FIELDS, text: 'x'.repeat(20_001) } });
    expect(long.body.error.code).toBe('bad_request');
    // The longest text allowed, in Chinese (60 KB of UTF-8), is accepted; a body past 128 KiB is not.
    const chinese = await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'thematic', fields: { ...FIELDS, language: 'zh', text: '信'.repeat(20_000) } });
    expect(chinese.status).toBe(201);
    const huge = await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'thematic', fields: { ...FIELDS, text: 'x'.repeat(140_000) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    const res = await fetch(`${c.srv.url}/api/consultations/${CID}/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"callId":' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
    const noCall = await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'photo-contest', fields: FIELDS });
    expect(noCall.body.error.code).toBe('consultation.call_not_found');
    const list = await api(c.srv, 'GET', `/api/consultations/${CID}/review/submissions`, undefined, c.srv.tokens.secretariat);
    expect(list.body.counts.total).toBe(8); // the seven seeded and the Chinese one
  });
});

describe('the private edit link', () => {
  it('edits and withdraws until the deadline; afterwards it still reads but refuses edits; other links are refused', async () => {
    c = await clockedServer('2021-03-08T20:00:00Z');
    const a = (await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'format', fields: FIELDS })).body;
    const b = (await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'format', fields: { ...FIELDS, name: 'Someone else' } })).body;
    const own = `/api/consultations/${CID}/submissions/${a.submission.id}`;

    const edited = await api(c.srv, 'PATCH', own, { changes: { title: 'Edited title', language: 'fr' } }, a.editToken);
    expect(edited.status).toBe(200);
    // Only the fields sent change: the organisation (a field with a default on create) is kept.
    expect(edited.body.submission).toMatchObject({ title: 'Edited title', language: 'fr', ref: a.submission.ref, organisation: FIELDS.organisation, text: FIELDS.text });
    expect((await api(c.srv, 'PATCH', own, { changes: { title: 'x' } })).status).toBe(401);
    expect((await api(c.srv, 'PATCH', own, { changes: { title: 'x' } }, b.editToken)).body.error.code).toBe('forbidden');
    expect((await api(c.srv, 'PATCH', own, { changes: { title: 'x' } }, `${a.editToken.slice(0, -2)}xx`)).body.error.code).toBe('unauthorized');
    expect((await api(c.srv, 'PATCH', own, { changes: { title: 'x' } }, c.srv.tokens.moderator)).body.error.code).toBe('unauthorized');
    expect((await api(c.srv, 'PATCH', own, { changes: { title: 'x' } }, c.srv.tokens.secretariat)).body.error.code).toBe('forbidden');

    c.setNow('2021-03-08T23:00:00Z'); // midnight in Geneva
    const late = await api(c.srv, 'PATCH', own, { changes: { title: 'After the deadline' } }, a.editToken);
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('consultation.deadline_passed');
    const read = await api(c.srv, 'GET', own, undefined, a.editToken);
    expect(read.body).toMatchObject({ editable: false, submission: { title: 'Edited title' } });
    expect((await api(c.srv, 'POST', `${own}/withdraw`, undefined, a.editToken)).body.error.code).toBe('consultation.deadline_passed');

    // The secretariat extends the call: the same link works again, and withdrawing is final.
    const ext = await api(c.srv, 'POST', `/api/consultations/${CID}/commands`, { type: 'call:extend', callId: 'format', deadline: '2021-03-15', reason: 'Late inputs from regional events' }, c.srv.tokens.secretariat);
    expect(ext.status).toBe(200);
    expect((await api(c.srv, 'POST', `${own}/withdraw`, undefined, a.editToken)).body.submission.status).toBe('withdrawn');
    expect((await api(c.srv, 'PATCH', own, { changes: { title: 'x' } }, a.editToken)).body.error.code).toBe('submission.withdrawn');
    const pub = (await api(c.srv, 'GET', `/api/consultations/${CID}`)).body;
    expect(pub.calls.find((x: any) => x.id === 'format')).toMatchObject({ deadline: '2021-03-15', status: 'open', extensions: [{ from: '2021-03-08', to: '2021-03-15' }] });
  });
});

describe('PDF attachments', () => {
  it('stores a PDF on disk under DATA_DIR, refuses a non-PDF by content and one over 5 MB, serves it to its author only until published', async () => {
    c = await clockedServer('2021-02-01T10:00:00Z');
    const a = (await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'thematic', fields: FIELDS })).body;
    const sid = a.submission.id;
    const pdf = tinyPdf();
    const up = await upload(c.srv, CID, sid, a.editToken, pdf, '../../etc/Contribution "final".pdf');
    expect(up.status).toBe(200);
    const meta = up.body.submission.attachment;
    expect(meta).toMatchObject({ name: 'Contribution final.pdf', size: pdf.length, url: `/api/consultations/${CID}/submissions/${sid}/attachment` });
    const onDisk = join(c.srv.dataDir, 'attachments', CID, `${meta.sha256}.pdf`);
    expect(existsSync(onDisk)).toBe(true);
    expect(readFileSync(onDisk).equals(pdf)).toBe(true);

    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    const notPdf = await upload(c.srv, CID, sid, a.editToken, png, 'looks-like.pdf');
    expect(notPdf.status).toBe(422);
    expect(notPdf.body.error.code).toBe('submission.not_pdf');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await upload(c.srv, CID, sid, a.editToken, big);
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.error).toMatchObject({ code: 'submission.attachment_too_large', params: { maxBytes: 5 * 1024 * 1024 } });
    expect((await upload(c.srv, CID, sid, 'pc1.nope.nope', pdf)).status).toBe(401);

    const file = `${c.srv.url}${meta.url}`;
    const mine = await fetch(file, { headers: { authorization: `Bearer ${a.editToken}` } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await mine.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await fetch(file)).status).toBe(404); // unpublished: not acknowledged to the public
    const sec = await fetch(file, { headers: { authorization: `Bearer ${c.srv.tokens.secretariat}` } });
    expect(sec.status).toBe(200);

    const removed = await api(c.srv, 'DELETE', `/api/consultations/${CID}/submissions/${sid}/attachment`, undefined, a.editToken);
    expect(removed.body.submission.attachment).toBeNull();
  });
});

describe('abuse limits', () => {
  it('limits submissions per address with rate_limited, and accepts again for another call later', async () => {
    c = await clockedServer('2021-02-01T10:00:00Z');
    c.srv.app.consultations.limiter.limits.create = { burst: 2, perSec: 0.001 };
    const post = () => api(c!.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'thematic', fields: FIELDS });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    const third = await post();
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('rate_limited');
    const list = await api(c.srv, 'GET', `/api/consultations/${CID}/review/submissions`, undefined, c.srv.tokens.secretariat);
    expect(list.body.counts.total).toBe(9);
  });
});
