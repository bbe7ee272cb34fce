export { runCanary, canaryScript, type CanaryOptions } from './run-canary.ts';
export { compareCase, verdictOf, summarise, STATISTIC } from './compare.ts';
export { canaryMarkdown } from './reporters/markdown.ts';
export { canaryHtml } from './reporters/html.ts';
export type { CanaryReport, CaseComparison, Sample, Verdict } from './types.ts';
