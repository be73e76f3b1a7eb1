/**
 * Consultation tokens: `pc1.<payload>.<hmac>` with the server secret, kept apart from meeting join
 * tokens (`pl1…`) by their prefix, which is inside the MAC (the format: `SignedTokens`, server/tokens.ts). Two kinds:
 * - `edit`: the private edit link of one submission. It carries no expiry: the call's deadline
 *   decides (so an extended deadline extends the link), checked by the domain on every edit.
 * - `secretariat`: reviews one consultation until `exp`.
 */
import { z } from 'zod';
import { Id, fail, ok, type Result } from '../../shared/domain/index.js';
import { SignedTokens } from '../tokens.js';

const PREFIX = 'pc1';

export const ConsultationClaims = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('edit'), consultationId: Id, submissionId: Id }),
  z.object({ kind: z.literal('secretariat'), consultationId: Id, exp: z.number().int().nonnegative() }),
]);
export type ConsultationClaims = z.infer<typeof ConsultationClaims>;

export class ConsultationTokens {
  private readonly tokens: SignedTokens<ConsultationClaims>;

  constructor(secret: string) {
    this.tokens = new SignedTokens(PREFIX, ConsultationClaims, secret);
  }

  sign(claims: ConsultationClaims): string {
    return this.tokens.sign(claims);
  }

  /** Signature, shape and (secretariat) expiry; `unauthorized` or `token_expired` otherwise. */
  verify(token: string, now: number): Result<ConsultationClaims> {
    const claims = this.tokens.read(token);
    if (!claims) return fail('unauthorized', 'This link is not valid');
    if (claims.kind === 'secretariat' && claims.exp <= now) return fail('token_expired', 'This secretariat link has expired');
    return ok(claims);
  }
}
