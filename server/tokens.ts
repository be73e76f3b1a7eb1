/**
 * Join tokens: `pl1.<payload>.<signature>`, where payload is base64url(JSON claims) and signature is
 * base64url(HMAC-SHA256(secret, "pl1." + payload)). Stateless: any process holding the secret can
 * verify. `invite` tokens let a newcomer register (they carry no participant); `member` tokens name
 * who joins (a participant, or nobody for projector and room bridge). Links minted by `invite:create`
 * carry an `id` (a JWT-style jti) that the meeting records (`invite:minted`) so a moderator can
 * revoke one; tokens without an id (older links, personal tokens, the projector's hall link) stay
 * valid until they expire.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Id, Language, Role, fail, ok, type Result } from '../shared/domain/index.js';

const PREFIX = 'pl1';

export const TokenClaims = z.object({
  kind: z.enum(['invite', 'member']),
  meetingId: Id,
  participantId: Id.nullable(),
  role: Role,
  /** Expiry, epoch milliseconds. */
  exp: z.number().int().nonnegative(),
  /** The link's id (`invite:minted`), checked against the meeting's revoked links on join. */
  id: Id.optional(),
  /** Interpreter links and tokens: the language of the booth they work in. */
  booth: Language.optional(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

/**
 * The one signed-token format: `<prefix>.<base64url(JSON claims)>.<base64url(HMAC-SHA256(secret,
 * prefix + "." + payload))>`. The prefix is inside the MAC, so a token of one kind never passes
 * for another. Join tokens (`pl1`, below) and consultation tokens (`pc1`, consultations/tokens.ts)
 * are two instances; expiry rules stay with each.
 */
export class SignedTokens<T> {
  constructor(
    private readonly prefix: string,
    private readonly schema: z.ZodType<T>,
    private readonly secret: string,
  ) {}

  sign(claims: T): string {
    const payload = Buffer.from(JSON.stringify(this.schema.parse(claims))).toString('base64url');
    return `${this.prefix}.${payload}.${this.mac(payload)}`;
  }

  /** The claims when the format, the signature and the shape are right; null otherwise. */
  read(token: string): T | null {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== this.prefix) return null;
    const [, payload = '', sig = ''] = parts;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      return this.schema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      return null;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(`${this.prefix}.${payload}`).digest('base64url');
  }
}

/** Signs and verifies join tokens with one secret. */
export class TokenSigner {
  private readonly tokens: SignedTokens<TokenClaims>;

  constructor(secret: string) {
    this.tokens = new SignedTokens(PREFIX, TokenClaims, secret);
  }

  sign(claims: TokenClaims): string {
    return this.tokens.sign(claims);
  }

  /** Checks the signature, the shape and the expiry; `unauthorized` or `token_expired` otherwise. */
  verify(token: string, now: number): Result<TokenClaims> {
    const claims = this.tokens.read(token);
    if (!claims) return fail('unauthorized', 'This link is not valid');
    if (claims.exp <= now) return fail('token_expired', 'This link has expired; ask the moderator for a new one');
    return ok(claims);
  }
}

/** A fresh, unguessable link id (12 base64url characters, a valid domain `Id`). */
export const newInviteId = (): string => randomBytes(9).toString('base64url');

export const HOUR_MS = 3_600_000;
/** Personal tokens minted when an invite is redeemed: long enough for a consultation cycle. */
export const MEMBER_TTL_MS = 365 * 24 * HOUR_MS;
/** Default invite lifetime when invite:create gives no ttlHours. */
export const INVITE_TTL_MS = 7 * 24 * HOUR_MS;

/** Client route a token opens: invites go to the join page, members to their meeting view. */
export function tokenPath(claims: TokenClaims, token: string): string {
  const t = encodeURIComponent(token);
  if (claims.kind === 'invite') return `/join?t=${t}`;
  return `/m/${encodeURIComponent(claims.meetingId)}/${claims.role}?t=${t}`;
}
