export { ErrorCode, TollgateError, UsageError, NotFoundError } from './errors.ts';
export { canonicalJson } from './canonical-json.ts';
export { parseDuration, formatDuration } from './duration.ts';
