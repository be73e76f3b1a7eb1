/**
 * Typed errors that cross the edge. Anything thrown that is not an AppError becomes `internal`
 * with the details only in the log: a client never sees a stack trace.
 */
import type { DomainError, ErrorCode } from '../shared/domain/index.js';

/** A refusal with a code from the closed list in shared/domain/common.ts. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }

  static from(e: DomainError): AppError {
    return new AppError(e.code, e.message, e.params);
  }

  toJSON(): DomainError {
    return this.params ? { code: this.code, message: this.message, params: this.params } : { code: this.code, message: this.message };
  }
}

/** The error a client may see: AppErrors as they are, anything else as `internal`. */
export function publicError(e: unknown): DomainError {
  if (e instanceof AppError) return e.toJSON();
  return { code: 'internal', message: 'Internal server error' };
}

/** HTTP status for an error code (for the REST routes). */
export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'bad_request':
      return 400;
    case 'unauthorized':
    case 'token_expired':
    case 'token_revoked':
      return 401;
    case 'forbidden':
    case 'participant.removed':
      return 403;
    case 'not_found':
    case 'unknown_event':
    case 'submission.not_found':
    case 'consultation.not_created':
      return 404;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'rate_limited':
    case 'too_many_connections':
      return 429;
    case 'internal':
      return 500;
    case 'unavailable':
      return 503;
    default:
      return 422; // domain refusals: well-formed but not allowed now
  }
}
