import type { Loaded, PathSegment, Workflow } from '../workflow/index.ts';
import { lineOf, type CoverageItem } from './item.ts';
import { compensationKey, transitionKey, type CoverageKind, type CoverageSide } from './keys.ts';

/** A workflow's compensations and transitions, the implicit fall-through and `on_deny` included. */
export function workflowItems({ value: wf, source }: Loaded<Workflow>): CoverageItem[] {
  const items: CoverageItem[] = [];
  const add = (key: string, kind: CoverageKind, path: PathSegment[], side: CoverageSide, label: string) =>
    items.push({ key, kind, owner: wf.id, label, file: source.file, line: lineOf(source, path), workflows: [wf.id], sides: [side] });
  wf.steps.forEach((step, si) => {
    if ('end' in step) return;
    if ('compensate' in step && step.compensate) add(compensationKey(wf.id, step.id), 'compensation', ['steps', si, 'compensate'], 'ran', `${step.id}: ${step.compensate.tool}`);
    const following = wf.steps[si + 1];
    if (step.next) {
      step.next.forEach((t, ti) => add(transitionKey(wf.id, step.id, { next: ti }), 'transition', ['steps', si, 'next', ti], 'taken', `${step.id} → ${t.to}${t.when ? ` when ${t.when}` : ''}`));
    } else if (following) {
      add(transitionKey(wf.id, step.id, 'fallthrough'), 'transition', ['steps', si], 'taken', `${step.id} → ${following.id} (next in order)`);
    }
    if ('on_deny' in step && step.on_deny) add(transitionKey(wf.id, step.id, 'on_deny'), 'transition', ['steps', si, 'on_deny'], 'taken', `${step.id} → ${step.on_deny} (on deny)`);
  });
  return items;
}
