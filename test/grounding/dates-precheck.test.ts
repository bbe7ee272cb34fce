import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datesIn, parseDates } from '../../src/grounding/dates.ts';

const clock = new Date('2026-03-10T12:00:00Z');
const MONTHS = ['January', 'Feb', 'march', 'Apr.', 'May', 'June', 'jul', 'August', 'Sept', 'Oct', 'November', 'dec'];
const DAYS = ['Monday', 'tue', 'Wednesday', 'thu', 'Friday', 'sat', 'Sunday'];
const UNITS = ['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'hours', 'hrs', 'minutes', 'mins', 'd', 'h'];

/** Dates as people and systems write them, and digits that are not dates, inside short texts. */
const phrase = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 31 }), fc.constantFrom('/', '-', '.', ' ', ''), fc.integer({ min: 1, max: 12 }), fc.constantFrom('/', '-', '.', ' ', ''), fc.integer({ min: 1990, max: 2035 }))
    .map(([d, s1, m, s2, y]) => `${d}${s1}${m}${s2}${y}`),
  fc.tuple(fc.integer({ min: 1990, max: 2035 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 1, max: 31 }), fc.constantFrom(...MONTHS), fc.option(fc.integer({ min: 1990, max: 2035 }))).map(([d, m, y]) => `${d} ${m}${y ? ` ${y}` : ''}`),
  fc.tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 1, max: 31 }), fc.constantFrom('', 'st', 'th', ',')).map(([m, d, s]) => `${m} ${d}${s}`),
  fc.tuple(fc.constantFrom('in', 'within', 'for', 'about'), fc.oneof(fc.integer({ min: 1, max: 40 }).map(String), fc.constantFrom('a', 'an', 'two', 'few')), fc.constantFrom(...UNITS)).map(([p, n, u]) => `${p} ${n} ${u}`),
  fc.tuple(fc.oneof(fc.integer({ min: 1, max: 40 }).map(String), fc.constantFrom('a', 'three')), fc.constantFrom(...UNITS), fc.constantFrom('ago', 'later', 'from now', '')).map(([n, u, w]) => `${n} ${u} ${w}`.trim()),
  fc.tuple(fc.constantFrom('next', 'last', 'this', 'on'), fc.constantFrom(...DAYS, 'week', 'month')).map(([w, d]) => `${w} ${d}`),
  fc.constantFrom('today', 'tomorrow', 'yesterday', 'tonight', 'noon', 'now', 'the 5th', '12:30', '19:00 UTC', 'R-17', 'order 12345', 'v1.2.3', '20240105', 'Q3 2025', 'INV-2024-0042', '+1 555 0100', '1/2', '24/7', '3 items'),
  fc.integer({ min: 0, max: 99999 }).map(String),
);
const text = fc.tuple(fc.constantFrom('', 'Delivered ', 'Refund issued ', 'Order R-7 shipped ', 'ETA: '), phrase, fc.constantFrom('', '.', ' as promised', ' (ref 42)')).map(([a, p, b]) => `${a}${p}${b}`);

describe('the date pre-check', () => {
  it('never skips a text in which the parser finds a date the check accepts', () => {
    let found = 0;
    fc.assert(fc.property(text, (t) => {
      const parsed = parseDates(t, clock);
      if (parsed.length > 0) found++;
      expect(datesIn(t, clock)).toEqual(parsed);
    }), { numRuns: 4000 });
    // The corpus must hold dates for the property to say anything.
    expect(found).toBeGreaterThan(500);
  });

  it('skips digits that are no date without asking the parser', () => {
    for (const t of ['request number 17', 'R-17', 'order 12345', '12:30', 'ticket #4411']) expect(datesIn(t, clock)).toEqual([]);
  });
});
