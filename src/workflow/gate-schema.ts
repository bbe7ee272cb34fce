import { z } from 'zod';

const Rate = z.number().min(0).max(1);

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
      })
      .strict()
      .default({ path: 'evals/baseline.json', cost_tolerance: 0.1, allow_new_failures: 0 }),
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
