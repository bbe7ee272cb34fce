import type { Scorer } from '../types.ts';
import { costScorer } from './cost.ts';
import { groundingScorer } from './grounding.ts';
import { latencyScorer } from './latency.ts';
import { outcomeScorer } from './outcome.ts';
import { policyScorer } from './policy.ts';
import { safetyScorer } from './safety.ts';

/** The built-in scorers, by name. */
export const SCORERS = { outcome: outcomeScorer, grounding: groundingScorer, cost: costScorer, policy: policyScorer, safety: safetyScorer, latency: latencyScorer } as const satisfies Record<string, Scorer>;
export type ScorerName = keyof typeof SCORERS;
