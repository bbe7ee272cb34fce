import type { Scorer } from '../types.ts';

/** Tokens and USD of the case, against the case's limit and the gate's per-run limit. */
export const costScorer: Scorer = {
  name: 'cost',
  score({ goldCase, run }, gate) {
    const limits = [goldCase.expect.max_cost_usd, gate?.thresholds.max_cost_per_run_usd].filter((x): x is number => x !== undefined);
    const limit = limits.length ? Math.min(...limits) : undefined;
    const cost = Math.round(run.costUsd * 1e6) / 1e6;
    const pass = limit === undefined || cost <= limit;
    return {
      scorer: 'cost', pass, score: limit === undefined || limit === 0 ? 1 : Math.max(0, Math.min(1, 1 - cost / limit + 0.5)),
      reason: `${run.tokensIn + run.tokensOut} tokens, $${cost.toFixed(6)}${limit !== undefined ? ` (limit $${limit})` : ''}`,
      ...(!pass && goldCase.expect.max_cost_usd !== undefined ? { at: ['expect', 'max_cost_usd'] } : {}),
      details: { tokens_in: run.tokensIn, tokens_out: run.tokensOut, cost_usd: cost, limit_usd: limit ?? null },
    };
  },
};
