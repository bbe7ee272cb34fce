import { z } from 'zod';
import { Duration, Identifier, ToolName } from './common-schemas.ts';

const ToolFault = z
  .object({
    tool: ToolName,
    status: z.number().int().min(400).max(599).optional().describe('HTTP status to answer with'),
    delay: Duration.optional().describe('hold the reply this long (a hang beyond the step timeout)'),
    times: z.number().int().min(1).default(1).describe('how many calls fail before the tool recovers'),
  })
  .strict();

/** A gold case: an input event, the scripted world it runs in, and what a correct run does. */
export const GoldCaseSchema = z
  .object({
    $schema: z.string().optional(),
    id: Identifier,
    workflow: Identifier,
    description: z.string().optional(),
    env: z.enum(['dev', 'staging', 'prod']).default('dev'),
    event: z.record(z.string(), z.unknown()).describe('the triggering event, as JSON'),
    model_script: z.string().min(1).describe('scripted model replies, a path under fixtures/models/'),
    faults: z.array(ToolFault).default([]),
    approvals: z
      .array(z.object({ as: z.string().min(1), decision: z.enum(['approve', 'deny']), reason: z.string().optional() }).strict())
      .default([])
      .describe('decisions given, in order, to approvals the run asks for'),
    expect: z
      .object({
        end: z.string().min(1).describe('end state or status, e.g. resolved, escalated, failed'),
        tools_called: z.array(ToolName).default([]),
        tools_not_called: z.array(ToolName).default([]),
        approvals_requested: z.number().int().min(0).optional(),
        policy_blocks: z.number().int().min(0).optional(),
        grounded: z.boolean().optional(),
        max_cost_usd: z.number().nonnegative().optional(),
        policy_violations: z.number().int().min(0).default(0),
        output: z.record(z.string(), z.unknown()).optional().describe('fields the final output must equal'),
      })
      .strict(),
  })
  .strict();

export type GoldCase = z.infer<typeof GoldCaseSchema>;
