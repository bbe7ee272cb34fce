export { groundClaims, checkClaims, type Said, type ClaimVerdict, type Judgement, type GroundingOptions } from './check.ts';
export { evidenceOf, sentences, type Source, type Evidence } from './evidence.ts';
export { atomsOf, type Atom, type AtomKind } from './atoms.ts';
export type { AtomVerdict } from './match.ts';
export { evidenceItems, judgeUserPrompt, parseJudgeReply, JUDGE_INSTRUCTIONS, JUDGE_REPLY_FORMAT, type EvidenceItem, type JudgeVerdict } from './judge-prompt.ts';
export { applyJudge, type JudgeRule } from './judge-rule.ts';
export { agreementOf, type Agreement } from './labelled-set.ts';
