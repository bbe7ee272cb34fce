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
    approvers: z.number().int().min(1).max(5).optional().describe('with on_violation: require_approval, how many distinct people must approve (default 1)'),
    role: z.string().optional().describe('with on_violation: require_approval, the role each approver must hold (default: anyone listed in people)'),
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
    editable: z
      .array(z.string().min(1))
      .optional()
      .describe('arguments an approver may change when editing (default: every argument except the connector\'s record_keys); [] forbids edits'),
    reveal: z
      .object({ role: z.string().min(1), classes: z.array(z.enum(DATA_CLASSES)).min(1) })
      .strict()
      .optional()
      .describe('who may see vaulted values of these classes inside this approval, to check what they approve (each reveal is audited with who and why)'),
  })
  .strict();

const ResultRule = z
  .object({
    id: Identifier.optional(),
    tool: ToolPattern,
    rule: CelExpression.describe('CEL over result, args, event, tool and run; the reply is withheld when it does not hold'),
    on_violation: z.enum(['withhold', 'escalate']).default('withhold'),
    message: z.string().optional(),
  })
  .strict();

const HostPattern = z
  .string()
  .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'expected a host name such as "acme.com" or "*.acme.com"')
  .describe('host name, or *.domain for its subdomains');

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
    results: z.array(ResultRule).default([]).describe('rules over a tool\'s reply (data ownership): a reply that breaks one is withheld'),
    outbound: z
      .object({
        allow_hosts: z.array(HostPattern).describe('hosts a URL in a tool argument may point at; any other host is blocked'),
        tools: z.array(ToolPattern).default(['*']).describe('tools whose arguments the host allowlist applies to (data in a URL is blocked for every tool)'),
      })
      .strict()
      .optional()
      .describe('links, images and URLs in text that leaves through a tool'),
    loops: z
      .object({
        max_identical_tool_calls: z.number().int().min(1).default(3),
        max_denied_calls: z
          .object({ per_step: z.number().int().min(1).optional(), per_run: z.number().int().min(1).optional() })
          .strict()
          .optional()
          .describe('denied calls tolerated in one agent step and in the run; one more ends the run as escalated'),
        on_exceed: z.enum(['escalate', 'block']).default('escalate'),
      })
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
