import { longestPath, type Workflow } from '../../workflow/index.ts';
import { editYaml } from '../yaml-edit.ts';
import { workflowsOf } from '../subject.ts';
import type { FileEdit, Mutant, MutationOperator, MutationSubject } from '../types.ts';

interface Source {
  readonly file: string;
  readonly path: string[];
  readonly raw: number;
}

const WIDEN = 10;

/** Where each limit of a workflow is set: its own `limits` and its packs' budgets and loop caps. */
function sourcesOf(subject: MutationSubject, workflowId: string): Record<string, Source[]> {
  const wf = subject.definitions.workflows.find((w) => w.value.id === workflowId)!;
  const packs = subject.definitions.policies.filter((p) => wf.value.policy.includes(p.value.id));
  const out: Record<string, Source[]> = {};
  const add = (metric: string, file: string, path: string[], raw: number | undefined) => {
    if (raw !== undefined) (out[metric] ??= []).push({ file, path, raw });
  };
  const l = wf.value.limits;
  for (const key of ['max_tool_calls', 'max_tokens', 'max_cost_usd', 'max_steps'] as const) add(key, wf.source.file, ['limits', key], l[key]);
  for (const p of packs) {
    const b = p.value.budgets;
    for (const key of ['max_tool_calls', 'max_tokens', 'max_cost_usd'] as const) add(key, p.source.file, ['budgets', key], b[key]);
    add('max_identical_tool_calls', p.source.file, ['loops', 'max_identical_tool_calls'], p.value.loops.max_identical_tool_calls);
    add('max_denied_calls.per_step', p.source.file, ['loops', 'max_denied_calls', 'per_step'], p.value.loops.max_denied_calls?.per_step);
    add('max_denied_calls.per_run', p.source.file, ['loops', 'max_denied_calls', 'per_run'], p.value.loops.max_denied_calls?.per_run);
  }
  return out;
}

/**
 * A limit no run can reach changes nothing when widened: the step cap of a workflow without
 * cycles that is longer than its longest path, a cost cap the token cap always trips first.
 */
function unreachable(subject: MutationSubject, workflow: Workflow, metric: string, tightest: number, sources: Record<string, Source[]>): boolean {
  if (metric === 'max_steps') return longestPath(workflow) <= tightest;
  if (metric !== 'max_cost_usd') return false;
  const tokens = Math.min(...(sources.max_tokens ?? []).map((s) => Number(s.raw)));
  const models = subject.definitions.project?.value.models;
  if (!models || !Number.isFinite(tokens)) return false;
  const used = Object.values(workflow.agents).map((a) => ('name' in a.model ? a.model.name : 'route' in a.model ? (models.routes[a.model.route] ?? models.default) : models.default));
  const perToken = Math.max(0, ...used.map((m) => Math.max(models.prices[m]?.input_per_1k ?? Infinity, models.prices[m]?.output_per_1k ?? Infinity) / 1000));
  return tokens * perToken <= tightest;
}

/**
 * The binding value of a limit (the tightest of a workflow's limits and its packs' budgets)
 * widened tenfold. Time limits are left alone: offline gold cases do not wait out a 120 s run
 * timeout, so no gold case could notice them widened. Every source that binds moves together: widening one of two equal caps
 * changes nothing and would only be an equivalent mutant.
 */
export const widenBudget: MutationOperator = {
  id: 'widen-budget',
  title: 'widen a budget',
  generate: (subject) => {
    const seen = new Map<string, Mutant>();
    for (const { workflow } of workflowsOf(subject)) {
      const all = sourcesOf(subject, workflow.id);
      for (const [metric, sources] of Object.entries(all)) {
        const tightest = Math.min(...sources.map((s) => s.raw));
        if (unreachable(subject, workflow, metric, tightest, all)) continue;
        const binding = sources.filter((s) => s.raw === tightest);
        const id = `widen-budget@${binding.map((s) => `${s.file}#${s.path.join('.')}`).join('+')}`;
        const known = seen.get(id);
        if (known) {
          seen.set(id, { ...known, workflows: [...known.workflows, workflow.id] });
          continue;
        }
        const byFile = new Map<string, Source[]>();
        for (const s of binding) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
        const edits: FileEdit[] = [...byFile].map(([file, list]) => editYaml(file, subject.files[file]!, (doc) => list.forEach((s) => doc.setIn(s.path, Math.round(s.raw * WIDEN * 1e6) / 1e6))));
        seen.set(id, {
          id, operator: 'widen-budget', workflows: [workflow.id],
          description: `${metric} ${binding[0]!.raw} → ${Math.round(binding[0]!.raw * WIDEN * 1e6) / 1e6} (${binding.map((s) => `${s.file}: ${s.path.join('.')}`).join(', ')})`,
          edits, focus: { ends: metric.startsWith('max_denied') || metric === 'max_identical_tool_calls' ? ['escalated'] : ['budget_exceeded'] }, hint: `a ${workflow.id} case that runs past ${metric} = ${binding[0]!.raw}, expecting the run to stop there (end: budget_exceeded, timed_out or escalated)`,
        });
      }
    }
    return [...seen.values()];
  },
};
