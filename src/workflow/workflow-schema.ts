import { z } from 'zod';
import { CelExpression, CronPattern, Duration, Identifier, JsonSchemaObject, RetryPolicy, TimeZone, ToolName } from './common-schemas.ts';

const Trigger = z.union([
  z.object({ event: z.string().min(1).describe('event type, e.g. ticket.created') }).strict(),
  z.object({ intent: z.string().min(1).describe('a named intent a person or system asks for') }).strict(),
  z
    .object({
      schedule: CronPattern.describe('cron expression: minute hour day-of-month month day-of-week (a leading seconds field is allowed)'),
      timezone: TimeZone.default('UTC').describe('IANA time zone the expression is read in, e.g. Europe/Berlin'),
      catch_up: z.enum(['none', 'latest', 'all']).default('none').describe('occurrences that came due while no runtime was serving: none fired (default), the latest one, or all of them'),
      max_catch_up: z.number().int().positive().max(1000).default(10).describe('with catch_up: all, at most this many missed occurrences, the newest'),
    })
    .strict(),
]);

/** A workflow's schedule: when the runtime starts a run of it. */
export type ScheduleTrigger = Extract<z.infer<typeof Trigger>, { schedule: string }>;

/** What started a workflow's runs: the trigger's kind. */
export function triggerTypeOf(trigger: z.infer<typeof Trigger>): 'event' | 'intent' | 'schedule' {
  return 'event' in trigger ? 'event' : 'intent' in trigger ? 'intent' : 'schedule';
}

const Limits = z
  .object({
    run_timeout: Duration.optional(),
    step_timeout: Duration.optional(),
    max_tool_calls: z.number().int().positive().optional(),
    max_tokens: z.number().int().positive().optional(),
    max_cost_usd: z.number().nonnegative().optional(),
    max_steps: z.number().int().positive().optional().describe('step entries per run; guards loops'),
    concurrency: z.number().int().positive().optional().describe('runs of this workflow at once'),
  })
  .strict();

const ModelRef = z.union([
  z.object({ route: Identifier.describe('risk class, mapped to a model in tollgate.yaml') }).strict(),
  z
    .object({
      name: z.string().min(1).describe('Ollama model name, e.g. llama3.2:3b'),
      digest: z.string().regex(/^(sha256:)?[0-9a-f]{12,64}$/, 'expected a digest such as "sha256:a80c4f17acd5"').optional(),
    })
    .strict(),
]);

const Agent = z
  .object({
    model: ModelRef,
    instructions: z.string().min(1),
    tools: z.array(ToolName).default([]),
    output: z.object({ schema: JsonSchemaObject }).strict().optional(),
    max_turns: z.number().int().min(1).max(50).default(8),
  })
  .strict();

const Transition = z
  .object({ when: CelExpression.optional(), to: Identifier })
  .strict();

const CelMap = z.record(z.string(), CelExpression);

const StepBase = {
  id: Identifier,
  description: z.string().optional(),
  timeout: Duration.optional(),
  retry: RetryPolicy.optional(),
  next: z.array(Transition).min(1).optional(),
};

const AgentStep = z.object({ ...StepBase, agent: Identifier, input: CelMap.default({}) }).strict();
const ToolStep = z
  .object({
    ...StepBase,
    tool: ToolName,
    args: CelMap.default({}),
    compensate: z.object({ tool: ToolName, args: CelMap.default({}) }).strict().optional(),
  })
  .strict();
const ApprovalStep = z
  .object({
    ...StepBase,
    approval: z
      .object({
        reason: z.string().min(1),
        approvers: z.number().int().min(1).max(5).default(1),
        role: z.string().optional(),
        timeout: Duration.optional(),
      })
      .strict(),
    on_deny: Identifier.optional().describe('step to go to when the approval is denied; default: the run ends escalated'),
  })
  .strict();
const EndStep = z
  .object({
    id: Identifier,
    description: z.string().optional(),
    end: Identifier.describe('end state name, e.g. resolved'),
    output: CelMap.optional().describe('final output, as CEL expressions'),
  })
  .strict();

/** The kind of a step is the one key among agent, tool, approval, end that it carries. */
export const STEP_KINDS = ['agent', 'tool', 'approval', 'end'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const Step = z.union([AgentStep, ToolStep, ApprovalStep, EndStep]);

export const WorkflowSchema = z
  .object({
    $schema: z.string().optional(),
    id: Identifier,
    version: z.number().int().positive(),
    description: z.string().optional(),
    trigger: Trigger,
    policy: z.array(Identifier).default([]),
    limits: Limits.default({}),
    agents: z.record(Identifier, Agent).default({}),
    steps: z.array(Step).min(1, 'expected at least one step'),
  })
  .strict();

export type Workflow = z.infer<typeof WorkflowSchema>;
export type WorkflowStep = z.infer<typeof Step>;
export type AgentStep = z.infer<typeof AgentStep>;
export type ToolStep = z.infer<typeof ToolStep>;
export type ApprovalStep = z.infer<typeof ApprovalStep>;
export type EndStep = z.infer<typeof EndStep>;
export type AgentDefinition = z.infer<typeof Agent>;
export type ModelRef = z.infer<typeof ModelRef>;

export function stepKind(step: WorkflowStep): StepKind {
  if ('agent' in step) return 'agent';
  if ('tool' in step) return 'tool';
  if ('approval' in step) return 'approval';
  return 'end';
}
