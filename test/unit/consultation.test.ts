/**
 * The consultation aggregate's rules: the deadline day in the host zone (23:59:59 accepted, midnight
 * refused, on both sides of DST and in a zone that jumps at midnight), phase and call status by the
 * clock, phases from host wall time (CEST in September, CET in November), translatable fallback,
 * permissions, authors' edits, review transitions, publication and agenda links.
 */
import { describe, expect, it } from 'vitest';
import { deadlineClosesAt, statusAt, tr, translated, type Translatable } from '../../shared/domain/index.js';
import { PUBLIC, SECRETARIAT, T0, author, consultation, refusal, run, submit } from './consultation-fixture.js';

const ZH = 'Europe/Zurich';
const SEC = 1000;

describe('deadline day in the host zone', () => {
  it('8 March 2021 in Zurich (CET) closes at 23:00 UTC: 23:59:59 accepted, 00:00:00 refused with a typed error', () => {
    const closes = deadlineClosesAt('2021-03-08', ZH);
    expect(closes).toBe(Date.parse('2021-03-09T00:00:00+01:00'));
    const s = consultation('2021-03-08');
    expect(submit(s, closes - SEC).s.submissionCount).toBe(1);
    expect(submit(s, closes - 1).s.submissionCount).toBe(1);
    const e = refusal(s, { type: 'submission:create', callId: 'thematic', fields: { ...FIELDS_MIN } }, PUBLIC, closes);
    expect(e).toMatchObject({ code: 'consultation.deadline_passed', params: { deadline: '2021-03-08', timeZone: ZH } });
  });

  it.each([
    // [deadline day, first refused instant] around Zurich's 2021 transitions
    ['2021-03-27', '2021-03-27T23:00:00Z'], // the night before clocks go forward: still CET
    ['2021-03-28', '2021-03-28T22:00:00Z'], // the day clocks go forward: midnight after is CEST
    ['2021-10-30', '2021-10-30T22:00:00Z'], // the day before clocks go back: CEST
    ['2021-10-31', '2021-10-31T23:00:00Z'], // the day clocks go back: midnight after is CET
  ])('deadline %s in Zurich closes at %s', (day, utc) => {
    expect(deadlineClosesAt(day, ZH)).toBe(Date.parse(utc));
    const s = consultation(day);
    const closes = Date.parse(utc);
    expect(submit(s, closes - SEC).s.submissionCount).toBe(1);
    expect(refusal(s, { type: 'submission:create', callId: 'thematic', fields: FIELDS_MIN }, PUBLIC, closes).code).toBe('consultation.deadline_passed');
  });

  it('a zone whose clocks jump at midnight (Santiago, 5 Sep 2021 00:00 → 01:00): the day ends at the jump', () => {
    expect(deadlineClosesAt('2021-09-04', 'America/Santiago')).toBe(Date.parse('2021-09-04T23:59:59-04:00') + SEC);
    // Clocks turned back at midnight (4 Apr 2021): the repeated 23:xx hour still belongs to the 3rd.
    expect(deadlineClosesAt('2021-04-03', 'America/Santiago')).toBe(Date.parse('2021-04-04T00:00:00-04:00'));
  });

  it('before the call opens: call_not_open with the opening instant', () => {
    const s = consultation();
    const e = refusal(s, { type: 'submission:create', callId: 'thematic', fields: FIELDS_MIN }, PUBLIC, Date.parse('2020-09-09T12:59:59Z'));
    expect(e).toMatchObject({ code: 'consultation.call_not_open', params: { opensAt: '2020-09-09T13:00:00.000Z' } });
    expect(submit(s, Date.parse('2020-09-09T13:00:00Z')).s.submissionCount).toBe(1);
  });

  it('the secretariat extends a deadline (recorded with the old one), which reopens the call', () => {
    let s = consultation();
    const late = Date.parse('2026-12-03T10:00:00Z');
    expect(refusal(s, { type: 'submission:create', callId: 'thematic', fields: FIELDS_MIN }, PUBLIC, late).code).toBe('consultation.deadline_passed');
    expect(refusal(s, { type: 'call:extend', callId: 'thematic', deadline: '2099-12-31', reason: 'demo' }, PUBLIC).code).toBe('forbidden');
    s = run(s, { type: 'call:extend', callId: 'thematic', deadline: '2099-12-31', reason: 'Demo: reopened' });
    expect(s.calls[0]).toMatchObject({ deadline: '2099-12-31', extensions: [{ from: '2021-03-08', to: '2099-12-31', reason: 'Demo: reopened' }] });
    expect(submit(s, late).s.submissionCount).toBe(1);
    expect(refusal(s, { type: 'call:extend', callId: 'thematic', deadline: '2020-01-01', reason: 'x' }).code).toBe('consultation.invalid_deadline');
  });
});

