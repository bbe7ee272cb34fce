import type { RunRecord } from '../core/index.ts';
import type { GoldCase } from '../workflow/index.ts';
import type { Workbench } from './workbench.ts';
import type { DefinitionSnapshot } from '../host/index.ts';

export interface GoldRun {
  readonly run: RunRecord;
  /** Decisions the case scripted but the run never asked for, or refusals. */
  readonly notes: string[];
}

/** Runs a gold case: its event, model script and faults; its approvals given in order as they are asked. */
export async function runGoldCase(workbench: Workbench, gc: GoldCase, overrides: { model?: string; script?: string; routeModels?: Record<string, string>; requestedBy?: string; snapshot?: DefinitionSnapshot } = {}): Promise<GoldRun> {
  let run = await workbench.start({
    workflow: gc.workflow, event: gc.event, env: gc.env, faults: gc.faults, requestedBy: overrides.requestedBy ?? 'gold-case',
    ...(overrides.snapshot ? { snapshot: overrides.snapshot } : {}),
    // A model without a script is live (Ollama); a script answers offline, under any model name.
    ...(overrides.model ? { model: overrides.model } : {}),
    ...(overrides.routeModels ? { routeModels: overrides.routeModels } : {}),
    ...(overrides.script ? { script: overrides.script } : overrides.model || overrides.routeModels ? {} : { script: gc.model_script }),
  });
  const notes: string[] = [];
  const decisions = [...gc.approvals];
  while (run.status === 'waiting_approval') {
    const pending = workbench.approvals.list({ status: 'pending', runId: run.runId })[0];
    const next = decisions.shift();
    if (!pending || !next) {
      notes.push(pending ? `approval ${pending.approvalId} asked but the case scripts no further decision` : 'run waits but no approval is pending');
      break;
    }
    const { verdict, run: after } = await workbench.decide(pending.approvalId, next.as, next.decision, next.reason ? { comment: next.reason } : {});
    if (!verdict.ok) notes.push(`${next.as} could not ${next.decision}: ${verdict.reason}`);
    run = after ?? workbench.runs.get(run.runId)!;
  }
  return { run, notes };
}
