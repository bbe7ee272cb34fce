import { systemHeader, type ModelClient } from '../models/index.ts';
import { agentAnswers, evidence, writeToolsOf } from './journal-facts.ts';
import type { CaseRun, ScoreResult } from './types.ts';

const FREE_TEXT = 40;

/**
 * An optional judge model (through Ollama) for free text the deterministic check cannot read:
 * asked whether each answer's claims are supported by the evidence, it must reply in JSON.
 */
export async function judgeGrounding(run: CaseRun, model: ModelClient, judgeModel: string): Promise<ScoreResult | undefined> {
  const texts = agentAnswers(run.journal).flatMap((a) => (a && typeof a === 'object' ? Object.values(a) : [a])).filter((v): v is string => typeof v === 'string' && v.length >= FREE_TEXT);
  if (texts.length === 0) return undefined;
  const reply = await model.chat({
    model: judgeModel,
    tools: [],
    format: { type: 'object', required: ['supported', 'unsupported_claims'], properties: { supported: { type: 'boolean' }, unsupported_claims: { type: 'array', items: { type: 'string' } } } },
    messages: [
      { role: 'system', content: `${systemHeader('judge', 'grounding')}\nYou check answers against evidence. A claim is supported only if the evidence states it. Reply with only JSON: {"supported": boolean, "unsupported_claims": [string]}.` },
      { role: 'user', content: `EVIDENCE:\n${JSON.stringify(evidence(run.run.event, run.journal, writeToolsOf(run.definitions)))}\n\nANSWERS:\n${texts.map((t, i) => `${i + 1}. ${t}`).join('\n')}` },
    ],
  });
  let verdict: { supported?: unknown; unsupported_claims?: unknown };
  try {
    verdict = JSON.parse(reply.message.content) as typeof verdict;
  } catch {
    return { scorer: 'judge', pass: false, score: 0, reason: `the judge ${judgeModel} did not reply with JSON` };
  }
  const unsupported = Array.isArray(verdict.unsupported_claims) ? verdict.unsupported_claims.map(String) : [];
  const supported = verdict.supported === true && unsupported.length === 0;
  return {
    scorer: 'judge', pass: supported || run.goldCase.expect.grounded !== true, score: supported ? 1 : 0,
    reason: supported ? `${judgeModel} finds every claim supported` : `${judgeModel} finds unsupported: ${unsupported.join('; ') || '(unspecified)'}`,
    details: { judge: judgeModel, unsupported, tokens: reply.inputTokens + reply.outputTokens },
  };
}
