import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import type { GoldCase } from './gold-case-schema.ts';
import type { Loaded } from './load-definitions.ts';
import type { Workflow } from './workflow-schema.ts';
import type { PolicyPack } from './policy-schema.ts';
import type { ToolConnector } from './tool-schema.ts';
import { checkExpectations } from './check-expectations.ts';

/** Statuses a run can end in besides a workflow's own end names. */
export const TERMINAL_STATUSES = ['failed', 'escalated', 'budget_exceeded', 'timed_out', 'compensated', 'denied'] as const;

/** A gold case must name a workflow, tools and fixture files that exist, and an end the workflow can reach. */
export function checkGoldCase(
  { value: gc, source }: Loaded<GoldCase>,
  workflows: ReadonlyMap<string, Workflow>,
  tools: ReadonlySet<string>,
  files: ReadonlySet<string>,
  context: { packs: ReadonlyMap<string, PolicyPack>; connectors: ReadonlyMap<string, ToolConnector>; unloadedWorkflows?: ReadonlySet<string> } = { packs: new Map(), connectors: new Map() },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const folder = /^evals\/gold\/([^/]+)\//.exec(source.file)?.[1];
  if (folder !== undefined && folder !== gc.workflow) {
    out.push(source.at(['workflow'], DiagnosticCode.FileNameMismatch, `gold case is in evals/gold/${folder}/ but names workflow "${gc.workflow}": expected "${folder}"`));
  }
  const workflow = workflows.get(gc.workflow);
  if (!workflow) {
    // A workflow whose file did not load has its own errors; what depends on it is checked once it loads.
    if (!context.unloadedWorkflows?.has(gc.workflow)) out.push(source.at(['workflow'], DiagnosticCode.UnknownWorkflow, `unknown workflow "${gc.workflow}" (expected one of: ${[...workflows.keys()].join(', ') || '(none defined)'})`));
  } else {
    const ends = [...workflow.steps.flatMap((s) => ('end' in s ? [s.end] : [])), ...TERMINAL_STATUSES];
    if (!ends.includes(gc.expect.end)) {
      out.push(source.at(['expect', 'end'], DiagnosticCode.UnknownStep, `expected end "${gc.expect.end}" is not an end of workflow "${gc.workflow}" (expected one of: ${ends.join(', ')})`));
    }
    out.push(...checkExpectations(gc, source, workflow, context.packs, context.connectors));
  }
  const checkTool = (path: (string | number)[], name: string) => {
    if (!tools.has(name)) out.push(source.at(path, DiagnosticCode.UnknownTool, `unknown tool "${name}" (expected a tool defined in workflows/tools/)`));
  };
  gc.expect.tools_called.forEach((t, i) => checkTool(['expect', 'tools_called', i], t));
  gc.expect.tools_not_called.forEach((t, i) => checkTool(['expect', 'tools_not_called', i], t));
  for (const [agent, want] of Object.entries(gc.expect.agents ?? {})) {
    want.called.forEach((t, i) => checkTool(['expect', 'agents', agent, 'called', i], t));
    want.not_called.forEach((t, i) => checkTool(['expect', 'agents', agent, 'not_called', i], t));
  }
  for (const key of ['dry_run', 'live', 'compensated'] as const) (gc.expect[key] ?? []).forEach((t, i) => checkTool(['expect', key, i], t));
  gc.expect.blocked?.forEach((b, i) => checkTool(['expect', 'blocked', i, 'tool'], b.tool));
  gc.faults.forEach((f, i) => checkTool(['faults', i, 'tool'], f.tool));
  if (!files.has(gc.model_script)) {
    out.push(source.at(['model_script'], DiagnosticCode.MissingFile, `model script "${gc.model_script}" does not exist (expected a file path relative to the project root, e.g. fixtures/models/…)`));
  }
  return out;
}
