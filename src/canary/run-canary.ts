import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { agentAnswers, runEval, toolCalls, type CaseSummary } from '../evals/index.ts';
import { TollgateError } from '../shared/index.ts';
import type { JournalRow } from '../core/index.ts';
import { loadModelScript, runDefinitionsFor, type Workbench } from '../workbench/index.ts';
import { readRecording } from '../trace/index.ts';
import { replayWithModel, type ModelReplay } from '../replay/index.ts';
import { OllamaModelClient, scriptedDigest } from '../models/index.ts';
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
  /** Recorded runs (trace files) to replay on each model, tools answered from the recording. */
  readonly traces?: string;
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
  if (o.traces) {
    for (const file of readdirSync(o.traces).filter((f) => f.endsWith('.json')).sort()) {
      const recording = readRecording(path.join(o.traces, file));
      const key = `trace/${recording.run.runId}`;
      files.set(key, path.join(o.traces, file));
      const defs = runDefinitionsFor(wb.definitions, recording.run.workflow, recording.run.definitionsDigest);
      for (const side of ['baseline', 'candidate'] as const) {
        const model = o[side];
        const script = o.live ? undefined : path.join('fixtures', 'canary', safe(model), 'traces', `${recording.run.runId}.yaml`);
        if (script && !existsSync(path.join(wb.root, script))) throw new TollgateError('TG_CANARY_NO_SCRIPT', `replaying ${file} offline needs ${script} (scripted answers of ${model}), or --live`);
        const replayId = `canary-${side}-${recording.run.runId}`;
        if (script) (await wb.mocks()).register(replayId, { script: loadModelScript(wb.root, script) });
        for (let r = 1; r <= repeats; r++) {
          const result = await replayWithModel(recording, defs, new OllamaModelClient(wb.ollamaHost, { 'x-tollgate-run-id': replayId }), model);
          samples[side].set(key, [...(samples[side].get(key) ?? []), traceSample(result)]);
        }
      }
    }
  }
  const digests = { baseline: await digestOf(wb, o.baseline, o.live), candidate: await digestOf(wb, o.candidate, o.live) };
  const cases = [...samples.baseline.keys()].sort().map((key) => compareCase(key, files.get(key)!, samples.baseline.get(key)!, samples.candidate.get(key) ?? []));
  const report = assemble({ tollgate_canary: 1, created_at: new Date().toISOString(), mode: o.live ? 'live' : 'scripted fixtures', repeats, cases }, { baseline: o.baseline, candidate: o.candidate }, thresholds);
  return { ...report, baseline: { ...report.baseline, digest: digests.baseline }, candidate: { ...report.candidate, digest: digests.candidate } };
}

/** Each side is identified by the digest it ran under: Ollama's when live, a stand-in when scripted. */
async function digestOf(wb: Workbench, model: string, live: boolean | undefined): Promise<string> {
  if (!live) return `scripted:${scriptedDigest(model).slice(0, 12)}`;
  try {
    return (await new OllamaModelClient(wb.ollamaHost).digest(model)) ?? 'not on the Ollama server';
  } catch (error) {
    return `unknown (${(error as Error).message})`;
  }
}

/** What a run did, as a canary compares it: the tools it called and what its agents answered. */
function behaviourOf(journal: readonly JournalRow[]) {
  const calls = toolCalls(journal);
  const answer = agentAnswers(journal)
    .map((a) => Object.values((a ?? {}) as Record<string, unknown>).filter((v) => typeof v === 'string').join(' '))
    .join('\n');
  return { tools: calls.map((c) => c.tool), tool_calls: calls.map((c) => ({ tool: c.tool, args: c.args })), answer };
}

function sampleOf(c: CaseSummary, journal: readonly JournalRow[]): Sample {
  return {
    pass: c.pass, end: c.end, failed: c.failed, cost_usd: c.cost_usd, tokens: c.tokens, latency_ms: c.latency_ms, hard_violations: c.hard_violations, policy_blocks: c.policy_blocks,
    approvals: journal.filter((r) => r.kind === 'approval.requested').length, ...behaviourOf(journal),
  };
}

/** A replayed incident counts as passing when the model reaches the outcome the recording reached. */
function traceSample(r: ModelReplay): Sample {
  const outcome = (x: { status: string; endState: string | null }) => x.endState ?? x.status;
  const same = outcome(r.replayed) === outcome(r.recorded);
  return {
    pass: same, end: outcome(r.replayed), failed: same ? [] : [`outcome (recorded ${outcome(r.recorded)})`], cost_usd: Math.round(r.replayed.totals.costUsd * 1e6) / 1e6,
    tokens: r.replayed.totals.tokensIn + r.replayed.totals.tokensOut, latency_ms: (r.journal.at(-1)?.ts ?? 0) - (r.journal[0]?.ts ?? 0), hard_violations: 0,
    policy_blocks: r.replayed.totals.policyBlocks, approvals: r.replayed.totals.approvalsRequested, ...behaviourOf(r.journal),
  };
}
