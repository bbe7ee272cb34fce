import type { z } from 'zod';
import { GateSchema } from './gate-schema.ts';
import { GoldCaseSchema } from './gold-case-schema.ts';
import { GroundingSetSchema } from './grounding-set-schema.ts';
import { ModelScriptSchema } from './model-script-schema.ts';
import { PolicySchema } from './policy-schema.ts';
import { ProjectSchema } from './project-schema.ts';
import { ToolSchema } from './tool-schema.ts';
import { WorkflowSchema } from './workflow-schema.ts';

/** Every kind of definition file, with its schema and the name of its generated JSON Schema. */
export const DEFINITION_KINDS = {
  project: { schema: ProjectSchema, title: 'tollgate project (tollgate.yaml)' },
  workflow: { schema: WorkflowSchema, title: 'tollgate workflow' },
  tool: { schema: ToolSchema, title: 'tollgate tool connector' },
  policy: { schema: PolicySchema, title: 'tollgate policy pack' },
  'gold-case': { schema: GoldCaseSchema, title: 'tollgate gold case' },
  gate: { schema: GateSchema, title: 'tollgate gate thresholds' },
  'grounding-set': { schema: GroundingSetSchema, title: 'tollgate grounding set (claims labelled by hand)' },
  'model-script': { schema: ModelScriptSchema, title: 'tollgate model script (scripted replies standing in for a model)' },
} as const satisfies Record<string, { schema: z.ZodType; title: string }>;

export type DefinitionKind = keyof typeof DEFINITION_KINDS;

export function schemaFileName(kind: DefinitionKind): string {
  return `${kind}.schema.json`;
}

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=\S*?([a-z-]+)\.schema\.json\s*$/m;

/**
 * A file's kind from where it sits in the project layout, else from its
 * `yaml-language-server: $schema=` line (files outside the layout, such as test corpora).
 */
export function kindOfFile(relativePath: string, text: string): DefinitionKind | undefined {
  const p = relativePath.replaceAll('\\', '/');
  if (p === 'tollgate.yaml') return 'project';
  if (p === 'evals/gate.yaml') return 'gate';
  if (/^workflows\/tools\/[^/]+\.ya?ml$/.test(p)) return 'tool';
  if (/^workflows\/policies\/[^/]+\.ya?ml$/.test(p)) return 'policy';
  if (/^workflows\/[^/]+\.ya?ml$/.test(p)) return 'workflow';
  if (/^evals\/gold\/[^/]+\/[^/]+\.ya?ml$/.test(p)) return 'gold-case';
  if (/^evals\/grounding\/[^/]+\.ya?ml$/.test(p)) return 'grounding-set';
  if (/^fixtures\/models\/.+\.ya?ml$/.test(p)) return 'model-script';
  const declared = MODELINE.exec(text)?.[1];
  return declared && declared in DEFINITION_KINDS ? (declared as DefinitionKind) : undefined;
}
