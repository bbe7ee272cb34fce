import { evaluateRule } from '../policy/index.ts';
import { stepsOf, type CoverageRun } from './coverage-run.ts';
import { compensationKey, sideKey, transitionKey, type TransitionRef } from './keys.ts';

/**
 * The transitions a run took and the compensations it ran, read off its journal. Where two
 * entries of `next` lead to the same step, their conditions are evaluated again in order, with
 * the variables the engine used (event, outputs of the steps so far, run, the step's output). Pure.
 */
export function workflowHits(cr: CoverageRun): string[] {
  const wf = cr.definitions.workflow;
  const keys = stepsOf(cr.journal);
  const outputs: Record<string, { output: unknown }> = {};
  const out: string[] = [];
  for (const row of cr.journal) {
    const id = keys.get(row.stepKey.replace(/^compensate:/, ''))?.step;
    const step = wf.steps.find((s) => s.id === id);
    if (!id || !step || 'end' in step) continue;
    if (row.kind === 'step.completed') outputs[id] = { output: (row.data as { output: unknown }).output };
    if (row.kind === 'tool.started' && row.attempt === 1 && row.stepKey.startsWith('compensate:')) out.push(sideKey(compensationKey(wf.id, id), 'ran'));
    if (row.kind !== 'transition') continue;
    const to = (row.data as { to: string }).to;
    const output = outputs[id]?.output;
    const vars = { event: cr.run.event, steps: outputs, run: { id: cr.run.runId, env: cr.run.env, correlation_id: cr.run.correlationId, workflow: wf.id }, ...(output !== undefined ? { output } : {}) };
    const taken = takenTransition(step, to, output, (when) => evaluateRule(when, vars, 'transition').holds);
    if (taken) out.push(sideKey(transitionKey(wf.id, id, taken), 'taken'));
  }
  return out;
}

type TransitionStep = { next?: { when?: string; to: string }[]; on_deny?: string };

/** Which transition led to `to`, decided as the engine's chooseNextStep decides. */
function takenTransition(step: TransitionStep, to: string, output: unknown, holds: (when: string) => boolean): TransitionRef | undefined {
  if (step.on_deny && to === step.on_deny && (output as { on_deny?: boolean } | undefined)?.on_deny) return 'on_deny';
  if (!step.next) return 'fallthrough';
  const candidates = step.next.flatMap((t, i) => (t.to === to ? [i] : []));
  if (candidates.length <= 1) return candidates.length ? { next: candidates[0]! } : undefined;
  const first = step.next.findIndex((t) => t.when === undefined || holds(t.when));
  return candidates.includes(first) ? { next: first } : undefined;
}
