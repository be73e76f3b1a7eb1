/**
 * What the submission form edits, before it becomes a request: every field as the inputs hold it
 * (group and country may still be unchosen), plus the limits the form shows.
 */
import type { Language, StakeholderGroup } from '../../../shared/domain/common.js';
import { LIMITS, type SubmissionFields } from '../../../shared/domain/index.js';
import type { ApiError } from '../../lib/http-api.js';
import { INTL_LOCALE } from '../../i18n/index.js';

export interface SubmissionDraft {
  name: string;
  organisation: string;
  group: StakeholderGroup | '';
  country: string;
  language: Language;
  title: string;
  text: string;
  consent: boolean;
}

/** Limits the form shows: the very ones the server enforces (shared/domain/consultation). */
export const FIELD_LIMITS = LIMITS;

/** An empty draft, written in the reader's language by default. */
export function emptyDraft(language: Language): SubmissionDraft {
  return { name: '', organisation: '', group: '', country: '', language, title: '', text: '', consent: false };
}

/** A byte size as "5 MB" in the UI language. */
export function formatBytes(bytes: number, lang: Language): string {
  const mb = bytes / (1024 * 1024);
  const [n, unit] = mb >= 1 ? [mb, 'megabyte'] : [bytes / 1024, 'kilobyte'];
  return new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(n);
}

/** The draft as the server's fields, once group and country are chosen (else null: the form says so). */
export function draftToFields(d: SubmissionDraft): SubmissionFields | null {
  if (!d.group || !d.country) return null;
  return { ...d, group: d.group, country: d.country };
}

/** A stored submission back into the form. */
export function fieldsToDraft(s: SubmissionFields): SubmissionDraft {
  return { name: s.name, organisation: s.organisation, group: s.group, country: s.country, language: s.language, title: s.title, text: s.text, consent: s.consent };
}

const FORM_FIELDS = ['name', 'organisation', 'group', 'country', 'language', 'title', 'text', 'consent', 'attachment'];

/**
 * Which field a refusal is about: the domain codes say it (`submission.not_pdf` → attachment), and a
 * `bad_request` names the zod path in its message (`fields.title: …`). Only used to place and focus
 * the translated message, never to show the raw one.
 */
export function fieldOf(e: ApiError): string | undefined {
  if (e.field) return e.field;
  if (e.code === 'submission.not_pdf' || e.code === 'submission.attachment_too_large') return 'attachment';
  if (e.code === 'submission.no_consent') return 'consent';
  if (e.code === 'bad_request') {
    const m = /(?:fields|changes)\.(\w+)/.exec(e.message);
    if (m?.[1] && FORM_FIELDS.includes(m[1])) return m[1];
  }
  return undefined;
}
