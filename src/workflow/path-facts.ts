import { hasFacts } from './cel.ts';
import { edgesOf } from './step-graph.ts';
import type { Workflow } from './workflow-schema.ts';

/**
 * What is known present when each reachable step is entered: the `has(…)` tests true on every
 * path to it. A transition `when: 'has(output.order_id) && …'` out of step `triage` proves
 * `steps.triage.output.order_id` on the way it leads; a later read of it there needs no test.
 */
export function factsOnEntry(workflow: Workflow): Map<string, Set<string>> {
  const first = workflow.steps[0]?.id;
  const known = new Map<string, Set<string>>(first ? [[first, new Set()]] : []);
  const edges = edgesOf(workflow).map((e) => ({ ...e, facts: e.when ? hasFacts(e.when, 'transition').map((f) => (f === 'output' || f.startsWith('output.') ? `steps.${e.from}.${f}` : f)) : [] }));
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of edges) {
      const at = known.get(e.from);
      if (!at || e.to === first) continue;
      const arriving = new Set([...at, ...e.facts]);
      const before = known.get(e.to);
      const next = before ? new Set([...before].filter((f) => arriving.has(f))) : arriving;
      if (!before || next.size !== before.size) {
        known.set(e.to, next);
        changed = true;
      }
    }
  }
  return known;
}
