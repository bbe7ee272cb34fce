import picomatch from 'picomatch';
import { mapConcurrent } from '../shared/index.ts';
import { runGoldCase, type DefinitionSnapshot, type Workbench } from '../workbench/index.ts';
import type { GateConfig, GoldCase, Loaded } from '../workflow/index.ts';
import { totalsOf, type EvalReport } from './report.ts';
import type { CaseReport } from './case-report.ts';
import { interner, summaryOf, type CaseSummary } from './case-summary.ts';
import type { CaseLog } from './case-log.ts';
import { SCORERS } from './scorers/index.ts';
import type { CaseRun, ScoreResult } from './types.ts';
import { judgeClaims, type Judge } from './judge.ts';
import { evidence, toolCalls, writeToolsOf } from './journal-facts.ts';
import { groundingResult } from './scorers/grounding.ts';
import type { ClaimVerdict } from '../grounding/index.ts';
import { caseHits } from '../coverage/index.ts';

export interface EvalOptions {
  readonly workflow?: string;
  /** Glob over case IDs or `workflow/id`. */
  readonly cases?: string;
  /** Live model for every agent (else the scripted fixtures). */
  readonly model?: string;
  readonly concurrency?: number;
  /** 1-based shard of N: a deterministic slice of the selected cases. */
  readonly shard?: { index: number; total: number };
  /** 1-based part of N of the shard: what one eval worker runs (see parallel-eval.ts). */
  readonly part?: { index: number; total: number };
  /** Offline model answers per case (canaries plant per-model scripts here); undefined: the case's own. */
  readonly scriptFor?: (gc: GoldCase) => string | undefined;
  /** Models for named routes only. */
  readonly routeModels?: Record<string, string>;
  /** A judge model (through Ollama) for the claims the deterministic check cannot read, under gate.yaml's rule. */
  readonly judge?: Judge;
  /** Where each case's full report goes as it is scored; the returned report holds summaries. */
  readonly log?: CaseLog;
  readonly onCase?: (done: number, total: number, c: CaseSummary) => void;
}

/** The gold cases an eval runs, in a stable order, sliced to a shard. */
export function selectCases(all: readonly Loaded<GoldCase>[], o: Pick<EvalOptions, 'workflow' | 'cases' | 'shard' | 'part'>): Loaded<GoldCase>[] {
  const match = o.cases ? picomatch(o.cases) : undefined;
  const chosen = all
    .filter((c) => !o.workflow || c.value.workflow === o.workflow)
    .filter((c) => !match || match(c.value.id) || match(`${c.value.workflow}/${c.value.id}`))
    .sort((a, b) => `${a.value.workflow}/${a.value.id}`.localeCompare(`${b.value.workflow}/${b.value.id}`));
  const shard = o.shard ? chosen.filter((_, i) => i % o.shard!.total === o.shard!.index - 1) : chosen;
  return o.part ? shard.filter((_, i) => i % o.part!.total === o.part!.index - 1) : shard;
}

/** Runs gold cases, scores each with every scorer, and reports: summaries here, full reports to `o.log`. */
export async function runEval(wb: Workbench, o: EvalOptions = {}): Promise<EvalReport> {
  const selected = selectCases(wb.definitions.goldCases, o);
  const intern = interner();
  const summarised = async (loaded: Loaded<GoldCase>) => {
    const full = await evaluateCase(wb, loaded, o);
    o.log?.add(full);
    return summaryOf(full, intern);
  };
  const results = await wb.batchingCommits(() => mapConcurrent(selected, o.concurrency ?? 4, summarised, o.onCase));
  return { tollgate_report: 1, created_at: new Date().toISOString(), model: o.model ?? null, shards: o.shard ? [o.shard] : [], cases: results, totals: totalsOf(results) };
}

/** Runs one gold case (under the project's definitions or a snapshot of them) and scores it. */
export async function evaluateCase(wb: Workbench, loaded: Loaded<GoldCase>, o: Pick<EvalOptions, 'model' | 'routeModels' | 'scriptFor' | 'judge'> & { snapshot?: DefinitionSnapshot } = {}): Promise<CaseReport> {
  const gate = wb.definitions.gate?.value;
  const gc = loaded.value;
  const script = o.scriptFor?.(gc);
  const { run } = await runGoldCase(wb, gc, { ...(o.snapshot ? { snapshot: o.snapshot } : {}), ...(o.model ? { model: o.model } : {}), ...(o.routeModels ? { routeModels: o.routeModels } : {}), ...(script ? { script } : {}) });
  const caseRun: CaseRun = { goldCase: gc, file: loaded.source.file, run, journal: wb.journal(run.runId), definitions: wb.runDefinitions(run) };
  const scores = Object.values(SCORERS).map((s) => withLine(s.score(caseRun, gate), loaded));
  if (o.judge) {
    const at = scores.findIndex((s) => s.scorer === 'grounding');
    scores.splice(at, 1, withLine(await judgedGrounding(caseRun, scores[at]!.details!.claims as ClaimVerdict[], o.judge, gate), loaded));
  }
  const by = Object.fromEntries(scores.map((s) => [s.scorer, s]));
  return {
    key: `${gc.workflow}/${gc.id}`, id: gc.id, workflow: gc.workflow, file: loaded.source.file, run_id: run.runId, end: run.endState ?? run.status,
    pass: scores.every((s) => s.pass), failed: scores.filter((s) => !s.pass).map((s) => s.scorer), scores,
    cost_usd: Math.round(run.costUsd * 1e6) / 1e6, tokens: run.tokensIn + run.tokensOut, latency_ms: Number(by.latency!.details!.judged_ms), latency_source: by.latency!.details!.judged_on as CaseReport['latency_source'],
    grounded: by.grounding!.details!.ungrounded === 0, hard_violations: Number(by.policy!.details!.hard_violations), policy_blocks: Number(by.policy!.details!.blocked),
    tool_calls: toolCalls(caseRun.journal).length, approvals: caseRun.journal.filter((r) => r.kind === 'approval.requested').length,
    coverage: caseHits(caseRun),
  };
}

/** A failed score with the line of its expectation in the gold case file. */
function withLine(score: ScoreResult, loaded: Loaded<GoldCase>): ScoreResult {
  return score.at ? { ...score, line: loaded.source.at(score.at, '', '').line } : score;
}

/** The grounding score with a judge's verdicts applied to the scorer's claims (it decides what the deterministic check left unchecked). */
async function judgedGrounding(run: CaseRun, claims: readonly ClaimVerdict[], judge: Judge, gate: GateConfig | undefined): Promise<ScoreResult> {
  const sources = evidence(run.run.event, run.journal, writeToolsOf(run.definitions));
  const judged = await judgeClaims(claims, sources, judge, { mayClear: gate?.grounding.judge.may_clear ?? [] });
  return groundingResult(judged.claims, run.goldCase.expect.grounded === true, { judge: judge.model, judge_tokens: judged.tokens });
}
