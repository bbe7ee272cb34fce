import { applyJudge, evidenceItems, JUDGE_INSTRUCTIONS, JUDGE_REPLY_FORMAT, judgeUserPrompt, parseJudgeReply, type ClaimVerdict, type JudgeRule } from '../grounding/index.ts';
import type { Source } from '../grounding/index.ts';
import { systemHeader } from '../models/index.ts';
import { type ModelClient } from '../core/index.ts';

export interface Judge {
  readonly model: string;
  readonly client: ModelClient;
}

/**
 * Asks a judge model (through Ollama) about every claim a run made, with the evidence fenced as
 * untrusted data, and applies its verdicts under the gate's rule. Returns the claims with the
 * judge's word on each, and the tokens it spent.
 */
export async function judgeClaims(claims: readonly ClaimVerdict[], sources: readonly Source[], judge: Judge, rule: JudgeRule): Promise<{ claims: ClaimVerdict[]; tokens: number }> {
  if (claims.length === 0) return { claims: [], tokens: 0 };
  const items = evidenceItems(sources);
  const reply = await judge.client.chat({
    model: judge.model,
    tools: [],
    format: JUDGE_REPLY_FORMAT,
    messages: [
      { role: 'system', content: `${systemHeader('judge', 'grounding')}\n${JUDGE_INSTRUCTIONS}` },
      { role: 'user', content: judgeUserPrompt(claims, items) },
    ],
  });
  return { claims: applyJudge(claims, parseJudgeReply(reply.message.content), items, rule, judge.model), tokens: reply.inputTokens + reply.outputTokens };
}
