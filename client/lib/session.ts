/**
 * Browser glue around the client library: reads the `?t=` token, keeps personal tokens in
 * localStorage per meeting and role, and owns the page's ONE PlenaryClient, which it attaches to the
 * meeting store. Navigating inside the app (join page → participant page) reuses the same client.
 */
import { Language, Role, type Language as LanguageT, type Role as RoleT } from '../../shared/domain/common.js';
import type { Ack, AckError, JoinProfile, Me } from '../../shared/protocol.js';
import { useMeetingStore } from '../stores/meeting.js';
import { PlenaryClient } from './plenary-client.js';

/** What a token claims, read without verifying (the server verifies; we only route). */
export interface TokenPeek {
  kind: 'invite' | 'member';
  meetingId: string;
  role: RoleT;
  participantId: string | null;
  exp: number;
  /** Interpreter links: the booth's language. */
  booth?: LanguageT;
}

/** Decodes the claims of a `pl1.<payload>.<sig>` token; null when it does not look like one. */
export function peekToken(token: string): TokenPeek | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'pl1' || !parts[1]) return null;
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Omit<TokenPeek, 'booth'>> & { booth?: unknown };
    const booth = Language.safeParse(claims.booth);
    const role = Role.safeParse(claims.role);
    if ((claims.kind !== 'invite' && claims.kind !== 'member') || typeof claims.meetingId !== 'string' || !role.success) {
      return null;
    }
    return {
      kind: claims.kind,
      meetingId: claims.meetingId,
      role: role.data,
      participantId: claims.participantId ?? null,
      exp: typeof claims.exp === 'number' ? claims.exp : 0,
      ...(booth.success ? { booth: booth.data } : {}),
    };
  } catch {
    return null;
  }
}

/** The page of a meeting for a role, e.g. `/m/wsis2021-m3/participant?t=…`. */
export function meetingPath(meetingId: string, role: RoleT, token?: string): string {
  const base = `/m/${encodeURIComponent(meetingId)}/${role}`;
  return token ? `${base}?t=${encodeURIComponent(token)}` : base;
}

const tokenKey = (meetingId: string, role: RoleT) => `plenary:token:${meetingId}:${role}`;

/** Keeps a personal token so the person can come back without the link. */
export function rememberToken(meetingId: string, role: RoleT, token: string): void {
  try {
    localStorage.setItem(tokenKey(meetingId, role), token);
  } catch {
    // Storage disabled: the token still lives in the page URL.
  }
}

export function recallToken(meetingId: string, role: RoleT): string | null {
  try {
    return localStorage.getItem(tokenKey(meetingId, role));
  } catch {
    return null;
  }
}

let client: PlenaryClient | null = null;
/** The token the current client was opened with (its `token` changes once an invite is redeemed). */
let openedWith: string | null = null;

/** The page's client, for domains that need more than the store (e.g. audio signalling). */
export function sessionClient(): PlenaryClient | null {
  return client;
}

/**
 * Opens the page's session with a token (and a profile when the token is an invite), or reuses the
 * open one when it was opened with the same token. Resolves to who we are, or a typed error; on
 * success the personal token is remembered for this meeting and role.
 */
export async function openSession(token: string, profile?: JoinProfile): Promise<Ack<Me>> {
  const store = useMeetingStore();
  if (client?.me && client.status !== 'failed' && (openedWith === token || client.token === token)) {
    return { ok: true, data: client.me };
  }
  closeSession();
  const c = new PlenaryClient({ url: '', token, ...(profile ? { profile } : {}) });
  client = c;
  openedWith = token;
  store.attach(c);
  try {
    const joined = await c.connect();
    if (joined.me.participantId) rememberToken(joined.me.meetingId, joined.me.role, c.token);
    return { ok: true, data: joined.me };
  } catch (e) {
    // A refused join is final for this token; drop the socket so it does not retry forever.
    if (client === c) closeSession();
    return { ok: false, error: asAckError(e) };
  }
}

/** Ends the page's session (e.g. before joining another meeting). */
export function closeSession(): void {
  if (!client) return;
  useMeetingStore().detach();
  client.close();
  client = null;
  openedWith = null;
}

/** The token the open session rejoins with (the personal one after an invite). */
export function sessionToken(): string | null {
  return client?.token ?? null;
}

/**
 * A download link for one of the meeting's exports (`speakers.csv`, `polls.csv`, `minutes.md`,
 * `meeting.ics`) carrying this page's token, so a plain `<a download>` works; null before joining.
 * Callers decide who sees it (and read the meeting store's `me` inside their computed, for reactivity).
 */
export function meetingExportUrl(file: string): string | null {
  const id = client?.me?.meetingId;
  const token = client?.token;
  return id && token ? `/api/meetings/${encodeURIComponent(id)}/${file}?t=${encodeURIComponent(token)}` : null;
}

function asAckError(e: unknown): AckError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) return e as AckError;
  return { code: 'internal', message: 'Could not join' };
}