const FIELDS_MIN = { name: 'A', group: 'academia', country: 'FR', language: 'fr', title: 'T', text: 'X', consent: false } as const;

describe('phases and status by the clock', () => {
  it('reads the host wall time in the right offset: CEST in September, CET in November, all-day in host days', () => {
    let s = consultation();
    s = run(s, { type: 'phase:add', phaseId: 'p1', phase: { kind: 'opening', title: tr('en', 'Opening'), date: '2020-09-09', startTime: '15:00', endTime: '16:00' } });
    s = run(s, { type: 'phase:add', phaseId: 'p2', phase: { kind: 'meeting', title: tr('en', 'IGF'), date: '2020-11-06', startTime: '10:10', endTime: '11:10' } });
    s = run(s, { type: 'phase:add', phaseId: 'p0', phase: { kind: 'deadline', title: tr('en', 'Deadline'), date: '2021-03-08' } });
    expect(s.phases.map((p) => p.id)).toEqual(['p1', 'p2', 'p0']); // ordered by start, not by insertion
    expect(s.phases[0]).toMatchObject({ startsAt: Date.parse('2020-09-09T13:00:00Z'), endsAt: Date.parse('2020-09-09T14:00:00Z'), allDay: false });
    expect(s.phases[1]).toMatchObject({ startsAt: Date.parse('2020-11-06T09:10:00Z'), endsAt: Date.parse('2020-11-06T10:10:00Z') });
    expect(s.phases[2]).toMatchObject({ startsAt: Date.parse('2021-03-07T23:00:00Z'), endsAt: Date.parse('2021-03-08T23:00:00Z'), allDay: true });
  });

  it('upcoming before the start, open from the start, closed from the end', () => {
    expect(statusAt(100, 200, 99)).toBe('upcoming');
    expect(statusAt(100, 200, 100)).toBe('open');
    expect(statusAt(100, 200, 199)).toBe('open');
    expect(statusAt(100, 200, 200)).toBe('closed');
  });

  it('refuses a phase that ends before it starts, half-given times, a duplicate meeting, an unknown phase', () => {
    const s = consultation();
    expect(refusal(s, { type: 'phase:add', phase: { kind: 'meeting', title: tr('en', 'X'), date: '2021-01-02', endDate: '2021-01-01' } }).code).toBe('consultation.invalid_phase');
    expect(refusal(s, { type: 'phase:add', phase: { kind: 'meeting', title: tr('en', 'X'), date: '2021-01-02', startTime: '11:00', endTime: '10:00' } }).code).toBe('consultation.invalid_phase');
    expect(refusal(s, { type: 'phase:add', phase: { kind: 'meeting', title: tr('en', 'X'), date: '2021-01-02', meetingIds: ['m1', 'm1'] } }).code).toBe('consultation.invalid_phase');
    expect(refusal(s, { type: 'phase:remove', phaseId: 'nope' }).code).toBe('consultation.phase_not_found');
    expect(() => run(s, { type: 'phase:add', phase: { kind: 'meeting', title: tr('en', 'X'), date: '2021-01-02', startTime: '10:00' } })).toThrow();
  });
});

