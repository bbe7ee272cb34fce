import { Cron } from 'croner';
import type { ScheduleTrigger } from '../workflow/index.ts';

/** The occurrences of a schedule after `after` (exclusive) up to `until` (inclusive), oldest first; the newest `limit` when there are more. */
export function occurrencesBetween(s: Pick<ScheduleTrigger, 'schedule' | 'timezone'>, after: number, until: number, limit: number): number[] {
  const cron = new Cron(s.schedule, { paused: true, timezone: s.timezone });
  const found: number[] = [];
  for (let next = cron.nextRun(new Date(after)); next && next.getTime() <= until; next = cron.nextRun(next)) {
    found.push(next.getTime());
    if (found.length > limit) found.shift();
  }
  return found;
}

/** How many missed occurrences a runtime counts as it starts (a dropped count at it means "at least"). */
export const LOOK_BACK = 10_000;

/**
 * The occurrences that came due while no runtime was serving, between `lastFired` (the newest
 * occurrence any runtime fired) and `startedAt`, and what the schedule's `catch_up` fires of them
 * as a runtime starts: none, the latest, or all of them (at most `max_catch_up`, the newest),
 * oldest first. A schedule never fired before owes nothing from before the start.
 */
export function missedAtStart(s: ScheduleTrigger, lastFired: number | undefined, startedAt: number): { readonly fire: readonly number[]; readonly dropped: number } {
  if (lastFired === undefined || lastFired >= startedAt) return { fire: [], dropped: 0 };
  const cron = new Cron(s.schedule, { paused: true, timezone: s.timezone });
  const keep = s.catch_up === 'none' ? 0 : s.catch_up === 'latest' ? 1 : s.max_catch_up;
  // previousRuns includes a run in the reference's own second: one millisecond on includes startedAt itself.
  const fire = keep === 0 ? [] : cron.previousRuns(keep, new Date(startedAt + 1)).map((d) => d.getTime()).filter((t) => t > lastFired && t <= startedAt).reverse();
  let missed = 0;
  for (let next = cron.nextRun(new Date(lastFired)); next && next.getTime() <= startedAt && missed < LOOK_BACK; next = cron.nextRun(next)) missed++;
  return { fire, dropped: Math.max(0, missed - fire.length) };
}

/** The occurrences due while a runtime serves: after the newer of `lastFired` and `startedAt`, up to `now` (a stalled process catches up at most 1,000). */
export function dueSince(s: ScheduleTrigger, lastFired: number | undefined, startedAt: number, now: number): readonly number[] {
  return occurrencesBetween(s, Math.max(lastFired ?? startedAt, startedAt), now, 1000);
}
