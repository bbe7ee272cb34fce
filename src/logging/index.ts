export { createLogger, type Logger } from './logger.ts';
export { logJournalRow } from './journal-log.ts';
