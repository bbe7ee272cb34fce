export { dueSince, missedAtStart, occurrencesBetween, LOOK_BACK } from './due.ts';
export { scheduleEventKey, scheduleKeyPrefix } from './keys.ts';
