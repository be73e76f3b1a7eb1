/**
 * Consultation tokens: `pc1.<payload>.<hmac>` with the server secret, kept apart from meeting join
 * tokens (`pl1…`, server/tokens.ts) by their prefix, which is inside the MAC. Two kinds:
 * - `edit`: the private edit link of one submission. It carries no expiry: the call's deadline
 *   decides (so an extended deadline extends the link), checked by the domain on every edit.
 * - `secretariat`: reviews one consultation until `exp`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Id, fail, ok, type Result } from '../../shared/domain/index.js';

const PREFIX = 'pc1';

export const ConsultationClaims = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('edit'), consultationId: Id, submissionId: Id }),
  z.object({ kind: z.literal('secretariat'), consultationId: Id, exp: z.number().int().nonnegative() }),
]);
export type ConsultationClaims = z.infer<typeof ConsultationClaims>;

export class ConsultationTokens {
  constructor(private readonly secret: string) {}

  sign(claims: ConsultationClaims): string {
    const payload = Buffer.from(JSON.stringify(ConsultationClaims.parse(claims))).toString('base64url');
    return `${PREFIX}.${payload}.${this.mac(payload)}`;
  }

  /** Signature, shape and (secretariat) expiry; `unauthorized` or `token_expired` otherwise. */
  verify(token: string, now: number): Result<ConsultationClaims> {
    const bad = fail('unauthorized', 'This link is not valid');
    const [prefix, payload = '', sig = '', ...rest] = token.split('.');
    if (prefix !== PREFIX || rest.length) return bad;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return bad;
    let claims: ConsultationClaims;
    try {
      claims = ConsultationClaims.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      return bad;
    }
    if (claims.kind === 'secretariat' && claims.exp <= now) return fail('token_expired', 'This secretariat link has expired');
    return ok(claims);
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(`${PREFIX}.${payload}`).digest('base64url');
  }
}
