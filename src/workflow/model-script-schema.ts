import { z } from 'zod';

const Turn = z
  .object({
    content: z.string().optional(),
    tool_calls: z.array(z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()).default({}) }).strict()).optional(),
    prompt_eval_count: z.number().int().nonnegative().optional(),
    eval_count: z.number().int().nonnegative().optional(),
    latency: z
      .string()
      .regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, 'expected a duration such as "1.5s" or "800ms"')
      .optional()
      .describe('how long this reply takes, e.g. "1.5s": reported to the run and judged by the latency gate offline; the scripted model does not wait'),
  })
  .strict();

/** Hand-written replies that stand in for a model: per agent, the reply to each turn. */
export const ModelScriptSchema = z
  .object({
    scripted: z.literal(true),
    description: z.string().optional(),
    model: z.string().optional(),
    workflow: z.string().optional().describe('the workflow whose agents this script answers: validate checks the script against it even when no gold case uses it'),
    agents: z.record(z.string(), z.array(Turn)).describe('per agent of the workflow, its reply to each turn in order'),
  })
  .strict();

export type ModelScript = z.infer<typeof ModelScriptSchema>;
export type ScriptedTurn = z.infer<typeof Turn>;
