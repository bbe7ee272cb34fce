import type { Atom, Duration, Qualifier } from './atom-types.ts';
import { kindNear, measureNear } from './measures.ts';
import { figuresOf, type Figure } from './numbers.ts';
import { tokenize, type Token } from './tokens.ts';
import { unitAfter } from './units.ts';

const HEDGES: Record<string, Qualifier> = { about: 'approx', around: 'approx', roughly: 'approx', approximately: 'approx', approx: 'approx', nearly: 'approx', almost: 'approx', circa: 'approx', some: 'approx', '~': 'approx', '≈': 'approx', over: 'above', above: 'above', exceeding: 'above', under: 'below', below: 'below' };
const BOUNDS: [RegExp, Qualifier][] = [[/(?:more|greater) than$/, 'above'], [/(?:less|fewer) than$/, 'below'], [/at least$/, 'at-least'], [/(?:at most|up to|no more than)$/, 'at-most'], [/just (?:over|above)$/, 'approx'], [/just (?:under|below)$/, 'approx']];

/** A bare 1900–2100 is a year ("the commitment for 2027"), not a figure. */
export const isYear = (a: Atom) => (a.kind === 'quantity' || a.kind === 'amount') && !a.unit && a.step === 1 && Number.isInteger(a.value) && a.value >= 1900 && a.value <= 2100;

export function durationIn(text: string): Duration | undefined {
  const f = figureAtoms(tokenize(text), text).find((a) => a.kind === 'quantity' && a.unit);
  return f && f.kind === 'quantity' && f.unit ? { value: f.value, unit: f.unit } : undefined;
}

export function figureAtoms(tokens: readonly Token[], text: string): Atom[] {
  const figures = figuresOf(tokens);
  const units = figures.map((f) => unitAfter(tokens, f.first, f.last));
  return figures.map((f, i) => {
    let unit = units[i]?.unit;
    // "5 to 7 business days", "5-7 days", "between 5 and 7 days": the first figure takes the second's unit.
    const next = figures[i + 1];
    if (!unit && next && units[i + 1] && /^(?:to|-|–|and|or|through)$/.test(tokens.slice(f.last + 1, next.first).map((t) => t.lower).join(' '))) unit = units[i + 1]!.unit;
    const end = Math.max(f.last, units[i]?.last ?? f.last);
    const kind = unit?.dim.startsWith('money:') ? 'amount' : 'quantity';
    return {
      kind, text: text.slice(unitStart(tokens, f), tokens[end]!.end).trim(), value: f.value, step: f.step, qualifier: qualifierOf(tokens, f),
      ...(unit ? { unit } : {}), ...withMeasure(measureNear(tokens, f.first, end), kind), ...withRecord(kindNear(tokens, f.first, end)),
    } as Atom;
  });
}

/** A currency sign written before the figure belongs to its text ("$39.50"). */
function unitStart(tokens: readonly Token[], f: Figure): number {
  const before = tokens[f.first - 1];
  return before && /^(?:[$€£¥₹]|USD|EUR|GBP)$/.test(before.text) ? before.start : tokens[f.first]!.start;
}

function qualifierOf(tokens: readonly Token[], f: Figure): Qualifier {
  const words = tokens.slice(Math.max(0, f.first - 3), f.first).map((t) => t.lower).filter((w) => !/^[$€£¥₹]$|^usd$|^eur$|^gbp$/.test(w));
  const phrase = words.join(' ');
  for (const [re, q] of BOUNDS) if (re.test(phrase)) return q;
  const last = words.at(-1);
  return (last ? HEDGES[last] : undefined) ?? 'exact';
}

/** "Refund" measures money only: "a refund takes 5 days" says how long, not how much. */
const withMeasure = (m: string | undefined, kind: 'amount' | 'quantity') => (m && !(m === 'refund' && kind !== 'amount') ? { measure: m } : {});

export function keepPrefixes(masked: string, text: string, prefixes: ReadonlyMap<string, string>): string {
  let out = masked;
  for (const [id, prefix] of prefixes) {
    for (let at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) if (prefix.length <= 4 && /^[A-Z]+$/.test(prefix)) out = out.slice(0, at) + prefix + out.slice(at + prefix.length);
  }
  return out;
}
const withRecord = (k: string | undefined) => (k ? { record: k } : {});
