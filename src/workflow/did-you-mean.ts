import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate a misspelt name most likely meant: one within a few edits (`triag` → `triage`),
 * or one the name contains or is contained in (`refund_amount` → `amount`); undefined if none is close.
 */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  const others = candidates.filter((c) => c !== name);
  if (others.length === 0) return undefined;
  const best = closest(name, others);
  if (distance(best, name) <= Math.max(2, Math.floor(name.length / 4))) return best;
  const lower = name.toLowerCase();
  const within = others.filter((c) => c.length >= 3 && (lower.includes(c.toLowerCase()) || c.toLowerCase().includes(lower)));
  return within.sort((a, b) => b.length - a.length)[0];
}

/** `: did you mean "x"?`, or nothing. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const best = nearest(name, candidates);
  return best ? `: did you mean "${best}"?` : '';
}
