/** A word, a numeral or a symbol of a text, with where it sits (so atoms can point back at their span). */
export interface Token {
  readonly text: string;
  /** Lower-case text, for lexicon look-ups. */
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  readonly kind: 'word' | 'num' | 'sym';
}

const TOKEN = /\d+(?:,\d{3})*(?:\.\d+)?|\.\d+|[\p{L}][\p{L}\d']*|\S/gu;

export function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => {
    const t = m[0];
    const kind = /^[\d.]/.test(t) && /\d/.test(t) ? 'num' : /^\p{L}/u.test(t) ? 'word' : 'sym';
    return { text: t, lower: t.toLowerCase(), start: m.index, end: m.index + t.length, kind };
  });
}

/** Two tokens written without a space between them ("48k", "4.1%", "30-day"). */
export const touching = (a: Token | undefined, b: Token | undefined): boolean => Boolean(a && b && a.end === b.start);

/** The text with the given spans blanked out (same length, so the positions of everything else hold). */
export function blank(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/** Words that carry no subject: skipped when looking for what a figure is about. */
export const STOPWORDS = new Set(
  'a an the of to and or for in on at by with from as is are was were be been being has have had it its this that these those your our their my his her we you they i he she them us me will would can could should may might do does did so than then there here which who whom what when where how if but not no yes all any each per up via into onto about over under after before within also just only still yet please'.split(' '),
);

/** Plural and inflection stripped, enough to compare nouns ("cables" = "cable", "payouts" = "payout"). */
export function lemma(word: string): string {
  const w = word.toLowerCase().replace(/'s$/, '');
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(?:ches|shes|sses|xes)$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}
