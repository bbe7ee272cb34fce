export { runEval, selectCases, type EvalOptions } from './runner.ts';
export { judge, baselineOf, type GateVerdict, type GateReason, type Baseline } from './gate.ts';
export { totalsOf, mergeReports, type EvalReport, type CaseReport, type ReportTotals } from './report.ts';
export { SCORERS, claimsOf, type ScorerName } from './scorers/index.ts';
export type { CaseRun, ScoreResult, Scorer } from './types.ts';
export { toJUnit } from './reporters/junit.ts';
export { toMarkdown } from './reporters/markdown.ts';
export { githubAnnotations } from './reporters/github.ts';
export { toolCalls, agentAnswers, denials, finalOutput } from './journal-facts.ts';
