import type { StatusMention } from './statuses.ts';
import type { Unit } from './units.ts';

/** How a figure is qualified: exact, hedged ("about 90"), or a bound ("over 85%", "up to 5 days"). */
export type Qualifier = 'exact' | 'approx' | 'above' | 'below' | 'at-least' | 'at-most';

/** One checkable thing a claim asserts. */
export type Atom =
  | { readonly kind: 'amount' | 'quantity'; readonly text: string; readonly value: number; readonly step: number; readonly unit?: Unit; readonly qualifier: Qualifier; readonly measure?: string; readonly record?: string }
  | { readonly kind: 'date'; readonly text: string; readonly days: readonly string[]; readonly relative: boolean; readonly duration?: Duration; readonly granularity: 'month' | 'day' | 'time'; readonly instant?: number; readonly toleranceMs?: number }
  | { readonly kind: 'id'; readonly text: string; readonly value: string }
  | { readonly kind: 'id-fragment'; readonly text: string; readonly digits: string }
  | { readonly kind: 'name'; readonly text: string; readonly value: string }
  | { readonly kind: 'placeholder' | 'email' | 'url'; readonly text: string; readonly value: string }
  | ({ readonly kind: 'status'; readonly text: string } & Omit<StatusMention, 'start' | 'end' | 'text'>);

export type AtomKind = Atom['kind'];

/** "in 12 days" names a day and a length of time: either one in the evidence supports it. */
export interface Duration {
  readonly value: number;
  readonly unit: Unit;
}

export interface AtomOptions {
  /** The run's clock: what "tomorrow" and "in 12 days" mean. */
  readonly clock: Date;
  /** Names the world knows (products, vendors, services), found in any case. */
  readonly names?: readonly string[];
}
