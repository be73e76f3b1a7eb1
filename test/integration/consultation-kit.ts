/**
 * Helpers for the consultation integration tests: a server with a clock the test moves, JSON
 * requests, a minimal PDF, and an iCalendar parser (unfold, split VEVENTs, unescape).
 */
import { startTestServer, type StartTestServerOptions, type TestServer } from '../helpers/server.js';

export interface Clocked {
  srv: TestServer;
  /** Sets the server's clock (consultation and meetings). */
  setNow(iso: string | number): void;
}

/** A seeded server whose clock starts at `iso` (the WSIS dates are in the past). */
export async function clockedServer(iso: string, opts: StartTestServerOptions = {}): Promise<Clocked> {
  let now = Date.parse(iso);
  const srv = await startTestServer({ ...opts, app: { ...opts.app, clock: { now: () => now } } });
  return { srv, setNow: (t) => (now = typeof t === 'number' ? t : Date.parse(t)) };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON request (body sent as JSON when given); `token` as Bearer. */
export async function api<T = any>(srv: TestServer, method: string, path: string, body?: unknown, token?: string): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${srv.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** Uploads bytes as the attachment of a submission. */
export async function upload(srv: TestServer, cid: string, sid: string, token: string, bytes: Buffer, name = 'contribution.pdf'): Promise<Reply> {
  const res = await fetch(`${srv.url}/api/consultations/${cid}/submissions/${sid}/attachment?name=${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** A small valid PDF (one empty page). */
export function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

export type IcsEvent = Record<string, string>;

/** Parses a VCALENDAR: unfolds continuation lines, returns each VEVENT's properties (name with params → value, unescaped). */
export function parseIcs(text: string): { lines: string[]; events: IcsEvent[] } {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  const events: IcsEvent[] = [];
  let cur: IcsEvent | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') cur = {};
    else if (line === 'END:VEVENT') {
      if (cur) events.push(cur);
      cur = null;
    } else if (cur) {
      const i = line.indexOf(':');
      cur[line.slice(0, i)] = line.slice(i + 1).replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1');
    }
  }
  return { lines, events };
}

export const FIELDS = {
  name: 'Wanjiru Kamau',
  organisation: 'Digital Inclusion Network Kenya',
  group: 'civil-society',
  country: 'KE',
  language: 'en',
  title: 'Community networks for the last mile',
  text: 'We propose a session on community networks.',
  consent: true,
} as const;
