/**
 * The secretariat against a real server: who may review (secretariat token only), filters, the
 * review commands through HTTP, an accepted submission attached to a meeting's agenda item and
 * readable by that meeting's pages, the compilation (Markdown and CSV, headings in the reader's
 * language, published only for the public, formula-safe), the consultation calendar parsed back,
 * a restart (SQLite and Redis) that keeps submissions and edit links, and two processes on one Redis.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CommandResponse, MeetingSubmissions, PublicConsultation, PublishedList, ReviewList } from '../../shared/consultation-protocol.js';
import { cleanRedisPrefix, connectClient, startTestServer, uniqueRedisPrefix } from '../helpers/server.js';
import { api, clockedServer, FIELDS, parseIcs, tinyPdf, upload, type Clocked } from './consultation-kit.js';

let c: Clocked | null = null;
afterEach(async () => {
  await c?.srv.stop();
  c = null;
});

const CID = 'wsis2021';
const cmd = (cl: Clocked, body: unknown, token = cl.srv.tokens.secretariat) => api(cl.srv, 'POST', `/api/consultations/${CID}/commands`, body, token);

describe('secretariat review', () => {
  it('is refused without a token, with a meeting moderator token and with an edit link; filters by call, group, language and status', async () => {
    c = await clockedServer('2021-03-07T10:00:00Z'); // after the last seeded sample (5 March)
    const mine = (await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'format', fields: { ...FIELDS, language: 'ar', group: 'academia' } })).body;
    const list = `/api/consultations/${CID}/review/submissions`;
    expect((await api(c.srv, 'GET', list)).status).toBe(401);
    expect((await api(c.srv, 'GET', list, undefined, c.srv.tokens.moderator)).status).toBe(401); // a pl1 token is not a consultation token
    expect((await api(c.srv, 'GET', list, undefined, mine.editToken)).body.error.code).toBe('forbidden');
    const review = { type: 'submission:review', submissionId: mine.submission.id, status: 'accepted' };
    expect((await cmd(c, review, mine.editToken)).body.error.code).toBe('forbidden');
    expect((await cmd(c, review, c.srv.tokens.moderator)).status).toBe(401);
    expect((await api(c.srv, 'POST', `/api/consultations/${CID}/commands`, review)).status).toBe(401);
    const other = c.srv.app.consultations.tokens.sign({ kind: 'secretariat', consultationId: 'other', exp: Date.parse('2100-01-01') });
    expect((await cmd(c, review, other)).body.error.code).toBe('forbidden');
    const expired = c.srv.app.consultations.tokens.sign({ kind: 'secretariat', consultationId: CID, exp: Date.parse('2021-01-01') });
    expect((await cmd(c, review, expired)).body.error.code).toBe('token_expired');

    const all = await api(c.srv, 'GET', list, undefined, c.srv.tokens.secretariat);
    expect(all.status).toBe(200);
    ReviewList.parse(all.body);
    expect(all.body.counts).toMatchObject({ total: 8, status: { accepted: 5, received: 2, duplicate: 1 } });
    expect(all.body.submissions[0].id).toBe(mine.submission.id); // newest first
    const q = async (query: string) => (await api(c!.srv, 'GET', `${list}?${query}`, undefined, c!.srv.tokens.secretariat)).body.submissions.map((x: any) => x.id);
    expect(await q('call=format')).toEqual([mine.submission.id, 'sample-hubs-again', 'sample-hubs']);
    expect(await q('language=ar')).toEqual([mine.submission.id, 'sample-egov']);
    expect(await q('group=academia&status=received')).toEqual([mine.submission.id]);
    expect(await q('status=duplicate')).toEqual(['sample-hubs-again']);
    expect(await q('actionLine=C5')).toEqual(['sample-egov']);
    expect((await api(c.srv, 'GET', `${list}?status=lost`, undefined, c.srv.tokens.secretariat)).body.error.code).toBe('bad_request');
  });

  it('accepts, tags, publishes and attaches to an agenda item, which the meeting then shows; refusals change nothing', async () => {
    c = await clockedServer('2021-02-01T10:00:00Z');
    const mine = (await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'thematic', fields: FIELDS })).body;
    const sid = mine.submission.id;
    const m3 = await c.srv.service.get('wsis2021-m3');
    const itemId = m3.agenda.items[2]!.id;

    expect((await cmd(c, { type: 'submission:publish', submissionId: sid, published: true })).body.error.code).toBe('submission.not_accepted');
    expect((await cmd(c, { type: 'submission:linkAgenda', submissionId: sid, meetingId: 'wsis2021-m3', itemId })).body.error.code).toBe('submission.not_accepted');
    const acc = await cmd(c, { type: 'submission:review', submissionId: sid, status: 'accepted', note: 'Fits the hybrid session' });
    CommandResponse.parse(acc.body);
    expect(acc.body.submission).toMatchObject({ status: 'accepted', reviewNote: 'Fits the hybrid session' });
    expect((await cmd(c, { type: 'submission:tag', submissionId: sid, actionLines: ['C2', 'C4'], themes: ['digital-inclusion'] })).body.submission).toMatchObject({ actionLines: ['C2', 'C4'], themes: ['digital-inclusion'] });
    expect((await cmd(c, { type: 'submission:tag', submissionId: sid, actionLines: ['C12'] })).body.error.code).toBe('bad_request');
    expect((await cmd(c, { type: 'submission:linkAgenda', submissionId: sid, meetingId: 'wsis2021-m3', itemId: 'no-such-item' })).body.error.code).toBe('agenda.item_not_found');
    expect((await cmd(c, { type: 'submission:linkAgenda', submissionId: sid, meetingId: 'no-meeting', itemId })).body.error.code).toBe('not_found');
    expect((await cmd(c, { type: 'submission:linkAgenda', submissionId: sid, meetingId: 'wsis2021-m3', itemId })).status).toBe(200);

    const before = await api(c.srv, 'GET', `/api/meetings/wsis2021-m3/submissions?item=${itemId}`);
    expect(before.body.submissions.map((x: any) => x.id)).toEqual(['sample-hubs']); // published ones only
    const forChair = await api(c.srv, 'GET', `/api/meetings/wsis2021-m3/submissions?item=${itemId}`, undefined, c.srv.tokens.moderator);
    expect(forChair.body.submissions.map((x: any) => x.id).sort()).toEqual(['sample-hubs', sid].sort());
    expect((await api(c.srv, 'GET', '/api/meetings/wsis2021-m3/submissions', undefined, c.srv.tokens.participants[0])).body.error.code).toBe('forbidden');

    expect((await cmd(c, { type: 'submission:publish', submissionId: sid, published: true })).body.submission.published).toBe(true);
    const after = await api(c.srv, 'GET', `/api/meetings/wsis2021-m3/submissions?item=${itemId}`);
    MeetingSubmissions.parse(after.body);
    expect(after.body).toMatchObject({ consultationId: CID });
    expect(after.body.submissions.map((x: any) => x.id)).toContain(sid);
    const pub = await api(c.srv, 'GET', `/api/consultations/${CID}/submissions/published`);
    PublishedList.parse(pub.body);
    expect(pub.body.submissions.find((x: any) => x.id === sid)).toMatchObject({ title: FIELDS.title, name: FIELDS.name });
    expect(pub.body.submissions.find((x: any) => x.id === sid)).not.toHaveProperty('consent');
  });
});

describe('agenda items by title', () => {
  // The raw JSON (checked against the contract): zod's parse would strip fields the public must not get.
  const view = async (cl: Clocked): Promise<PublicConsultation> => {
    const body = (await api(cl.srv, 'GET', `/api/consultations/${CID}`)).body;
    PublicConsultation.parse(body);
    return body;
  };
  const agendaOf = async (cl: Clocked, mid: string) => (await view(cl)).phases.flatMap((p) => p.meetings).find((m) => m.id === mid)!.agenda;

  it('the public data carries each meeting\'s agenda (id and title, in order, live); attaching to an item not on that meeting\'s agenda is refused and changes nothing', async () => {
    c = await clockedServer('2021-02-01T10:00:00Z');
    const mod = await connectClient(c.srv.url, c.srv.tokens.moderator); // the chair of wsis2021-m3
    try {
      // Every linked meeting, with exactly its items' ids and titles in agenda order (nothing else of them).
      const v = await view(c);
      for (const m of v.phases.flatMap((p) => p.meetings)) {
        const state = await c.srv.service.get(m.id);
        expect(m.agenda).toEqual(state.agenda.items.map((i) => ({ id: i.id, title: i.title })));
      }
      const before = await agendaOf(c, 'wsis2021-m3');
      expect(before.length).toBeGreaterThan(2);
      for (const i of before) expect(Object.keys(i).sort()).toEqual(['id', 'title']);

      // It is read from the meeting, not copied: the chair's edits show on the next read.
      expect((await mod.send({ type: 'agenda:add', title: 'Late addition: youth voices', plannedMinutes: 5 })).ok).toBe(true);
      const moved = before[before.length - 1]!;
      expect((await mod.send({ type: 'agenda:move', itemId: moved.id, toIndex: 0 })).ok).toBe(true);
      const after = await agendaOf(c, 'wsis2021-m3');
      expect(after.map((i) => i.title)).toEqual([moved.title, ...before.slice(0, -1).map((i) => i.title), 'Late addition: youth voices']);

      // A seeded sample is attached to an item of m3; the chair removes that item (if it is not the current one).
      const sample = (await c.srv.app.consultations.service.get(CID)).submissions['sample-hubs']!;
      const linked = sample.agendaLinks.find((l) => l.meetingId === 'wsis2021-m3')!;
      expect(linked).toBeDefined();
      const m3 = await c.srv.service.get('wsis2021-m3');
      if (m3.agenda.currentItemId === linked.itemId) {
        expect((await mod.send({ type: 'agenda:setCurrent', itemId: after.find((i) => i.id !== linked.itemId)!.id })).ok).toBe(true);
      }
      expect((await mod.send({ type: 'agenda:remove', itemId: linked.itemId })).ok).toBe(true);
      expect((await agendaOf(c, 'wsis2021-m3')).map((i) => i.id)).not.toContain(linked.itemId);

      // Attaching to it now is refused with a typed error; so is an item of another meeting, and the log does not move.
      const mine = (await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'thematic', fields: FIELDS })).body;
      const sid = mine.submission.id;
      expect((await cmd(c, { type: 'submission:review', submissionId: sid, status: 'accepted' })).status).toBe(200);
      const version = (await c.srv.app.consultations.service.get(CID)).version;
      const removed = await cmd(c, { type: 'submission:linkAgenda', submissionId: sid, meetingId: 'wsis2021-m3', itemId: linked.itemId });
      expect(removed.status).toBe(422);
      expect(removed.body.error.code).toBe('agenda.item_not_found');
      const m1Item = (await agendaOf(c, 'wsis2021-m1'))[0]!;
      expect((await cmd(c, { type: 'submission:linkAgenda', submissionId: sid, meetingId: 'wsis2021-m3', itemId: m1Item.id })).body.error.code).toBe('agenda.item_not_found');
      const state = await c.srv.app.consultations.service.get(CID);
      expect(state.version).toBe(version);
      expect(state.submissions[sid]!.agendaLinks).toEqual([]);

      // The old link stays on the record (the client names it "removed item") and can still be detached.
      const pub = (await api(c.srv, 'GET', `/api/consultations/${CID}/submissions/published`)).body;
      expect(pub.submissions.find((x: any) => x.id === 'sample-hubs').agendaLinks).toContainEqual(linked);
      const detach = await cmd(c, { type: 'submission:linkAgenda', submissionId: 'sample-hubs', meetingId: 'wsis2021-m3', itemId: linked.itemId, linked: false });
      expect(detach.status).toBe(200);
      expect(detach.body.submission.agendaLinks).not.toContainEqual(linked);

      // An item by its title from the public data is accepted.
      const late = (await agendaOf(c, 'wsis2021-m3')).find((i) => i.title === 'Late addition: youth voices')!;
      const ok = await cmd(c, { type: 'submission:linkAgenda', submissionId: sid, meetingId: 'wsis2021-m3', itemId: late.id });
      expect(ok.body.submission.agendaLinks).toEqual([{ meetingId: 'wsis2021-m3', itemId: late.id }]);
    } finally {
      mod.close();
    }
  });
});

describe('compilation', () => {
  it('groups accepted submissions by call, theme and group with counts, headings in the reader language; public sees published only; CSV is formula-safe', async () => {
    c = await clockedServer('2021-02-01T10:00:00Z');
    const evil = (await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'thematic', fields: { ...FIELDS, title: '=HYPERLINK("http://x","click")', organisation: '+cmd' } })).body;
    await cmd(c, { type: 'submission:review', submissionId: evil.submission.id, status: 'accepted' });
    await cmd(c, { type: 'submission:tag', submissionId: evil.submission.id, themes: ['covid-recovery'] });

    const md = await fetch(`${c.srv.url}/api/consultations/${CID}/compilation.md?lang=ar`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const text = await md.text();
    expect(text).toMatch(/^# تجميع المساهمات: منتدى القمة العالمية لمجتمع المعلومات 2021/);
    expect(text).toContain('## مساهمات بشأن الجوانب المواضيعية (2)');
    expect(text).toContain('#### المجتمع المدني (1)');
    expect(text).toContain('| **المجموع** | 2 | 1 | 0 | 1 | 4 |');
    expect(text).not.toContain('HYPERLINK'); // accepted but not published
    expect(text).not.toContain('Выдвижение'); // accepted, no consent, not published

    const sec = `${c.srv.url}/api/consultations/${CID}/compilation.md?scope=accepted&lang=en`;
    expect((await fetch(sec)).status).toBe(401);
    const full = await (await fetch(sec, { headers: { authorization: `Bearer ${c.srv.tokens.secretariat}` } })).text();
    expect(full).toContain('## Contributions on thematic aspects (3)');
    expect(full).toContain('## Nominations of High-Level Track facilitators (1)');
    expect(full).toContain('| **Total** | 3 | 1 | 1 | 1 | 6 |');
    expect(full).toContain('\\=HYPERLINK');

    const csv = await (await fetch(`${c.srv.url}/api/consultations/${CID}/compilation.csv?scope=accepted&lang=fr`, { headers: { authorization: `Bearer ${c.srv.tokens.secretariat}` } })).text();
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Référence,Appel,Thème,Groupe de parties prenantes,Pays,Langue,Nom,Organisation,Titre,Grandes orientations du SMSI,Soumise le,Pièce jointe,Texte');
    const evilRow = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(evilRow).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(evilRow).toContain(`,'+cmd,`);
    expect(lines.filter((l) => l.startsWith('WSIS2021-0001,')).length).toBe(2); // two themes, two rows

    // The meeting minutes follow ?lang= too.
    const minutes = await (await fetch(`${c.srv.url}/api/meetings/wsis2021-m3/minutes.md?lang=ar`, { headers: { authorization: `Bearer ${c.srv.tokens.moderator}` } })).text();
    expect(minutes.startsWith('# محضر الاجتماع: ')).toBe(true);
    expect(minutes).toContain('## الحضور');
  });
});

describe('calendar', () => {
  it('has one VEVENT per phase and per meeting, stable UIDs, UTC times for timed phases and host dates for all-day ones', async () => {
    c = await clockedServer('2021-02-01T10:00:00Z');
    const res = await fetch(`${c.srv.url}/api/consultations/${CID}/calendar.ics?lang=fr`);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    const { lines, events } = parseIcs(text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(events.map((e) => e.UID)).toEqual([
      'phase-opening.wsis2021@plenary',
      'wsis2021-m1@plenary',
      'phase-igf-open-forum.wsis2021@plenary',
      'wsis2021-m2@plenary',
      'phase-second-meeting.wsis2021@plenary',
      'wsis2021-m3@plenary',
      'phase-deadline.wsis2021@plenary',
      'phase-final-briefing.wsis2021@plenary',
      'wsis2021-m4@plenary',
    ]);
    expect(events[0]).toMatchObject({ DTSTART: '20200909T130000Z', DTEND: '20200909T140000Z', SUMMARY: 'Ouverture virtuelle de la consultation' });
    expect(events[2]).toMatchObject({ DTSTART: '20201106T091000Z', DTEND: '20201106T101000Z' });
    expect(events[6]).toMatchObject({ 'DTSTART;VALUE=DATE': '20210308', 'DTEND;VALUE=DATE': '20210309' });
    expect(events[6]!.DESCRIPTION).toContain('Fuseau horaire: Europe/Zurich');
    expect(events[5]).toMatchObject({ DTSTART: '20210129T130000Z', DTEND: '20210129T143000Z' });
    // Same meeting, same UID as the meeting's own calendar file.
    const own = await (await fetch(`${c.srv.url}/api/meetings/wsis2021-m3/meeting.ics?t=${c.srv.tokens.moderator}`)).text();
    expect(parseIcs(own).events[0]!.UID).toBe(events[5]!.UID);
    const again = parseIcs(await (await fetch(`${c.srv.url}/api/consultations/${CID}/calendar.ics`)).text());
    expect(again.events.map((e) => e.UID)).toEqual(events.map((e) => e.UID));
  });
});

describe.each([
  ['SQLite', {}],
  ['Redis', { redisUrl: 'redis://127.0.0.1:6379' }],
])('restart (%s)', (_name, opts) => {
  it('keeps submissions, reviews and attachments; the edit link still works', async () => {
    c = await clockedServer('2021-02-01T10:00:00Z', opts);
    const a = (await api(c.srv, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'regional-input', fields: FIELDS })).body;
    expect((await upload(c.srv, CID, a.submission.id, a.editToken, tinyPdf())).status).toBe(200);
    await cmd(c, { type: 'submission:review', submissionId: a.submission.id, status: 'declined', note: 'Out of scope' });
    const srv2 = await c.srv.restart();
    c = { srv: srv2, setNow: c.setNow };
    const read = await api(srv2, 'GET', `/api/consultations/${CID}/submissions/${a.submission.id}`, undefined, a.editToken);
    expect(read.status).toBe(200);
    expect(read.body.submission).toMatchObject({ ref: 'WSIS2021-0008', status: 'declined', reviewNote: 'Out of scope', attachment: { size: tinyPdf().length } });
    const pdf = await fetch(`${srv2.url}${read.body.submission.attachment.url}`, { headers: { authorization: `Bearer ${a.editToken}` } });
    expect(Buffer.from(await pdf.arrayBuffer()).equals(tinyPdf())).toBe(true);
    // Seeding again on restart adds nothing.
    expect((await api(srv2, 'GET', `/api/consultations/${CID}/review/submissions`, undefined, srv2.tokens.secretariat)).body.counts.total).toBe(8);
  });
});

describe('two processes on one Redis', () => {
  it('a submission made on one is reviewed on the other, and each sees the other’s changes at once', async () => {
    const redisUrl = 'redis://127.0.0.1:6379';
    const redisPrefix = uniqueRedisPrefix();
    const clock = { now: () => Date.parse('2021-02-01T10:00:00Z') };
    const a = await startTestServer({ redisUrl, redisPrefix, app: { clock } });
    const b = await startTestServer({ redisUrl, redisPrefix, app: { clock } });
    try {
      const made = (await api(a, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'format', fields: FIELDS })).body;
      const onB = await api(b, 'POST', `/api/consultations/${CID}/commands`, { type: 'submission:review', submissionId: made.submission.id, status: 'accepted' }, b.tokens.secretariat);
      expect(onB.body.submission).toMatchObject({ ref: made.submission.ref, status: 'accepted' });
      const backOnA = await api(a, 'GET', `/api/consultations/${CID}/submissions/${made.submission.id}`, undefined, made.editToken);
      expect(backOnA.body.submission.status).toBe('accepted');
      // Both seeded once between them: seven samples, plus this one.
      expect((await api(a, 'GET', `/api/consultations/${CID}/review/submissions`, undefined, a.tokens.secretariat)).body.counts.total).toBe(8);
      // Concurrent creations on both processes get distinct reference numbers.
      const both = await Promise.all([a, b, a, b].map((s) => api(s, 'POST', `/api/consultations/${CID}/submissions`, { callId: 'format', fields: FIELDS })));
      const refs = both.map((r) => r.body.submission.ref);
      expect(new Set(refs).size).toBe(4);
    } finally {
      await a.stop();
      await b.stop();
      await cleanRedisPrefix(redisUrl, redisPrefix);
    }
  });
});
