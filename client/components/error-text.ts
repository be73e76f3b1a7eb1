/**
 * Turns an error code into its translation (`errors.<code>`). Unknown codes (a newer server) fall
 * back to the generic `internal` text, so a raw message or stack never reaches the screen.
 */
import { ERROR_CODES, type ErrorCode } from '../../shared/domain/common.js';

type Translate = (key: string, params?: Record<string, unknown>) => string;

export function errorText(t: Translate, code: string, params?: Record<string, string | number>): string {
  const known: ErrorCode = (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal';
  return t(`errors.${known}`, params ?? {});
}
