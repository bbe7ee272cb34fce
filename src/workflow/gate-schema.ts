import { z } from 'zod';

const Rate = z.number().min(0).max(1);

/** How far a per-case metric may move from the baseline, each way, and what moving further does. */
const DriftRule = z
  .object({
    rise: z.number().min(0).optional().describe('allowed relative increase, 0.5 = +50%; absent: any rise is tolerated'),
    drop: z.number().min(0).max(1).optional().describe('allowed relative decrease, 0.5 = -50%; absent: any drop is tolerated'),
    on_rise: z.enum(['fail', 'warn']).default('fail'),
    on_drop: z.enum(['fail', 'warn']).default('fail'),
  })
  .strict();

export const DRIFT_METRICS = ['tokens', 'cost_usd', 'tool_calls', 'approvals'] as const;

/** Thresholds for `tollgate gate` (and `canary:` for `tollgate canary`). */
export const GateSchema = z
  .object({
    $schema: z.string().optional(),
    thresholds: z
      .object({
        pass_rate: Rate.default(1),
        grounding_rate: Rate.default(1),
        hard_violations: z.number().int().min(0).default(0),
        max_cost_per_run_usd: z.number().nonnegative().optional(),
        p95_latency_ms: z.number().positive().optional(),
      })
      .strict(),
    baseline: z
      .object({
        path: z.string().default('evals/baseline.json'),
        cost_tolerance: z.number().min(0).default(0.1).describe('allowed relative cost increase, 0.1 = 10%'),
        allow_new_failures: z.number().int().min(0).default(0),
        drift: z
          .partialRecord(z.enum(DRIFT_METRICS), DriftRule)
          .default({})
          .describe('two-sided drift per case against the baseline; cost_usd rises default to cost_tolerance'),
      })
      .strict()
      .default({ path: 'evals/baseline.json', cost_tolerance: 0.1, allow_new_failures: 0, drift: {} }),
    grounding: z
      .object({
        hedge_tolerance: z.number().min(0).max(1).default(0.05).describe('how far a hedged figure ("about 90") may be from the evidence, relative: 0.05 = 5%'),
        names: z.array(z.string().min(2)).default([]).describe('names the world knows (products, vendors, services): found in answers whatever their case'),
        judge: z
          .object({
            model: z.string().min(1).optional().describe('the judge model (through Ollama) when the gate is run with --judge and no model'),
            may_clear: z
              .array(z.enum(['amount', 'quantity', 'date', 'id', 'id-fragment', 'name', 'placeholder', 'email', 'url', 'status']))
              .default([])
              .describe('kinds of deterministic "ungrounded" findings the judge may clear, when it quotes a passage the evidence holds'),
          })
          .strict()
          .default({ may_clear: [] }),
      })
      .strict()
      .default({ hedge_tolerance: 0.05, names: [], judge: { may_clear: [] } }),
    coverage: z
      .object({ min: Rate.describe('share of policy and workflow rule sides (allowed and blocked) the gold cases must exercise') })
      .strict()
      .optional(),
    mutation: z
      .object({
        min_score: Rate.describe('share of generated mutants the gold suite must kill'),
        operators: z.array(z.string().min(1)).optional().describe('operators to run (default: all)'),
        ignore: z
          .array(z.object({ mutant: z.string().min(1), reason: z.string().min(1) }).strict())
          .default([])
          .describe('mutants known to be equivalent, each with the reason; left out of the score'),
      })
      .strict()
      .optional(),
    canary: z
      .object({
        max_pass_rate_drop: Rate.default(0),
        max_cost_increase: z.number().min(0).default(0.2),
        max_p95_latency_increase: z.number().min(0).default(0.5),
      })
      .strict()
      .optional(),
  })
  .strict();

export type GateConfig = z.infer<typeof GateSchema>;
