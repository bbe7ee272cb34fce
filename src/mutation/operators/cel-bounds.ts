/** A numeric comparison inside a CEL rule: `args.amount <= 500`. */
export interface Bound {
  readonly op: '<' | '<=' | '>' | '>=';
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

export function boundsIn(rule: string): Bound[] {
  return [...rule.matchAll(/(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?)(?![\w.])/g)].map((m) => ({
    op: m[1] as Bound['op'], value: Number(m[2]), start: m.index! + m[0].length - m[2]!.length, end: m.index! + m[0].length,
  }));
}

/**
 * Moves a bound so that more values pass the comparison: `x <= 500` → `x <= 1000`, `x > 50` →
 * `x > 25`. `wider: false` moves it the other way (fewer pass).
 */
export function moveBound(rule: string, b: Bound, wider: boolean): string {
  const upper = b.op === '<' || b.op === '<='; // values below the bound pass
  const grow = upper === wider;
  // Grow moves the bound up, shrink down, whatever its sign: 500 → 1000, -4 → -2; 500 → 250, -4 → -8.
  const next = b.value === 0 ? (grow ? 1 : -1) : grow === b.value > 0 ? b.value * 2 : b.value / 2;
  const keepInteger = Number.isInteger(b.value) && Number.isInteger(next) ? next : Math.round(next * 100) / 100;
  return `${rule.slice(0, b.start)}${keepInteger}${rule.slice(b.end)}`;
}
