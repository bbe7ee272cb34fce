import type { Workflow, WorkflowStep } from './workflow-schema.ts';

/** A way from one step to another, with the condition of the transition, if any. */
export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly when?: string;
}

/**
 * Every way a step can go next. A step without `next` continues with the step after it in the
 * list; an approval's `on_deny` is an edge too; end steps have none.
 */
export function edgesOf(workflow: Workflow): Edge[] {
  return workflow.steps.flatMap((step, index) => edgesFrom(step, workflow.steps[index + 1]));
}

function edgesFrom(step: WorkflowStep, following: WorkflowStep | undefined): Edge[] {
  if ('end' in step) return [];
  const out: Edge[] = step.next ? step.next.map((t) => ({ from: step.id, to: t.to, ...(t.when !== undefined ? { when: t.when } : {}) })) : following ? [{ from: step.id, to: following.id }] : [];
  if ('on_deny' in step && step.on_deny) out.push({ from: step.id, to: step.on_deny });
  return out;
}

/** Where each step can go next (see edgesOf). */
export function successors(workflow: Workflow): Map<string, string[]> {
  const edges = new Map<string, string[]>(workflow.steps.map((s) => [s.id, []]));
  for (const e of edgesOf(workflow)) edges.get(e.from)!.push(e.to);
  return edges;
}

/** Steps reachable from the first step. */
export function reachableSteps(workflow: Workflow, edges = successors(workflow)): Set<string> {
  const first = workflow.steps[0]?.id;
  const seen = new Set<string>();
  const stack = first ? [first] : [];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id) || !edges.has(id)) continue;
    seen.add(id);
    stack.push(...edges.get(id)!);
  }
  return seen;
}

/** Steps from which some end step can be reached (backwards search from the ends). */
export function stepsThatCanEnd(workflow: Workflow, edges = successors(workflow)): Set<string> {
  const predecessors = new Map<string, string[]>();
  for (const [from, tos] of edges) for (const to of tos) predecessors.set(to, [...(predecessors.get(to) ?? []), from]);
  const canEnd = new Set<string>();
  const stack = workflow.steps.filter((s) => 'end' in s).map((s) => s.id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (canEnd.has(id)) continue;
    canEnd.add(id);
    stack.push(...(predecessors.get(id) ?? []));
  }
  return canEnd;
}

/** A cycle through `start` among steps that cannot end, for the error message; empty if none. */
export function cycleFrom(start: string, edges: Map<string, string[]>, trapped: Set<string>): string[] {
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (id: string): string[] | undefined => {
    if (onPath.has(id)) return [...path.slice(path.indexOf(id)), id];
    if (!trapped.has(id)) return undefined;
    path.push(id);
    onPath.add(id);
    for (const next of edges.get(id) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    onPath.delete(id);
    return undefined;
  };
  return visit(start) ?? [];
}

/** Steps entered on the longest path from the first step to an end; Infinity when a cycle is reachable. */
export function longestPath(workflow: Workflow, edges = successors(workflow)): number {
  const memo = new Map<string, number>();
  const onPath = new Set<string>();
  const visit = (id: string): number => {
    if (onPath.has(id)) return Infinity;
    const known = memo.get(id);
    if (known !== undefined) return known;
    onPath.add(id);
    const longest = 1 + Math.max(0, ...(edges.get(id) ?? []).map(visit));
    onPath.delete(id);
    memo.set(id, longest);
    return longest;
  };
  return workflow.steps[0] ? visit(workflow.steps[0].id) : 0;
}

/**
 * For each reachable step, the steps that have run on every path from the first step to it (its
 * dominators, without itself): what an expression written at the step can rely on.
 */
export function stepsRunBefore(workflow: Workflow, edges = successors(workflow)): Map<string, Set<string>> {
  const reachable = reachableSteps(workflow, edges);
  const first = workflow.steps[0]?.id;
  const predecessors = new Map<string, string[]>();
  for (const [from, tos] of edges) if (reachable.has(from)) for (const to of tos) predecessors.set(to, [...(predecessors.get(to) ?? []), from]);
  const all = [...reachable];
  const dominators = new Map(all.map((id) => [id, id === first ? new Set([id]) : new Set(all)]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of all) {
      if (id === first) continue;
      const preds = (predecessors.get(id) ?? []).map((p) => dominators.get(p)!);
      const next = new Set([id, ...[...(preds[0] ?? [])].filter((d) => preds.every((p) => p.has(d)))]);
      if (next.size !== dominators.get(id)!.size) {
        dominators.set(id, next);
        changed = true;
      }
    }
  }
  return new Map(all.map((id) => [id, new Set([...dominators.get(id)!].filter((d) => d !== id))]));
}
