export { scorecard, type Scorecard, type Metric } from './scorecard.ts';
export { evaluateAlerts, type AlertRule, type FiredAlert } from './alerts.ts';
export { outcomeOf, type RunOutcome } from './outcome.ts';
