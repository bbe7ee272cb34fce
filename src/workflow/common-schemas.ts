import { z } from 'zod';
import { cronProblem } from './cron.ts';

/** Identifiers people type: `refund-request`, `triage`, `orders.get`. */
export const Identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'expected a lower-case identifier such as "refund-request"')
  .describe('lower-case identifier');

/** Tool names are dotted: `orders.get`, `refunds.create`. */
export const ToolName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/, 'expected a dotted tool name such as "orders.get"')
  .describe('dotted tool name');

/** A tool name or a glob over tool names, as in `payments.*`. */
export const ToolPattern = z
  .string()
  .regex(/^[a-z0-9_.*-]+$/, 'expected a tool name or glob such as "payments.*"')
  .describe('tool name or glob');

export const Duration = z
  .string()
  .regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, 'expected a duration such as "30s", "250ms" or "5m"')
  .describe('duration: a number followed by ms, s, m, h or d');

/** A cron expression, as croner reads it (5 fields, or 6 with seconds first). */
export const CronPattern = z.string().superRefine((text, ctx) => {
  const problem = cronProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: `expected a cron expression such as "0 9 * * MON-FRI" (${problem})` });
});

/** An IANA time zone the runtime's Intl knows. */
export const TimeZone = z.string().superRefine((zone, ctx) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    ctx.addIssue({ code: 'custom', message: `expected an IANA time zone such as "Europe/Berlin" or "UTC", not "${zone}"` });
  }
});

/** A CEL expression, compiled when the file loads. */
export const CelExpression = z.string().min(1, 'expected a CEL expression').describe('CEL expression');

/** A JSON Schema (draft 2020-12), checked by compiling it with Ajv when the file loads. */
export const JsonSchemaObject = z
  .record(z.string(), z.unknown())
  .describe('JSON Schema (draft 2020-12)');

/** Retry policy, named as Temporal names it. */
export const RetryPolicy = z
  .object({
    initial_interval: Duration.default('1s'),
    backoff_coefficient: z.number().min(1).default(2),
    maximum_interval: Duration.optional().describe('default: 100 × initial_interval'),
    maximum_attempts: z.number().int().min(1).max(100).default(3),
    non_retryable_errors: z.array(z.string()).default([]),
  })
  .strict();
export type RetryPolicy = z.infer<typeof RetryPolicy>;