describe('translatable fields', () => {
  const t: Translatable = { original: 'fr', text: { fr: 'Ouverture', ar: 'الافتتاح' } };
  it('gives the reader their language, else the original, and says which', () => {
    expect(translated(t, 'ar')).toEqual({ text: 'الافتتاح', lang: 'ar', fallback: false });
    expect(translated(t, 'zh')).toEqual({ text: 'Ouverture', lang: 'fr', fallback: true });
    expect(translated(t, 'fr')).toEqual({ text: 'Ouverture', lang: 'fr', fallback: false });
    expect(translated({ original: 'en', text: { en: 'Opening', ru: '' } }, 'ru')).toMatchObject({ text: 'Opening', fallback: true });
  });
});

describe('submissions: authors and permissions', () => {
  it('numbers references and lets only the author edit, attach and withdraw, until the deadline', () => {
    const first = submit(consultation());
    const { s, id } = submit(first.s);
    expect(first.s.submissions[first.id]!.ref).toBe('WSIS2021-0001');
    expect(s.submissions[id]!).toMatchObject({ ref: 'WSIS2021-0002', status: 'received', country: 'KE', published: false });
    expect(refusal(s, { type: 'submission:edit', submissionId: id, changes: { title: 'Mine' } }, author(first.id)).code).toBe('forbidden');
    expect(refusal(s, { type: 'submission:edit', submissionId: id, changes: { title: 'Mine' } }, SECRETARIAT).code).toBe('forbidden');
    const edited = run(s, { type: 'submission:edit', submissionId: id, changes: { title: 'Better title' } }, author(id));
    expect(edited.submissions[id]!).toMatchObject({ title: 'Better title', organisation: 'Digital Inclusion Network Kenya' });
    const after = deadlineClosesAt('2021-03-08', ZH);
    expect(refusal(s, { type: 'submission:edit', submissionId: id, changes: { title: 'Late' } }, author(id), after).code).toBe('consultation.deadline_passed');
    const gone = run(s, { type: 'submission:withdraw', submissionId: id }, author(id));
    expect(gone.submissions[id]!.status).toBe('withdrawn');
    expect(refusal(gone, { type: 'submission:edit', submissionId: id, changes: { title: 'x' } }, author(id)).code).toBe('submission.withdrawn');
    expect(refusal(gone, { type: 'submission:review', submissionId: id, status: 'accepted' }).code).toBe('submission.withdrawn');
  });

  it('the public may only create; the secretariat may not submit as the public', () => {
    const { s, id } = submit(consultation());
    expect(refusal(s, { type: 'submission:review', submissionId: id, status: 'accepted' }, PUBLIC).code).toBe('forbidden');
    expect(refusal(s, { type: 'submission:create', callId: 'thematic', fields: FIELDS_MIN }, SECRETARIAT).code).toBe('forbidden');
    expect(refusal(s, { type: 'submission:create', callId: 'nope', fields: FIELDS_MIN }, PUBLIC).code).toBe('consultation.call_not_found');
  });

  it('validates fields: text length, country code, stakeholder group', () => {
    const s = consultation();
    expect(() => run(s, { type: 'submission:create', callId: 'thematic', fields: { ...FIELDS_MIN, text: 'x'.repeat(20_001) } }, PUBLIC)).toThrow();
    expect(() => run(s, { type: 'submission:create', callId: 'thematic', fields: { ...FIELDS_MIN, country: 'FRA' } }, PUBLIC)).toThrow();
    expect(() => run(s, { type: 'submission:create', callId: 'thematic', fields: { ...FIELDS_MIN, group: 'media' as never } }, PUBLIC)).toThrow();
  });
});

