import { BoundedCache } from '../../shared/index.ts';
import { RECOGNIZERS } from './catalogue.ts';
import { normalise, rawSpan } from './normalise.ts';
import { run, type Entity, type Finding } from './recognizer.ts';

export type { Entity, Finding } from './recognizer.ts';
export { numberEntity, keyContext } from './json-values.ts';

/** tollgate's policy data classes and the Presidio entity each stands for. */
export const DATA_CLASS_ENTITY = {
  email: 'EMAIL_ADDRESS', phone: 'PHONE_NUMBER', card_number: 'CREDIT_CARD', ssn: 'US_SSN', iban: 'IBAN_CODE', api_key: 'API_KEY', person: 'PERSON',
} as const satisfies Record<string, Entity>;

export interface DetectOptions {
  readonly entities?: readonly Entity[];
  readonly minScore?: number;
  /** Words standing before the text, such as the JSON key it is the value of (see keyContext). */
  readonly context?: string;
}

/**
 * All findings in a text, without overlaps (higher score, then longer span, wins), by position.
 * Matching runs on a normalised copy (invisible characters dropped, NFKC); each finding's span and
 * text are those of the raw text, so replacing them leaves nothing of the value behind.
 */
export function detect(text: string, options: DetectOptions = {}): Finding[] {
  if (text.length < 6) return [];
  // Replies repeat the same short values (statuses, ids, keys) in every case: worth remembering.
  if (text.length <= SHORT && !options.entities && options.minScore === undefined) return [...shortTexts.get(`${options.context ?? ''}\u0000${text}`, () => scan(text, options))];
  return scan(text, options);
}

const SHORT = 64;
const shortTexts = new BoundedCache<readonly Finding[]>(8192);

function scan(text: string, options: DetectOptions): Finding[] {
  const normalised = normalise(text);
  const scan = { text: normalised.text, lower: lowerCase(normalised.text), context: options.context ?? '' };
  const all = RECOGNIZERS.filter((r) => !options.entities || options.entities.includes(r.entity))
    .flatMap((r) => run(r, scan))
    .filter((f) => f.score >= (options.minScore ?? 0.4))
    .sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  return withoutOverlaps(all).map((f) => {
    const { start, end } = rawSpan(normalised, f.start, f.end);
    return { ...f, start, end, text: text.slice(start, end) };
  });
}

/** Findings in priority order → the ones that overlap no earlier one, by position (binary search: texts can hold thousands). */
function withoutOverlaps(byPriority: readonly Finding[]): Finding[] {
  const kept: Finding[] = [];
  for (const f of byPriority) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.start < f.start) lo = mid + 1;
      else hi = mid;
    }
    if ((lo > 0 && kept[lo - 1]!.end > f.start) || (lo < kept.length && kept[lo]!.start < f.end)) continue;
    kept.splice(lo, 0, f);
  }
  return kept;
}

/** Lower case with the same length, so context windows line up (a few letters, such as İ, grow when lowered). */
function lowerCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
