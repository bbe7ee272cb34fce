import { z } from 'zod';

/** Claim types the deterministic check covers, and those only a judge can read. */
export const DETERMINISTIC_TYPES = ['amount', 'quantity', 'number-word', 'date', 'relative-date', 'id', 'id-fragment', 'name', 'placeholder', 'status', 'negation', 'hedge', 'unit-conversion', 'attribution', 'greeting', 'self-echo'] as const;
export const JUDGE_TYPES = ['promise', 'policy', 'exclusion', 'status-change'] as const;

/** `evals/grounding/labelled.yaml`: contexts (an event and the tool calls a run made) and claims labelled by hand. */
export const GroundingSetSchema = z
  .object({
    contexts: z.array(
      z
        .object({
          id: z.string().min(1),
          workflow: z.string().min(1),
          clock: z.string().datetime({ offset: true }),
          event: z.record(z.string(), z.unknown()),
          tools: z.array(z.object({ tool: z.string().min(1), args: z.unknown(), reply: z.unknown() }).strict()).default([]),
        })
        .strict(),
    ),
    claims: z.array(
      z
        .object({
          id: z.string().min(1),
          context: z.string().min(1),
          type: z.enum([...DETERMINISTIC_TYPES, ...JUDGE_TYPES]),
          text: z.string().min(1),
          label: z.enum(['grounded', 'ungrounded']),
          why: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();

export type GroundingSet = z.infer<typeof GroundingSetSchema>;
export type LabelledClaim = GroundingSet['claims'][number];


/** Hand-written verdicts a scripted judge gives (fixtures/judge/*.yaml): per labelled claim, with the passage it quotes. */
export const ScriptedVerdictsSchema = z
  .object({
    verdicts: z.array(
      z
        .object({
          claim: z.string().min(1),
          verdict: z.enum(['supported', 'unsupported']),
          source: z.string().min(1).optional().describe('`event` or `<tool> (call N)`'),
          passage: z.string().min(1).optional(),
          reason: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type ScriptedVerdicts = z.infer<typeof ScriptedVerdictsSchema>;
