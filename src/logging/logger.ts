import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';

/** Keys whose values never reach a log line, whatever a caller passes (defence in depth). */
const REDACT = ['*.password', '*.secret', '*.token', '*.api_key', '*.authorization', '*.iban', '*.card_number', 'args', '*.args', 'event', '*.event'];

/**
 * Structured JSON logs (pino), one line per event, to `.tollgate/logs/tollgate.jsonl` beside the
 * database, or to stderr with TOLLGATE_LOG=stderr; TOLLGATE_LOG=off silences them.
 */
export function createLogger(dbPath: string): Logger {
  const target = process.env.TOLLGATE_LOG ?? 'file';
  const level = process.env.TOLLGATE_LOG_LEVEL ?? 'info';
  const options = { level, base: { service: 'tollgate' }, redact: { paths: REDACT, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime };
  if (target === 'off') return pino({ ...options, enabled: false });
  if (target === 'stderr') return pino(options, pino.destination({ dest: 2, sync: true }));
  const dir = path.join(path.dirname(path.resolve(dbPath)), 'logs');
  mkdirSync(dir, { recursive: true });
  return pino(options, pino.destination({ dest: path.join(dir, 'tollgate.jsonl'), sync: true, mkdir: true }));
}

export type { Logger };
