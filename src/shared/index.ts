export { ErrorCode, TollgateError, UsageError, NotFoundError, StorageError, RunStoppedError } from './errors.ts';
export { canonicalJson } from './canonical-json.ts';
export { parseDuration, formatDuration } from './duration.ts';
export { sha256Hex, digestOf } from './digest.ts';
export { systemClock, type Clock } from './clock.ts';
export { newId } from './ids.ts';
export { EffectFailed, type EffectFailure } from './effect-failure.ts';
export { mapStrings } from './map-strings.ts';
export { mapConcurrent } from './concurrent.ts';
