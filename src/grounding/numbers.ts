import { touching, type Token } from './tokens.ts';

/** A figure stated in a text: as digits ("1,250.00", "48k", "1.2 million") or in words ("twenty-four"). */
export interface Figure {
  readonly value: number;
  /** The rounding step the writer stated: 0.01 for "39.50", 1 for "90", 100,000 for "1.2M". */
  readonly step: number;
  /** Index of its first and last token. */
  readonly first: number;
  readonly last: number;
  readonly spelled: boolean;
}

const ONES: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, dozen: 12, twice: 2, thrice: 3,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };
const SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, bn: 1e9 };
/** Words after which "a"/"an" and "one" count as the number 1 ("a week", "one business day"). */
const ONE_BEFORE = /^(?:hundred|thousand|million|dozen|day|days|week|weeks|fortnight|month|months|year|years|hour|hours|minute|minutes|second|seconds|business|working)$/;

const isNumberWord = (w: string) => w in ONES || w in TENS || w in SCALES;

/** Every figure in a token list, in order. */
export function figuresOf(tokens: readonly Token[]): Figure[] {
  const out: Figure[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const f = tokens[i]!.kind === 'num' ? digitsAt(tokens, i) : wordsAt(tokens, i);
    if (!f) continue;
    out.push(f);
    i = f.last;
  }
  return out;
}

function digitsAt(tokens: readonly Token[], i: number): Figure | undefined {
  const t = tokens[i]!;
  // Part of a longer token run such as "p99", "5xx" or "v2": the tokenizer split a word, not a figure.
  if (touching(tokens[i - 1], t) && tokens[i - 1]!.kind === 'word') return undefined;
  const next = tokens[i + 1];
  if (touching(t, next) && next!.kind === 'word' && !(next!.text in SUFFIX) && !/^(?:ms|s|h|m|min|gb|mb|kb|tb|st|nd|rd|th|x|am|pm)$/i.test(next!.text)) return undefined;
  const raw = t.text.replace(/,/g, '');
  const decimals = raw.includes('.') ? raw.length - raw.indexOf('.') - 1 : 0;
  let value = Number(raw);
  let step = 10 ** -decimals;
  let last = i;
  const scale = touching(t, next) && next!.text in SUFFIX ? SUFFIX[next!.text]! : next && next.lower in SCALES && next.lower !== 'hundred' ? SCALES[next.lower]! : 0;
  if (scale) {
    value *= scale;
    step *= scale;
    last = i + 1;
  }
  return Number.isFinite(value) ? { value, step, first: i, last, spelled: false } : undefined;
}

function wordsAt(tokens: readonly Token[], i: number): Figure | undefined {
  const t = tokens[i]!;
  if ((t.lower === 'a' || t.lower === 'an') && ONE_BEFORE.test(tokens[i + 1]?.lower ?? '')) {
    const scale = SCALES[tokens[i + 1]!.lower];
    return scale ? { value: scale, step: scale, first: i, last: i + 1, spelled: true } : { value: 1, step: 1, first: i, last: i, spelled: true };
  }
  if (!isNumberWord(t.lower)) return undefined;
  let total = 0;
  let current = 0;
  let last = i - 1;
  for (let j = i; j < tokens.length; j++) {
    const w = tokens[j]!.lower;
    if (j > i && (w === '-' || w === 'and') && isNumberWord(tokens[j + 1]?.lower ?? '')) continue;
    if (w in ONES || w in TENS) current += ONES[w] ?? TENS[w]!;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w in SCALES) {
      total += (current || 1) * SCALES[w]!;
      current = 0;
    } else break;
    last = j;
  }
  const value = total + current;
  // "one" alone is as often a pronoun ("the one you ordered") as a figure: only before a unit.
  if (last === i && t.lower === 'one' && !ONE_BEFORE.test(tokens[i + 1]?.lower ?? '') && tokens[i + 1]?.text !== '-') return undefined;
  return { value, step: 1, first: i, last, spelled: true };
}
