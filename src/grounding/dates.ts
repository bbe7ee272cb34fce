import * as chrono from 'chrono-node';

/** A date stated in a text, as the day(s) it can mean ("1/12/2026" is 1 December or 12 January). */
export interface DateMention {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** `YYYY-MM-DD`, one per reading. */
  readonly days: readonly string[];
  /** Said relative to the clock ("tomorrow", "in 12 days", "next Monday"). */
  readonly relative: boolean;
  /** How precisely it names a time: a month ("next month"), a day, or a time of day ("2 hours ago", within half the unit). */
  readonly granularity: 'month' | 'day' | 'time';
  /** For `time`: the instant (ms) and how far from it still counts. */
  readonly instant?: number;
  readonly toleranceMs?: number;
}

// A date this check accepts names a month, a weekday, a relative day or a span of time ("3 days"), or
// writes one with separators (2026-03-01, 5.3.2026): a digit alone ("request 17", "R-17") makes none.
const UNIT = '(?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|[dhw])';
const MAYBE_DATE = new RegExp(
  `\\d[-/.]\\d|\\d\\s*${UNIT}\\b|\\b(?:in|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|few|couple)\\s+(?:\\S+\\s+)?${UNIT}\\b` +
    '|\\b(?:today|tonight|tomorrow|yesterday|ago|later|now|next|last|this|noon|midnight|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)',
  'i',
);
const RELATIVE = /\b(?:today|tonight|tomorrow|yesterday|ago|in\s+\S+\s+(?:days?|weeks?|months?|years?|hours?|minutes?)|next|last|this)\b/i;

/**
 * Every date in a text, resolved against the run's clock. Day-first and month-first readings are
 * both kept where the text is ambiguous; times of day and bare ranges ("5 to 7") are not dates.
 */
export function datesIn(text: string, clock: Date): DateMention[] {
  // Parsing dates is the check's slowest part: a text with no sign of a date has none.
  return MAYBE_DATE.test(text) ? parseDates(text, clock) : [];
}

/** datesIn without its pre-check (exported for the test that holds the pre-check to it). */
export function parseDates(text: string, clock: Date): DateMention[] {
  const byStart = new Map<number, DateMention>();
  for (const parser of [chrono.en.casual, chrono.en.GB]) {
    for (const r of parser.parse(text, { instant: clock, timezone: 0 })) {
      const s = r.start;
      if (!(s.isCertain('day') || s.isCertain('weekday') || RELATIVE.test(r.text))) continue;
      if (!s.isCertain('month') && !s.isCertain('weekday') && !RELATIVE.test(r.text)) continue;
      // "24/7" or "5/7" without a year is a ratio more often than a date.
      if (/^\d{1,2}[/.]\d{1,2}$/.test(r.text)) continue;
      // "within 30 days", "for 10 minutes" are lengths of time, not days; "now" is no date.
      if (/^(?:within|for)\b|^now$/i.test(r.text)) continue;
      const day = `${s.get('year')}-${pad(s.get('month'))}-${pad(s.get('day'))}`;
      const seen = byStart.get(r.index);
      const end = r.index + r.text.length;
      if (seen && seen.end === end) {
        if (!seen.days.includes(day)) byStart.set(r.index, { ...seen, days: [...seen.days, day] });
      } else if (!seen || end > seen.end) byStart.set(r.index, { start: r.index, end, text: r.text, days: [day], relative: RELATIVE.test(r.text), ...granularityOf(r.text, r.start.date().getTime()) });
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

const HOURS = /\b(?:(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+)?(hours?|minutes?|mins?)\b/i;

function granularityOf(text: string, instant: number): Pick<DateMention, 'granularity' | 'instant' | 'toleranceMs'> {
  if (/\b(?:this|next|last)\s+month\b/i.test(text)) return { granularity: 'month' };
  const h = HOURS.exec(text);
  const count = h?.[1] && /^\d+$/.test(h[1]) ? Number(h[1]) : 1;
  if (h && /\b(?:ago|in)\b/i.test(text) && (/^m/i.test(h[2]!) || count < 24)) return { granularity: 'time', instant, toleranceMs: /^h/i.test(h[2]!) ? 30 * 60_000 : 2.5 * 60_000 };
  return { granularity: 'day' };
}

const pad = (n: number | null) => String(n ?? 0).padStart(2, '0');
