import { digestOf, NotFoundError, TollgateError } from '../shared/index.ts';
import type { RunDefinitions } from '../engine/index.ts';
import { formatDiagnostic, loadDefinitions, validateDefinitions, type Definitions } from '../workflow/index.ts';

/** The definition files a run depends on, by relative path: what the digest covers and resume reloads. */
export type DefinitionSnapshot = Record<string, string>;

/** Thrown when definitions do not validate: a run never starts on broken files. */
export class DefinitionsInvalidError extends TollgateError {
  constructor(readonly lines: string[]) {
    super('TG_DEFINITIONS_INVALID', `the project's definitions have errors (run "tollgate validate"):\n${lines.slice(0, 10).join('\n')}${lines.length > 10 ? `\n… and ${lines.length - 10} more` : ''}`);
  }
}

export function snapshotDigest(snapshot: DefinitionSnapshot): string {
  return `sha256:${digestOf(snapshot)}`;
}

/**
 * Parses and validates a snapshot; throws with every diagnostic when anything is wrong. Given a
 * parsed `base` with the same files, only the files whose text differs are parsed again (mutation
 * testing validates a hundred variants of one project).
 */
export function definitionsFromSnapshot(snapshot: DefinitionSnapshot, otherFiles: ReadonlySet<string>, base?: { snapshot: DefinitionSnapshot; definitions: Definitions }): Definitions {
  const encoder = new TextEncoder();
  const sameFiles = base !== undefined && Object.keys(snapshot).length === Object.keys(base.snapshot).length && Object.keys(snapshot).every((p) => p in base.snapshot);
  const changed = sameFiles ? Object.keys(snapshot).filter((p) => snapshot[p] !== base.snapshot[p]) : Object.keys(snapshot);
  const { definitions: fresh, diagnostics } = loadDefinitions(changed.map((path) => ({ path, bytes: encoder.encode(snapshot[path]!) })), otherFiles);
  const definitions = sameFiles ? merged(base.definitions, fresh, new Set(changed)) : fresh;
  const all = [...diagnostics, ...validateDefinitions(definitions)];
  if (all.length > 0) throw new DefinitionsInvalidError(all.map(formatDiagnostic));
  return definitions;
}

/** `base` with the definitions of `changed` files taken from `fresh` (gold cases are never part of a snapshot). */
function merged(base: Definitions, fresh: Definitions, changed: ReadonlySet<string>): Definitions {
  const keep = <T extends { source: { file: string } }>(xs: readonly T[], ys: readonly T[]) => [...xs.filter((x) => !changed.has(x.source.file)), ...ys];
  const pick = <T extends { source: { file: string } }>(x: T | undefined, y: T | undefined) => y ?? (x && !changed.has(x.source.file) ? x : undefined);
  const project = pick(base.project, fresh.project);
  const gate = pick(base.gate, fresh.gate);
  return {
    ...(project ? { project } : {}), ...(gate ? { gate } : {}),
    workflows: keep(base.workflows, fresh.workflows), tools: keep(base.tools, fresh.tools), policies: keep(base.policies, fresh.policies), goldCases: [], groundingSets: [], modelScripts: [], otherFiles: fresh.otherFiles,
  };
}

/** The slice of a project one workflow's runs need. */
export function runDefinitionsFor(definitions: Definitions, workflowId: string, digest: string): RunDefinitions {
  const workflow = definitions.workflows.find((w) => w.value.id === workflowId)?.value;
  if (!workflow) {
    throw new NotFoundError(`no workflow "${workflowId}" (known: ${definitions.workflows.map((w) => w.value.id).join(', ') || 'none'})`);
  }
  if (!definitions.project) throw new NotFoundError('the project has no tollgate.yaml');
  const policies = workflow.policy.map((id) => definitions.policies.find((p) => p.value.id === id)!.value);
  return {
    workflow,
    tools: new Map(definitions.tools.map((t) => [t.value.name, t.value])),
    policies,
    project: definitions.project.value,
    definitionsDigest: digest,
  };
}
