/// <reference types="vite/client" />
/**
 * The submission form's plumbing, from Node: which field a server refusal belongs to (so the
 * translated message lands there), the draft ↔ fields conversion, the country list named and sorted
 * in the reader's language, and sizes in words.
 */
import { describe, expect, it } from 'vitest';
import { draftToFields, emptyDraft, fieldOf, fieldsToDraft, formatBytes } from '../../client/components/consultation/submission-draft.js';
import { countryName, countryOptions } from '../../client/i18n/countries.js';

describe('fieldOf', () => {
  it('places attachment, consent and zod path errors on their field, and nothing else', () => {
    expect(fieldOf({ code: 'submission.not_pdf', message: '' })).toBe('attachment');
    expect(fieldOf({ code: 'submission.attachment_too_large', message: '', params: { maxBytes: 5 } })).toBe('attachment');
    expect(fieldOf({ code: 'submission.no_consent', message: '' })).toBe('consent');
    expect(fieldOf({ code: 'bad_request', message: 'fields.title: Too small: expected string to have >=1 characters' })).toBe('title');
    expect(fieldOf({ code: 'bad_request', message: 'changes.country: expected a two-letter country code' })).toBe('country');
    // A path that is not a form field, or a refusal about the whole form, stays on the form.
    expect(fieldOf({ code: 'bad_request', message: 'callId: Invalid string' })).toBeUndefined();
    expect(fieldOf({ code: 'consultation.deadline_passed', message: 'late', params: { deadline: '2021-03-08' } })).toBeUndefined();
  });
});

describe('draft', () => {
  it('becomes fields only once group and country are chosen, and comes back unchanged', () => {
    const d = emptyDraft('ar');
    expect(d.language).toBe('ar');
    expect(draftToFields({ ...d, name: 'ليلى', group: 'government' })).toBeNull();
    const f = draftToFields({ ...d, name: 'ليلى', group: 'government', country: 'EG', title: 't', text: 'x' });
    expect(f).toMatchObject({ name: 'ليلى', group: 'government', country: 'EG', consent: false });
    expect(fieldsToDraft(f!)).toEqual({ ...d, name: 'ليلى', group: 'government', country: 'EG', title: 't', text: 'x' });
  });
});

describe('countries', () => {
  it('names countries in the reader language and sorts them by its collation', () => {
    expect(countryName('EG', 'ar')).toBe('مصر');
    expect(countryName('CH', 'fr')).toBe('Suisse');
    const ru = countryOptions('ru');
    expect(ru.length).toBeGreaterThan(240);
    expect(ru.map((c) => c.name)).toEqual([...ru.map((c) => c.name)].sort(new Intl.Collator('ru').compare));
    expect(new Set(ru.map((c) => c.code)).size).toBe(ru.length);
  });
});

describe('formatBytes', () => {
  it('says the 5 MB limit in each language', () => {
    expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5 MB');
    expect(formatBytes(300 * 1024, 'en')).toBe('300 kB');
  });
});
