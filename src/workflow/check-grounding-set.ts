import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import type { GroundingSet } from './grounding-set-schema.ts';
import type { Loaded } from './load-definitions.ts';

/** A labelled set's claims name contexts that exist; contexts name workflows and tools the project has; IDs are unique. */
export function checkGroundingSet({ value: set, source }: Loaded<GroundingSet>, workflows: ReadonlySet<string>, tools: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const contexts = new Set<string>();
  set.contexts.forEach((c, i) => {
    if (contexts.has(c.id)) out.push(source.at(['contexts', i, 'id'], DiagnosticCode.DuplicateId, `duplicate context "${c.id}": expected each context once`));
    contexts.add(c.id);
    if (!workflows.has(c.workflow)) out.push(source.at(['contexts', i, 'workflow'], DiagnosticCode.UnknownWorkflow, `unknown workflow "${c.workflow}": expected one of ${[...workflows].join(', ')}`));
    c.tools.forEach((t, j) => {
      if (!tools.has(t.tool)) out.push(source.at(['contexts', i, 'tools', j, 'tool'], DiagnosticCode.UnknownTool, `unknown tool "${t.tool}": expected a connector under workflows/tools/`));
    });
  });
  const ids = new Set<string>();
  set.claims.forEach((c, i) => {
    if (ids.has(c.id)) out.push(source.at(['claims', i, 'id'], DiagnosticCode.DuplicateId, `duplicate claim "${c.id}": expected each claim once`));
    ids.add(c.id);
    if (!contexts.has(c.context)) out.push(source.at(['claims', i, 'context'], DiagnosticCode.UnknownReference, `unknown context "${c.context}": expected one of the contexts above`));
  });
  return out;
}
