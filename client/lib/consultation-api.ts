/**
 * The consultation's HTTP API as the client uses it (docs/consultation.md and
 * shared/consultation-protocol.ts are the contract): the public view, submissions and their private
 * edit links, the secretariat's review routes, and compilation links. Every call answers an
 * ApiResult, never throws. Tokens (an author's edit token, the secretariat's) travel as `?t=`, like
 * every other link of Plenary, so a plain `<a download>` works too.
 */
import type { Language, StakeholderGroup } from '../../shared/domain/common.js';
import type {
  AuthorSubmissionResponse,
  CommandResponse,
  FullSubmission,
  MeetingSubmissions,
  PublicConsultation,
  PublicSubmission,
  ReviewList,
  ReviewQuery,
} from '../../shared/consultation-protocol.js';
import type { SecretariatCommand, SubmissionFields } from '../../shared/domain/index.js';
import { api, type ApiResult } from './http-api.js';

export type { AuthorSubmissionResponse, FullSubmission, PublicConsultation, PublicSubmission, ReviewList, ReviewQuery };
export type MeetingSubmissionList = import('zod').infer<typeof MeetingSubmissions>;
export type CommandResult = import('zod').infer<typeof CommandResponse>;

const enc = encodeURIComponent;
const base = (cid: string) => `/api/consultations/${enc(cid)}`;
/** Adds `t=<token>` (and any other query) to a path. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

export const consultationApi = {
  /** The public view; with no id, the first consultation the server lists (the demo's). */
  async get(cid: string | null): Promise<ApiResult<PublicConsultation>> {
    if (cid) return api('GET', base(cid));
    const list = await api<{ consultations: Array<{ id: string }> }>('GET', '/api/consultations');
    if (!list.ok) return list;
    const first = list.data.consultations[0];
    if (!first) return { ok: false, status: 404, error: { code: 'not_found', message: 'no consultation' } };
    return api('GET', base(first.id));
  },

  /** The published contributions (public). */
  published(cid: string): Promise<ApiResult<{ submissions: PublicSubmission[] }>> {
    return api('GET', `${base(cid)}/submissions/published`);
  },

  /** Sends a new submission (without its PDF, which follows with `attach`). */
  create(cid: string, callId: string, fields: SubmissionFields): Promise<ApiResult<AuthorSubmissionResponse>> {
    return api('POST', base(cid) + '/submissions', { callId, fields });
  },

  /** The author's own submission through the edit token. */
  own(cid: string, sid: string, token: string): Promise<ApiResult<AuthorSubmissionResponse>> {
    return api('GET', withQuery(`${base(cid)}/submissions/${enc(sid)}`, { t: token }), undefined, auth(token));
  },

  edit(cid: string, sid: string, token: string, changes: Partial<SubmissionFields>): Promise<ApiResult<AuthorSubmissionResponse>> {
    return api('PATCH', withQuery(`${base(cid)}/submissions/${enc(sid)}`, { t: token }), { changes }, auth(token));
  },

  /** Withdraws the author's submission (until the deadline); it stays on record as withdrawn. */
  withdraw(cid: string, sid: string, token: string): Promise<ApiResult<AuthorSubmissionResponse>> {
    return api('POST', withQuery(`${base(cid)}/submissions/${enc(sid)}/withdraw`, { t: token }), {}, auth(token));
  },

  /** Uploads the PDF as the raw request body; the server checks its bytes and size. */
  attach(cid: string, sid: string, token: string, file: File): Promise<ApiResult<AuthorSubmissionResponse>> {
    const path = withQuery(`${base(cid)}/submissions/${enc(sid)}/attachment`, { t: token, name: file.name });
    return api('PUT', path, new Blob([file], { type: 'application/pdf' }), { ...auth(token), 'x-file-name': encodeURIComponent(file.name) });
  },

  /** The secretariat's list, filtered. */
  review(cid: string, token: string, query: ReviewQuery): Promise<ApiResult<ReviewList>> {
    return api('GET', withQuery(`${base(cid)}/review/submissions`, { ...query, t: token }), undefined, auth(token));
  },

  command(cid: string, token: string, command: SecretariatCommand): Promise<ApiResult<CommandResult>> {
    return api('POST', withQuery(`${base(cid)}/commands`, { t: token }), command, auth(token));
  },

  /** Submissions linked to a meeting's agenda (published ones; all for the meeting's moderators). */
  forMeeting(mid: string, token: string | null): Promise<ApiResult<MeetingSubmissionList>> {
    return api('GET', withQuery(`/api/meetings/${enc(mid)}/submissions`, { t: token ?? undefined }));
  },
};

/** A compilation download link in a language; `token` (secretariat) includes accepted, unpublished ones. */
export function compilationUrl(cid: string, format: 'md' | 'csv', lang: Language, token?: string): string {
  return withQuery(`${base(cid)}/compilation.${format}`, { lang, ...(token ? { scope: 'accepted', t: token } : {}) });
}

/** Filters the review list understands, as the form holds them ('' = all). */
export interface ReviewFilters {
  call: string;
  group: StakeholderGroup | '';
  language: Language | '';
  status: string;
  actionLine: string;
  theme: string;
}
