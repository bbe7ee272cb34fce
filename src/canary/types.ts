import type { Change } from 'diff';

/** One run of one case on one model. */
export interface Sample {
  readonly pass: boolean;
  readonly end: string;
  readonly failed: string[];
  readonly cost_usd: number;
  readonly tokens: number;
  readonly latency_ms: number;
  readonly hard_violations: number;
  readonly policy_blocks: number;
  readonly approvals: number;
  readonly tools: string[];
  readonly tool_calls: { tool: string; args: unknown }[];
  /** The agents' answers, as text. */
  readonly answer: string;
}

export type CaseFinding = 'same' | 'regressed' | 'improved' | 'flaky' | 'changed';

export interface CaseComparison {
  readonly key: string;
  readonly file: string;
  readonly baseline: Sample[];
  readonly candidate: Sample[];
  readonly finding: CaseFinding;
  /** Why the finding, for people. */
  readonly notes: string[];
  readonly answerDiff: Change[];
  readonly toolDiff: Change[];
}

export interface SideSummary {
  readonly model: string;
  /** The digest the model answered under (Ollama's, or a stand-in for scripted fixtures). */
  readonly digest?: string;
  readonly pass_rate: number;
  readonly hard_violations: number;
  readonly policy_blocks: number;
  readonly approvals: number;
  readonly tokens: number;
  readonly cost_per_case_usd: number;
  readonly p50_latency_ms: number;
  readonly p95_latency_ms: number;
}

export type Verdict = 'promote' | 'hold' | 'reject';

export interface CanaryReport {
  readonly tollgate_canary: 1;
  readonly created_at: string;
  /** "scripted fixtures" offline, or "live" against Ollama. */
  readonly mode: 'scripted fixtures' | 'live';
  readonly repeats: number;
  readonly statistic: string;
  readonly baseline: SideSummary;
  readonly candidate: SideSummary;
  readonly cases: CaseComparison[];
  readonly verdict: Verdict;
  readonly reasons: string[];
}
