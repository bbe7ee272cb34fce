import { z } from 'zod';
import { CelExpression, Identifier, ToolName, ToolPattern } from './common-schemas.ts';

export const ON_VIOLATION = ['block', 'require_approval', 'escalate'] as const;
export const DATA_CLASSES = [
  'email',
  'phone',
  'card_number',
  'ssn',
  'iban',
  'api_key',
  'person',
] as const;

const ToolLists = z
  .object({ allow: z.array(ToolPattern).default([]), deny: z.array(ToolPattern).default([]) })
  .strict();

const Environment = z
  .object({
    writes: z.enum(['sandbox', 'live']).default('sandbox'),
    tools: ToolLists.optional(),
  })
  .strict();

const Constraint = z
  .object({
    id: Identifier.optional(),
    tool: ToolPattern,
    rule: CelExpression,
    on_violation: z.enum(ON_VIOLATION).default('block'),
    message: z.string().optional(),
  })
  .strict();

const ApprovalRule = z
  .object({
    id: Identifier.optional(),
    tool: ToolPattern,
    when: CelExpression.optional(),
    approvers: z.number().int().min(1).max(5).default(1),
    role: z.string().optional(),
    reason: z.string().optional(),
  })
  .strict();

export const PolicySchema = z
  .object({
    $schema: z.string().optional(),
    id: Identifier,
    version: z.number().int().positive().default(1),
    description: z.string().optional(),
    tools: ToolLists.default({ allow: [], deny: [] }),
    environments: z.partialRecord(z.enum(['dev', 'staging', 'prod']), Environment).default({}),
    constraints: z.array(Constraint).default([]),
    approvals: z.array(ApprovalRule).default([]),
    data: z
      .object({
        redact_before_model: z.array(z.enum(DATA_CLASSES)).default([]),
        forbid: z.array(z.object({ classes: z.array(z.enum(DATA_CLASSES)).min(1), to_tools: z.array(ToolPattern).min(1) }).strict()).default([]),
      })
      .strict()
      .default({ redact_before_model: [], forbid: [] }),
    budgets: z
      .object({
        max_tokens: z.number().int().positive().optional(),
        max_tool_calls: z.number().int().positive().optional(),
        max_cost_usd: z.number().nonnegative().optional(),
        max_duration: z.string().optional(),
      })
      .strict()
      .default({}),
    loops: z
      .object({ max_identical_tool_calls: z.number().int().min(1).default(3), on_exceed: z.enum(['escalate', 'block']).default('escalate') })
      .strict()
      .default({ max_identical_tool_calls: 3, on_exceed: 'escalate' }),
    taint: z
      .object({ require_approval_for: z.array(ToolName).default([]) })
      .strict()
      .optional()
      .describe('tools whose arguments, when carrying values from tool output or the event, need approval'),
  })
  .strict();

export type PolicyPack = z.infer<typeof PolicySchema>;
