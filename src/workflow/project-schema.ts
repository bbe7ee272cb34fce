import { z } from 'zod';
import { Identifier } from './common-schemas.ts';

const Price = z
  .object({
    input_per_1k: z.number().nonnegative().describe('USD per 1k input tokens'),
    output_per_1k: z.number().nonnegative().describe('USD per 1k output tokens'),
  })
  .strict();

/** `tollgate.yaml`: project-wide settings — model routes and prices, people and roles. */
export const ProjectSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1),
    environment: z.enum(['dev', 'staging', 'prod']).default('dev'),
    models: z
      .object({
        default: z.string().min(1),
        routes: z.record(Identifier, z.string().min(1)).default({}),
        digests: z.record(z.string(), z.string()).default({}).describe('model name → pinned digest'),
        prices: z.record(z.string(), Price).default({}),
      })
      .strict(),
    alerts: z
      .array(
        z
          .object({
            id: Identifier,
            metric: z.enum(['success_rate', 'p50_duration_ms', 'p95_duration_ms', 'tool_error_rate', 'retry_rate', 'timeout_rate', 'escalation_rate', 'approval_rate', 'policy_blocks', 'tokens_per_run', 'tokens_per_step', 'cost_per_run_usd', 'cost_per_step_usd']),
            factor: z.number().gt(1).optional().describe('fires when the metric is at least this many times its value in the previous window'),
            above: z.number().optional(),
            below: z.number().optional(),
            min_runs: z.number().int().min(1).default(5),
          })
          .strict(),
      )
      .default([])
      .describe('rules for tollgate stats --alerts'),
    people: z
      .record(z.string(), z.object({ roles: z.array(z.string()).default([]) }).strict())
      .default({})
      .describe('approvers and their roles'),
  })
  .strict();

export type ProjectConfig = z.infer<typeof ProjectSchema>;
