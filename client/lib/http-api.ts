/**
 * JSON (and multipart) requests to the server's HTTP API, answered as the same closed union the
 * socket uses: `{ ok: true, data } | { ok: false, error: { code, message, params?, field? } }`.
 * A network failure or a body that is not that shape becomes a typed error too, so pages only ever
 * show `errors.<code>` translations, never a raw message or a stack.
 */
import { ERROR_CODES } from '../../shared/domain/common.js';

/** A refusal as the server sent it (`field` names the form field at fault, when there is one). */
export interface ApiError {
  code: string;
  message: string;
  params?: Record<string, string | number>;
  field?: string;
}

export type ApiResult<T> = { ok: true; data: T; status: number } | { ok: false; error: ApiError; status: number };

/** Status codes the server uses for each transport code, for bodies that lack one. */
function codeForStatus(status: number): string {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  return 'internal';
}

function asError(body: unknown, status: number): ApiError {
  const e = (body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : body) as Partial<ApiError> | null;
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    return {
      code: (ERROR_CODES as readonly string[]).includes(e.code) ? e.code : 'internal',
      message: typeof e.message === 'string' ? e.message : '',
      ...(e.params && typeof e.params === 'object' ? { params: e.params } : {}),
      ...(typeof e.field === 'string' ? { field: e.field } : {}),
    };
  }
  return { code: codeForStatus(status), message: `HTTP ${status}` };
}

/**
 * Sends a request; `body` is sent as JSON, or as-is when it is FormData or a Blob (a PDF, with its type).
 * Success bodies may be `{ ok: true, data }` or the bare data.
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } };
    if (body instanceof FormData) init.body = body;
    else if (body instanceof Blob) {
      init.body = body;
      (init.headers as Record<string, string>)['content-type'] = body.type || 'application/octet-stream';
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    res = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, error: { code: 'internal', message: 'network error' } };
  }
  let json: unknown = null;
  try {
    json = res.status === 204 ? null : await res.json();
  } catch {
    json = null;
  }
  if (!res.ok || (json && typeof json === 'object' && (json as { ok?: unknown }).ok === false)) {
    return { ok: false, status: res.status, error: asError(json, res.status) };
  }
  const data = json && typeof json === 'object' && (json as { ok?: unknown }).ok === true && 'data' in json ? (json as { data: T }).data : (json as T);
  return { ok: true, status: res.status, data };
}
