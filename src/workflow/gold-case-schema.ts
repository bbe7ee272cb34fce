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

/** A call stopped by a policy rule: which rule (as decisions name it) of which pack. */
const BlockedExpectation = z
  .object({
    tool: ToolName,
    rule: z.string().min(1).describe('the rule ID as the decision names it, e.g. refund-cap, deny:payments.*, allow-list, data.forbid[0], results:own-orders-only, outbound:host, agent-tools, loops'),
    policy: Identifier.optional().describe('the pack the rule belongs to (its id, without version)'),
  })
  .strict();

/** An approval the run asks for: the rule that asked, its quorum and who settled it. */
const ApprovalExpectation = z
  .object({
    tool: ToolName.optional(),
    rule: z.string().min(1).optional().describe('the approval rule ID, e.g. refund-over-200 (step approvals: step:<id>)'),
    quorum: z.number().int().min(1).describe('approvers the rule requires'),
    role: z.string().min(1).optional().describe('the role each approver must hold'),
    distinct_approvers: z.number().int().min(1).optional().describe('distinct people who approved (for an approved request)'),
    decision: z.enum(['approved', 'denied', 'pending']).optional(),
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
        blocked: z
          .array(BlockedExpectation)
          .optional()
          .describe('calls a policy rule stopped (denied or escalated), each with the rule that did it; an empty list: nothing was stopped'),
        agents: z
          .record(Identifier, z.object({ called: z.array(ToolName).default([]), not_called: z.array(ToolName).default([]) }).strict())
          .optional()
          .describe("per agent: the tools that agent's own model calls (not the workflow's tool steps)"),
        dry_run: z.array(ToolName).default([]).describe('write tools called as a dry run (sandboxed: recorded, nothing sent)'),
        live: z.array(ToolName).default([]).describe('write tools that executed for real (not a dry run)'),
        approvals: z.array(ApprovalExpectation).optional().describe('approvals the run asks for, in order, with the quorum each requires'),
        compensated: z.array(ToolName).optional().describe('write tools whose effect was undone by their compensation; an empty list: nothing was compensated'),
      })
      .strict(),
  })
  .strict();

export type GoldCase = z.infer<typeof GoldCaseSchema>;