describe('review', () => {
  it('accepts, tags, publishes; declining unpublishes; an author edit sends it back to review', () => {
    const { s: s0, id } = submit(consultation());
    expect(refusal(s0, { type: 'submission:publish', submissionId: id, published: true }).code).toBe('submission.not_accepted');
    let s = run(s0, { type: 'submission:review', submissionId: id, status: 'accepted', note: 'Good' });
    s = run(s, { type: 'submission:tag', submissionId: id, actionLines: ['C5', 'C5', 'C11'], themes: ['inclusion'] });
    s = run(s, { type: 'submission:publish', submissionId: id, published: true });
    expect(s.submissions[id]).toMatchObject({ status: 'accepted', reviewNote: 'Good', actionLines: ['C5', 'C11'], themes: ['inclusion'], published: true });
    expect(refusal(s, { type: 'submission:tag', submissionId: id, themes: ['nope'] }).code).toBe('consultation.theme_not_found');
    const declined = run(s, { type: 'submission:review', submissionId: id, status: 'declined' });
    expect(declined.submissions[id]).toMatchObject({ status: 'declined', published: false });
    const edited = run(s, { type: 'submission:edit', submissionId: id, changes: { text: 'Changed after acceptance' } }, author(id));
    expect(edited.submissions[id]).toMatchObject({ status: 'received', published: false, text: 'Changed after acceptance' });
  });

  it('publication needs consent', () => {
    const { s: s0, id } = submit(consultation(), T0, { consent: false });
    const s = run(s0, { type: 'submission:review', submissionId: id, status: 'accepted' });
    expect(refusal(s, { type: 'submission:publish', submissionId: id, published: true }).code).toBe('submission.no_consent');
  });

  it('duplicate-of must name another submission that is not itself a duplicate', () => {
    const a = submit(consultation());
    const b = submit(a.s);
    const c = submit(b.s);
    expect(refusal(c.s, { type: 'submission:review', submissionId: b.id, status: 'duplicate' }).code).toBe('submission.invalid_duplicate');
    expect(refusal(c.s, { type: 'submission:review', submissionId: b.id, status: 'duplicate', duplicateOf: b.id }).code).toBe('submission.invalid_duplicate');
    const s = run(c.s, { type: 'submission:review', submissionId: b.id, status: 'duplicate', duplicateOf: a.id });
    expect(s.submissions[b.id]).toMatchObject({ status: 'duplicate', duplicateOf: a.id });
    expect(refusal(s, { type: 'submission:review', submissionId: c.id, status: 'duplicate', duplicateOf: b.id }).code).toBe('submission.invalid_duplicate');
    // A decision can be revised: back to accepted clears duplicateOf.
    expect(run(s, { type: 'submission:review', submissionId: b.id, status: 'accepted' }).submissions[b.id]).toMatchObject({ status: 'accepted', duplicateOf: null });
  });

  it('links accepted submissions to agenda items, idempotently, and unlinks', () => {
    const { s: s0, id } = submit(consultation());
    expect(refusal(s0, { type: 'submission:linkAgenda', submissionId: id, meetingId: 'm3', itemId: 'i1' }).code).toBe('submission.not_accepted');
    let s = run(s0, { type: 'submission:review', submissionId: id, status: 'accepted' });
    s = run(s, { type: 'submission:linkAgenda', submissionId: id, meetingId: 'm3', itemId: 'i1' });
    const v = s.version;
    s = run(s, { type: 'submission:linkAgenda', submissionId: id, meetingId: 'm3', itemId: 'i1' });
    expect(s.version).toBe(v);
    expect(s.submissions[id]!.agendaLinks).toEqual([{ meetingId: 'm3', itemId: 'i1' }]);
    s = run(s, { type: 'submission:linkAgenda', submissionId: id, meetingId: 'm3', itemId: 'i1', linked: false });
    expect(s.submissions[id]!.agendaLinks).toEqual([]);
  });
});
