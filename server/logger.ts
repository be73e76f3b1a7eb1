/**
 * The one logger (pino). Logs carry details and stacks; clients never see them.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the process logger at the configured level (JSON lines on stdout). */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { app: 'plenary' } });
}
