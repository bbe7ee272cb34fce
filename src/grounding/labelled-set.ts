/** How far predictions of "ungrounded" agree with the labels. */
export interface Agreement {
  readonly claims: number;
  /** Of the claims flagged ungrounded, the share labelled ungrounded. */
  readonly precision: number;
  /** Of the claims labelled ungrounded, the share flagged. */
  readonly recall: number;
  /** Share of claims whose prediction matches the label. */
  readonly agreement: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

export function agreementOf(pairs: readonly { label: 'grounded' | 'ungrounded'; flagged: boolean }[]): Agreement {
  const count = (label: string, flagged: boolean) => pairs.filter((p) => p.label === label && p.flagged === flagged).length;
  const tp = count('ungrounded', true);
  const fp = count('grounded', true);
  const fn = count('ungrounded', false);
  const tn = count('grounded', false);
  const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
  return { claims: pairs.length, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), agreement: ratio(tp + tn, pairs.length), tp, fp, fn, tn };
}
