import { existsSync } from 'node:fs';
import path from 'node:path';
import { runEval, type CaseReport } from '../evals/index.ts';
import { TollgateError } from '../shared/index.ts';
import type { JournalRow } from '../store/index.ts';
import type { Workbench } from '../workbench/index.ts';
import type { GoldCase } from '../workflow/index.ts';
import { assemble, compareCase } from './compare.ts';
import type { CanaryReport, Sample } from './types.ts';

export interface CanaryOptions {
  readonly baseline: string;
  readonly candidate: string;
  readonly workflow?: string;
  readonly cases?: string;
  readonly repeat?: number;
  /** Against Ollama; otherwise offline, from scripted fixtures. */
  readonly live?: boolean;
  readonly concurrency?: number;
  /** Compare the models on this risk route only; agents on other routes keep their models. */
  readonly route?: string;
}

const safe = (model: string) => model.replace(/[^a-zA-Z0-9._-]/g, '_');

/**
 * Offline, a model's answers come from `fixtures/canary/<model>/<workflow>/<case>[.rN].yaml` when
 * present (planted differences, or recordings), else from the gold case's own script.
 */
export function canaryScript(root: string, model: string, gc: GoldCase, repeat: number): string | undefined {
  const dir = path.join('fixtures', 'canary', safe(model), gc.workflow);
  for (const name of [`${gc.id}.r${repeat}.yaml`, `${gc.id}.yaml`]) if (existsSync(path.join(root, dir, name))) return path.join(dir, name).split(path.sep).join('/');
  return gc.model_script;
}

/** Runs the same gold cases on both models, N times each, and compares them case by case. */
export async function runCanary(wb: Workbench, o: CanaryOptions): Promise<CanaryReport> {
  const thresholds = wb.definitions.gate?.value.canary;
  if (!thresholds) throw new TollgateError('TG_NO_CANARY_THRESHOLDS', 'evals/gate.yaml has no canary: section (max_pass_rate_drop, max_cost_increase, max_p95_latency_increase)');
  const repeats = o.repeat ?? 1;
  const samples = { baseline: new Map<string, Sample[]>(), candidate: new Map<string, Sample[]>() };
  const files = new Map<string, string>();
  for (const side of ['baseline', 'candidate'] as const) {
    const model = o[side];
    for (let r = 1; r <= repeats; r++) {
      const report = await runEval(wb, {
        ...(o.route ? { routeModels: { [o.route]: model } } : { model }), concurrency: o.concurrency ?? 4, ...(o.workflow ? { workflow: o.workflow } : {}), ...(o.cases ? { cases: o.cases } : {}),
        ...(o.live ? {} : { scriptFor: (gc: GoldCase) => canaryScript(wb.root, model, gc, r) }),
      });
      for (const c of report.cases) {
        files.set(c.key, c.file);
        samples[side].set(c.key, [...(samples[side].get(c.key) ?? []), sampleOf(c, wb.journal(c.run_id))]);
      }
    }
  }
  const cases = [...samples.baseline.keys()].sort().map((key) => compareCase(key, files.get(key)!, samples.baseline.get(key)!, samples.candidate.get(key) ?? []));
  return assemble({ tollgate_canary: 1, created_at: new Date().toISOString(), mode: o.live ? 'live' : 'scripted fixtures', repeats, cases }, { baseline: o.baseline, candidate: o.candidate }, thresholds);
}

function sampleOf(c: CaseReport, journal: readonly JournalRow[]): Sample {
  const calls = journal.filter((r) => r.kind === 'tool.started' && r.attempt === 1).map((r) => (r.data as { input: { tool: string; args: unknown } }).input);
  const agentSteps = new Set(journal.filter((r) => r.kind === 'step.entered' && (r.data as { kind: string }).kind === 'agent').map((r) => r.stepKey));
  const answer = journal
    .filter((r) => r.kind === 'step.completed' && agentSteps.has(r.stepKey))
    .map((r) => Object.values((r.data as { output: Record<string, unknown> }).output ?? {}).filter((v) => typeof v === 'string').join(' '))
    .join('\n');
  return {
    pass: c.pass, end: c.end, failed: c.failed, cost_usd: c.cost_usd, tokens: c.tokens, latency_ms: c.latency_ms, hard_violations: c.hard_violations, policy_blocks: c.policy_blocks,
    approvals: journal.filter((r) => r.kind === 'approval.requested').length, tools: calls.map((x) => x.tool), tool_calls: calls.map((x) => ({ tool: x.tool, args: x.args })), answer,
  };
}
