import { lemma, STOPWORDS, touching, type Token } from './tokens.ts';

/** What a figure counts: a dimension and the factor to its base unit ("24 months" = 2 years). */
export interface Unit {
  /** `time`, `calendar` (months, years), `business-day`, `percent`, `data`, `length`, `money:USD`, `count:cable`. */
  readonly dim: string;
  readonly factor: number;
  /** As written, for messages. */
  readonly name: string;
}

const DAY = 86_400_000;
const UNITS: Record<string, Omit<Unit, 'name'>> = {
  ms: { dim: 'time', factor: 1 }, millisecond: { dim: 'time', factor: 1 }, milliseconds: { dim: 'time', factor: 1 },
  s: { dim: 'time', factor: 1000 }, sec: { dim: 'time', factor: 1000 }, secs: { dim: 'time', factor: 1000 }, second: { dim: 'time', factor: 1000 }, seconds: { dim: 'time', factor: 1000 },
  min: { dim: 'time', factor: 60_000 }, mins: { dim: 'time', factor: 60_000 }, minute: { dim: 'time', factor: 60_000 }, minutes: { dim: 'time', factor: 60_000 },
  h: { dim: 'time', factor: 3_600_000 }, hr: { dim: 'time', factor: 3_600_000 }, hrs: { dim: 'time', factor: 3_600_000 }, hour: { dim: 'time', factor: 3_600_000 }, hours: { dim: 'time', factor: 3_600_000 },
  day: { dim: 'time', factor: DAY }, days: { dim: 'time', factor: DAY }, week: { dim: 'time', factor: 7 * DAY }, weeks: { dim: 'time', factor: 7 * DAY }, fortnight: { dim: 'time', factor: 14 * DAY },
  // Months and years are not a whole number of days: they convert between themselves only.
  month: { dim: 'calendar', factor: 1 }, months: { dim: 'calendar', factor: 1 }, year: { dim: 'calendar', factor: 12 }, years: { dim: 'calendar', factor: 12 }, yr: { dim: 'calendar', factor: 12 }, yrs: { dim: 'calendar', factor: 12 },
  '%': { dim: 'percent', factor: 1 }, percent: { dim: 'percent', factor: 1 }, pct: { dim: 'percent', factor: 1 },
  b: { dim: 'data', factor: 1 }, bytes: { dim: 'data', factor: 1 }, kb: { dim: 'data', factor: 1e3 }, mb: { dim: 'data', factor: 1e6 }, gb: { dim: 'data', factor: 1e9 }, tb: { dim: 'data', factor: 1e12 },
  m: { dim: 'length', factor: 1 }, metre: { dim: 'length', factor: 1 }, metres: { dim: 'length', factor: 1 }, meter: { dim: 'length', factor: 1 }, meters: { dim: 'length', factor: 1 }, cm: { dim: 'length', factor: 0.01 }, km: { dim: 'length', factor: 1000 },
};

const CURRENCY: Record<string, string> = {
  usd: 'USD', $: 'USD', dollar: 'USD', dollars: 'USD', 'us$': 'USD',
  eur: 'EUR', '€': 'EUR', euro: 'EUR', euros: 'EUR',
  gbp: 'GBP', '£': 'GBP', pound: 'GBP', pounds: 'GBP', sterling: 'GBP',
  chf: 'CHF', jpy: 'JPY', '¥': 'JPY', yen: 'JPY', cad: 'CAD', aud: 'AUD', sek: 'SEK', nok: 'NOK', dkk: 'DKK', pln: 'PLN', inr: 'INR', '₹': 'INR',
};

/** The currency an ISO code names ("usd" → USD), if it is one. */
export const currencyOf = (code: string): string | undefined => CURRENCY[code.toLowerCase()];

/** Words that say what a figure is about, not what it counts ("39.5 total"): never a count unit. */
const NOT_A_UNIT = /^(?:total|totals|each|apiece|overall|altogether|off|more|less|fewer|or|plus|minus|times|x)$/;

/**
 * The unit written next to a figure: a currency before or after it ("$39.50", "39.50 USD", "USD 39.5"),
 * a unit after it ("12 days", "4.1%", "30-day", "5 business days"), or a counted noun ("3 payouts").
 * Returns the unit and the index of the last token it took.
 */
export function unitAfter(tokens: readonly Token[], first: number, last: number): { unit: Unit; last: number } | undefined {
  const before = tokens[first - 1];
  const before2 = tokens[first - 2];
  if (before && CURRENCY[before.lower] && (before.kind === 'sym' || before.text === before.text.toUpperCase())) return { unit: money(CURRENCY[before.lower]!, before.text), last };
  if (before2?.lower === 'us' && before?.text === '$') return { unit: money('USD', 'US$'), last };
  let i = last + 1;
  if (tokens[i]?.text === '-' && touching(tokens[last], tokens[i])) i++;
  const t = tokens[i];
  if (!t) return undefined;
  if (CURRENCY[t.lower] && (t.kind === 'word' || t.text !== '$')) return { unit: money(CURRENCY[t.lower]!, t.text), last: i };
  if ((t.lower === 'business' || t.lower === 'working') && /^days?$/.test(tokens[i + 1]?.lower ?? '')) return { unit: { dim: 'business-day', factor: 1, name: `${t.text} ${tokens[i + 1]!.text}` }, last: i + 1 };
  if (t.lower === 'per' && tokens[i + 1]?.lower === 'cent') return { unit: { dim: 'percent', factor: 1, name: 'per cent' }, last: i + 1 };
  const known = UNITS[t.lower];
  // Single letters are units only when written against the figure ("1.1s", "2 m" is a length only with a space before a noun).
  if (known && (t.text.length > 1 || touching(tokens[last], t) || t.lower === 'm')) return { unit: { ...known, name: t.text }, last: i };
  if (t.kind === 'word' && t.text.length > 2 && !STOPWORDS.has(t.lower) && !NOT_A_UNIT.test(t.lower)) return { unit: { dim: `count:${lemma(t.lower)}`, factor: 1, name: t.text }, last: i };
  return undefined;
}

function money(code: string, name: string): Unit {
  return { dim: `money:${code}`, factor: 1, name };
}
