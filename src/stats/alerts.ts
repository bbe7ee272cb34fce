import type { Metric, Scorecard } from './scorecard.ts';

/** An alert rule: a metric against the previous window (`factor`), or against fixed bounds. */
export interface AlertRule {
  readonly id: string;
  readonly metric: Metric;
  /** Fires when current ≥ factor × previous (e.g. 2 = doubled, 3 = tripled). */
  readonly factor?: number;
  readonly above?: number;
  readonly below?: number;
  /** Ignore windows with fewer runs than this (noise). */
  readonly min_runs: number;
}

export interface FiredAlert {
  readonly id: string;
  readonly metric: Metric;
  readonly current: number;
  readonly previous: number;
  readonly message: string;
}

/** Evaluates alert rules on this window's scorecard against the previous window's; pure. */
export function evaluateAlerts(rules: readonly AlertRule[], current: Scorecard, previous: Scorecard): FiredAlert[] {
  const fired: FiredAlert[] = [];
  for (const rule of rules) {
    if (current.runs < rule.min_runs) continue;
    const now = current[rule.metric];
    const before = previous[rule.metric];
    const fire = (message: string) => fired.push({ id: rule.id, metric: rule.metric, current: now, previous: before, message });
    if (rule.factor !== undefined && previous.runs >= rule.min_runs && now > 0 && now >= rule.factor * before) {
      fire(`${rule.metric} is ${now} against ${before} in the previous window (×${before === 0 ? '∞' : (now / before).toFixed(2)}, limit ×${rule.factor})`);
    }
    if (rule.above !== undefined && now > rule.above) fire(`${rule.metric} is ${now}, above ${rule.above}`);
    if (rule.below !== undefined && now < rule.below) fire(`${rule.metric} is ${now}, below ${rule.below}`);
  }
  return fired;
}
