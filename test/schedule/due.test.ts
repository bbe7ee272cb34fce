import { describe, expect, it } from 'vitest';
import { dueSince, LOOK_BACK, missedAtStart, occurrencesBetween, scheduleEventKey, scheduleKeyPrefix } from '../../src/schedule/index.ts';
import type { ScheduleTrigger } from '../../src/workflow/index.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ts: readonly number[]) => ts.map((t) => new Date(t).toISOString());
const weekdays9: ScheduleTrigger = { schedule: '0 9 * * MON-FRI', timezone: 'Europe/Berlin', catch_up: 'none', max_catch_up: 10 };
const every10s: ScheduleTrigger = { schedule: '*/10 * * * * *', timezone: 'UTC', catch_up: 'none', max_catch_up: 10 };

describe('a schedule in its time zone', () => {
  it('keeps 09:00 local across the change to summer time, and skips the weekend', () => {
    // Berlin moves from UTC+1 to UTC+2 on Sunday 29 March 2026.
    expect(iso(occurrencesBetween(weekdays9, at('2026-03-26T00:00:00Z'), at('2026-03-31T23:59:59Z'), 100))).toEqual([
      '2026-03-26T08:00:00.000Z', '2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-03-31T07:00:00.000Z',
    ]);
  });

  it('counts from after a time to up to and including another, the newest kept past a limit', () => {
    expect(iso(occurrencesBetween(every10s, at('2026-01-01T00:00:00Z'), at('2026-01-01T00:00:30Z'), 100))).toEqual(['2026-01-01T00:00:10.000Z', '2026-01-01T00:00:20.000Z', '2026-01-01T00:00:30.000Z']);
    expect(iso(occurrencesBetween(every10s, at('2026-01-01T00:00:00Z'), at('2026-01-01T00:01:00Z'), 2))).toEqual(['2026-01-01T00:00:50.000Z', '2026-01-01T00:01:00.000Z']);
  });
});

describe('what a runtime fires', () => {
  const started = at('2026-01-01T01:00:00Z');

  it('while serving: every occurrence after the newest fired one (or the start), up to now', () => {
    expect(iso(dueSince(every10s, undefined, started, started + 25_000))).toEqual(['2026-01-01T01:00:10.000Z', '2026-01-01T01:00:20.000Z']);
    expect(iso(dueSince(every10s, started + 10_000, started, started + 25_000))).toEqual(['2026-01-01T01:00:20.000Z']);
    expect(dueSince(every10s, started + 20_000, started, started + 25_000)).toEqual([]);
    // Fired before this runtime started (by another, or before a restart): counted from the start.
    expect(iso(dueSince(every10s, started - 60_000, started, started + 10_000))).toEqual(['2026-01-01T01:00:10.000Z']);
  });

  it('at start, of what came due while nothing served: none, the latest, or all (the newest max_catch_up), oldest first', () => {
    const last = started - 60_000; // six occurrences missed: 00:59:10 … 01:00:00
    expect(missedAtStart(every10s, last, started)).toEqual({ fire: [], dropped: 6 });
    expect(iso(missedAtStart({ ...every10s, catch_up: 'latest' }, last, started).fire)).toEqual(['2026-01-01T01:00:00.000Z']);
    expect(missedAtStart({ ...every10s, catch_up: 'latest' }, last, started).dropped).toBe(5);
    const all = missedAtStart({ ...every10s, catch_up: 'all', max_catch_up: 4 }, last, started);
    expect([iso(all.fire), all.dropped]).toEqual([['2026-01-01T00:59:30.000Z', '2026-01-01T00:59:40.000Z', '2026-01-01T00:59:50.000Z', '2026-01-01T01:00:00.000Z'], 2]);
    expect(missedAtStart({ ...every10s, catch_up: 'all' }, last, started).fire).toHaveLength(6);
  });

  it('owes nothing for a schedule never fired, nor when the newest fired one is after the start', () => {
    expect(missedAtStart({ ...every10s, catch_up: 'all' }, undefined, started)).toEqual({ fire: [], dropped: 0 });
    expect(missedAtStart({ ...every10s, catch_up: 'all' }, started + 10_000, started)).toEqual({ fire: [], dropped: 0 });
  });

  it('counts a long downtime only so far, and still fires the newest missed ones', () => {
    const weekAgo = started - 7 * 24 * 3600_000;
    const missed = missedAtStart({ ...every10s, catch_up: 'all', max_catch_up: 2 }, weekAgo, started);
    expect(iso(missed.fire)).toEqual(['2026-01-01T00:59:50.000Z', '2026-01-01T01:00:00.000Z']);
    expect(missed.dropped).toBe(LOOK_BACK - 2);
  });
});

describe('occurrence keys', () => {
  it('sort as the occurrences come and share a prefix per workflow', () => {
    const keys = [at('2026-12-31T23:59:50Z'), at('2027-01-01T00:00:00Z'), at('2026-02-01T09:00:00Z')].map((t) => scheduleEventKey('nightly', t));
    expect([...keys].sort()).toEqual([keys[2], keys[0], keys[1]]);
    expect(keys.every((k) => k.startsWith(scheduleKeyPrefix('nightly')))).toBe(true);
    expect(scheduleEventKey('nightly', at('2026-02-01T09:00:00Z'))).toBe('schedule|nightly|2026-02-01T09:00:00.000Z');
  });
});
