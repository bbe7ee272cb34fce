import type { Token } from './tokens.ts';

/**
 * What a figure is said to measure, from the words around it ("total", "price", "threshold").
 * Two figures with the same value but different measures are different facts: an order's total is
 * not supported by an item's price or by a 30-day window.
 */
const MEASURES: Record<string, string> = {
  total: 'total', totals: 'total', totalled: 'total', totaled: 'total', totalling: 'total', totaling: 'total', altogether: 'total', overall: 'total', sum: 'total',
  price: 'price', priced: 'price', prices: 'price', each: 'price', apiece: 'price', unit: 'price',
  threshold: 'threshold', limit: 'threshold', slo: 'threshold', target: 'threshold', cap: 'threshold',
  usage: 'level', used: 'level', utilisation: 'level', utilization: 'level', level: 'level', currently: 'level',
  within: 'window', window: 'window', period: 'window',
  warranty: 'warranty', guarantee: 'warranty', guaranteed: 'warranty',
  latency: 'latency', p99: 'latency', p95: 'latency', p50: 'latency',
  lag: 'lag', behind: 'lag', backlog: 'lag',
  discount: 'discount', off: 'discount',
  qty: 'quantity', quantity: 'quantity', count: 'quantity',
  refunded_total: 'refunded', already: 'refunded',
  refund: 'refund', refunds: 'refund', refunded: 'refund', refunding: 'refund',
};

/** Measures that may name the same figure: a refund is of an order's total (or of what was refunded). */
const COMPATIBLE: Record<string, readonly string[]> = { refund: ['total', 'refunded'], refunded: ['refund'], total: ['refund'] };

/** Whether a claim's measure may be the evidence's (either unnamed: yes). */
export function measuresAgree(claim: string | undefined, fact: string | undefined): boolean {
  return !claim || !fact || claim === fact || (COMPATIBLE[claim]?.includes(fact) ?? false);
}

/** What kind of record a figure belongs to: an invoice's amount is not a purchase order's. */
const KINDS: [RegExp, string][] = [[/^purchase[ _]orders?$|^pos?$/i, 'po'], [/^invoices?$/i, 'invoice'], [/^orders?$/i, 'order'], [/^refunds?$|^refunded$/i, 'refund'], [/^payments?$|^payouts?$|^paid$/i, 'payment'], [/^tickets?$/i, 'ticket']];
const ID_KINDS: Record<string, string> = { INV: 'invoice', PO: 'po', O: 'order', R: 'refund', RF: 'refund', PAY: 'payment', TCK: 'ticket', T: 'ticket' };
/** Kinds of record that may carry the same figure: a refund repays an order, a payment settles an invoice or PO. */
const KIND_COMPATIBLE: Record<string, readonly string[]> = { refund: ['order'], payment: ['invoice', 'po'], invoice: ['payment'], po: ['payment'], order: ['refund'] };

export const kindOfWord = (word: string): string | undefined => KINDS.find(([re]) => re.test(word))?.[1];
export const kindOfId = (id: string): string | undefined => ID_KINDS[id.split('-')[0]!.toUpperCase()];

export function kindsAgree(claim: string | undefined, fact: readonly string[] | undefined): boolean {
  return !claim || !fact || fact.length === 0 || fact.includes(claim) || fact.some((k) => KIND_COMPATIBLE[claim]?.includes(k));
}

/** The record noun nearest to a figure ("the invoice is for 860.40"; "purchase order" counts as one). */
export function kindNear(tokens: readonly Token[], first: number, last: number): string | undefined {
  let best: { k: string; d: number } | undefined;
  for (let i = Math.max(0, first - 8); i < Math.min(tokens.length, last + 6); i++) {
    if (i >= first && i <= last) continue;
    const w = tokens[i]!.lower;
    const k = ID_KINDS[tokens[i]!.text] ?? (w === 'purchase' && /^orders?$/.test(tokens[i + 1]?.lower ?? '') ? 'po' : w.match(/^orders?$/) && tokens[i - 1]?.lower === 'purchase' ? undefined : kindOfWord(w));
    if (!k) continue;
    const d = i < first ? first - i : i - last + 0.5;
    if (!best || d < best.d) best = { k, d };
  }
  return best?.k;
}

/** Field names that say the same as a measure word ("refunded_total" is what was refunded before). */
export function measureOfKey(key: string): string | undefined {
  const k = key.toLowerCase();
  return MEASURES[k] ?? k.split(/[_\W]+/).map((w) => MEASURES[w]).find((m) => m !== undefined);
}

/** The measure word nearest to tokens [first, last], within a few words and the same clause. */
export function measureNear(tokens: readonly Token[], first: number, last: number): string | undefined {
  let best: { m: string; d: number } | undefined;
  for (let i = Math.max(0, first - 6); i < Math.min(tokens.length, last + 4); i++) {
    if (i >= first && i <= last) continue;
    const m = MEASURES[tokens[i]!.lower];
    if (!m) continue;
    // A clause break between the word and the figure: the word belongs to another statement.
    const between = i < first ? tokens.slice(i + 1, first) : tokens.slice(last + 1, i);
    if (between.some((t) => [',', ';', '(', ')', ':'].includes(t.text) || t.lower === 'and' || t.lower === 'but')) continue;
    const d = i < first ? first - i : i - last + 0.5;
    if (!best || d < best.d) best = { m, d };
  }
  return best?.m;
}
