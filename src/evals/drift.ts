import { DRIFT_METRICS, type GateConfig } from '../workflow/index.ts';

export type DriftMetric = (typeof DRIFT_METRICS)[number];

/** One case's metric outside its tolerance, either way. */
export interface Drift {
  readonly case: string;
  readonly metric: DriftMetric;
  readonly before: number;
  readonly after: number;
  readonly direction: 'rise' | 'drop';
  /** Relative change, +0.5 = 50% more; Infinity when rising from zero. */
  readonly change: number;
  readonly tolerance: number;
  readonly severity: 'fail' | 'warn';
}

type Metrics = Partial<Record<DriftMetric, number>>;

/** The drift rules in force: gate.yaml's, with cost rises defaulting to `cost_tolerance`. */
export function driftRules(gate: GateConfig): GateConfig['baseline']['drift'] {
  const cost = gate.baseline.drift.cost_usd;
  return { ...gate.baseline.drift, cost_usd: { on_rise: 'fail', on_drop: 'fail', ...cost, rise: cost?.rise ?? gate.baseline.cost_tolerance } };
}

/**
 * A large change either way is behaviour change: fewer tokens, tool calls or approvals can mean a
 * skipped lookup or a lost approval as surely as more can mean a loop. Pure.
 */
export function driftOf(key: string, before: Metrics, after: Metrics, rules: GateConfig['baseline']['drift']): Drift[] {
  const out: Drift[] = [];
  for (const metric of DRIFT_METRICS) {
    const rule = rules[metric];
    const b = before[metric];
    const a = after[metric];
    if (!rule || b === undefined || a === undefined || a === b) continue;
    const change = b === 0 ? Infinity : (a - b) / b;
    const direction = a > b ? 'rise' : 'drop';
    const tolerance = direction === 'rise' ? rule.rise : rule.drop;
    // Float noise in a cost is not a change.
    if (tolerance === undefined || Math.abs(change) <= tolerance + 1e-9) continue;
    out.push({ case: key, metric, before: b, after: a, direction, change, tolerance, severity: direction === 'rise' ? rule.on_rise : rule.on_drop });
  }
  return out;
}

/** `tokens dropped 1,210 → 402 (-67%, tolerance 50%)`. */
export function describeDrift(d: Drift): string {
  const fmt = (x: number) => (d.metric === 'cost_usd' ? `$${x}` : x.toLocaleString('en-US'));
  const pct = Number.isFinite(d.change) ? `${d.change > 0 ? '+' : ''}${(d.change * 100).toFixed(0)}%` : 'from zero';
  return `${d.case}: ${d.metric} ${d.direction === 'rise' ? 'rose' : 'dropped'} ${fmt(d.before)} → ${fmt(d.after)} (${pct}, tolerance ${(d.tolerance * 100).toFixed(0)}%)`;
}
