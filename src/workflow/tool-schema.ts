import { z } from 'zod';
import { Duration, JsonSchemaObject, RetryPolicy, ToolName } from './common-schemas.ts';
import { DATA_CLASSES } from './policy-schema.ts';

export const SIDE_EFFECTS = ['read', 'write'] as const;

/** A tool connector: one HTTP endpoint, described so a model can call it and a policy can judge it. */
export const ToolSchema = z
  .object({
    $schema: z.string().optional(),
    name: ToolName,
    description: z.string().min(1),
    side_effect: z.enum(SIDE_EFFECTS),
    scopes: z.array(z.string().min(1)).default([]),
    args: JsonSchemaObject.describe('JSON Schema of the arguments (type: object)'),
    result: JsonSchemaObject.optional().describe('JSON Schema of a successful reply\'s body: a reply that does not match is a tool error, and validate checks every steps.<id>.output.<field> read of this tool against it'),
    http: z
      .object({
        method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
        url: z
          .string()
          .regex(/^https?:\/\/[^\s]+$/, 'expected an http(s) URL template such as "https://orders.example.test/v1/orders/{order_id}"'),
        body: z.enum(['args', 'none']).optional().describe('default: args for POST/PUT/PATCH, none otherwise'),
      })
      .strict(),
    timeout: Duration.optional(),
    limits: z
      .object({
        concurrency: z.number().int().positive().optional().describe('calls in flight at once, across runs'),
        rate_per_second: z.number().positive().optional().describe('calls started per second, across runs'),
      })
      .strict()
      .optional(),
    retry: RetryPolicy.optional(),
    record_keys: z
      .array(z.string().min(1))
      .optional()
      .describe('arguments naming the record the action is about (e.g. [order_id]); an approver\'s edit can never change them'),
    data_classes: z.array(z.enum(DATA_CLASSES)).default([]).describe('data classes this tool legitimately receives, e.g. [email]'),
  })
  .strict();

export type ToolConnector = z.infer<typeof ToolSchema>;
