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

/** Parses and validates a snapshot; throws with every diagnostic when anything is wrong. */
export function definitionsFromSnapshot(snapshot: DefinitionSnapshot, otherFiles: ReadonlySet<string>): Definitions {
  const encoder = new TextEncoder();
  const files = Object.entries(snapshot).map(([path, text]) => ({ path, bytes: encoder.encode(text) }));
  const { definitions, diagnostics } = loadDefinitions(files, otherFiles);
  const all = [...diagnostics, ...validateDefinitions(definitions)];
  if (all.length > 0) throw new DefinitionsInvalidError(all.map(formatDiagnostic));
  return definitions;
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
