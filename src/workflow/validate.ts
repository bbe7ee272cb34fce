import { checkGoldCase } from './check-gold-case.ts';
import { checkPolicy } from './check-policy.ts';
import { checkWorkflow } from './check-workflow.ts';
import { compareDiagnostics, DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import type { Definitions, Loaded } from './load-definitions.ts';
import type { PathSegment } from './source-file.ts';
import type { Workflow } from './workflow-schema.ts';
import { checkJsonSchema } from './check-json-schema.ts';
import { checkGroundingSet } from './check-grounding-set.ts';
import { checkModelScript } from './check-model-script.ts';

/** Every cross-reference check over a loaded project; pure. */
export function validateDefinitions(defs: Definitions): Diagnostic[] {
  const out: Diagnostic[] = [];
  // A file that did not load has its own errors; a reference to what it defines (by its file name)
  // is taken as known, so one broken file is not followed by an error in every file that names it.
  const broken = unloadedIds(defs);
  const tools = union(uniqueIds(defs.tools, (t) => t.name, ['name'], 'tool', out), broken.tool);
  const policies = union(uniqueIds(defs.policies, (p) => p.id, ['id'], 'policy pack', out), broken.policy);
  const workflows = union(uniqueIds(defs.workflows, (w) => w.id, ['id'], 'workflow', out), broken.workflow);
  uniqueIds(defs.goldCases, (g) => `${g.workflow}/${g.id}`, ['id'], 'gold case', out);
  const routes = defs.project ? new Set(Object.keys(defs.project.value.models.routes)) : undefined;

  for (const tool of defs.tools) {
    out.push(...checkJsonSchema(tool.source, ['args'], tool.value.args, true));
    if (tool.value.result) out.push(...checkJsonSchema(tool.source, ['result'], tool.value.result, false));
  }
  const connectors = new Map(defs.tools.map((t) => [t.value.name, t.value]));
  for (const policy of defs.policies) out.push(...checkPolicy(policy, tools));
  for (const wf of defs.workflows) {
    out.push(...checkWorkflowFileName(wf));
    out.push(...checkWorkflow(wf, { tools, policies, routes, connectors }));
  }
  const byId = new Map<string, Workflow>(defs.workflows.map((w) => [w.value.id, w.value]));
  const packs = new Map(defs.policies.map((p) => [p.value.id, p.value]));
  for (const gc of defs.goldCases) out.push(...checkGoldCase(gc, byId, tools, defs.otherFiles, { packs, connectors, unloadedWorkflows: broken.workflow }));
  for (const set of defs.groundingSets) out.push(...checkGroundingSet(set, workflows, tools));
  for (const script of defs.modelScripts) {
    out.push(...checkModelScript(script, { workflows: byId, connectors, uses: defs.goldCases.map((g) => g.value).filter((g) => g.model_script === script.source.file) }));
  }
  if (!defs.project && defs.workflows.length > 0) {
    out.push({ file: 'tollgate.yaml', line: 1, column: 1, code: DiagnosticCode.MissingFile, message: 'project has no tollgate.yaml: expected one at the project root (models, routes, prices, people)' });
  }
  return out.sort(compareDiagnostics);
}

function checkWorkflowFileName({ value, source }: Loaded<Workflow>): Diagnostic[] {
  const name = /^workflows\/([^/]+)\.ya?ml$/.exec(source.file)?.[1];
  if (name === undefined || name === value.id) return [];
  return [source.at(['id'], DiagnosticCode.FileNameMismatch, `workflow id "${value.id}" differs from its file name: expected workflows/${value.id}.yaml`)];
}

/** What each file that did not load would have defined, by the file-name convention of its kind. */
function unloadedIds(defs: Definitions): Record<'workflow' | 'tool' | 'policy', Set<string>> {
  const ids = { workflow: new Set<string>(), tool: new Set<string>(), policy: new Set<string>() };
  for (const { file, kind } of defs.unloaded ?? []) {
    const name = /([^/]+)\.ya?ml$/.exec(file)?.[1];
    if (name && (kind === 'workflow' || kind === 'tool' || kind === 'policy')) ids[kind].add(name);
  }
  return ids;
}

const union = (a: Set<string>, b: ReadonlySet<string>): Set<string> => new Set([...a, ...b]);

function uniqueIds<T>(items: readonly Loaded<T>[], idOf: (v: T) => string, path: PathSegment[], what: string, out: Diagnostic[]): Set<string> {
  const seen = new Map<string, string>();
  for (const item of items) {
    const id = idOf(item.value);
    const first = seen.get(id);
    if (first !== undefined) out.push(item.source.at(path, DiagnosticCode.DuplicateId, `duplicate ${what} "${id}", first defined in ${first}: expected each ${what} once`));
    else seen.set(id, item.source.file);
  }
  return new Set(seen.keys());
}
