import type { Workflow, WorkflowStep } from './workflow-schema.ts';

/**
 * Where each step can go next. A step without `next` continues with the step after it in the
 * list; an approval's `on_deny` is an edge too; end steps have none.
 */
export function successors(workflow: Workflow): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  workflow.steps.forEach((step, index) => {
    edges.set(step.id, successorsOf(step, workflow.steps[index + 1]));
  });
  return edges;
}

function successorsOf(step: WorkflowStep, following: WorkflowStep | undefined): string[] {
  if ('end' in step) return [];
  const out = step.next ? step.next.map((t) => t.to) : following ? [following.id] : [];
  if ('on_deny' in step && step.on_deny) out.push(step.on_deny);
  return out;
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
