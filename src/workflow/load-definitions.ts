import type { GateConfig } from './gate-schema.ts';
import type { GoldCase } from './gold-case-schema.ts';
import type { GroundingSet } from './grounding-set-schema.ts';
import type { ModelScript } from './model-script-schema.ts';
import type { PolicyPack } from './policy-schema.ts';
import type { ProjectConfig } from './project-schema.ts';
import type { ToolConnector } from './tool-schema.ts';
import type { Workflow } from './workflow-schema.ts';
import { DEFINITION_KINDS, kindOfFile, type DefinitionKind } from './definition-kinds.ts';
import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import { schemaDiagnostics } from './schema-issues.ts';
import { parseSource, type ParsedValues, type SourceFile } from './source-file.ts';

/** A definition together with the file it came from, so later checks can point into it. */
export interface Loaded<T> {
  readonly value: T;
  readonly source: SourceFile;
}

/** Every definition of a project that parsed and matched its schema. */
export interface Definitions {
  project?: Loaded<ProjectConfig>;
  gate?: Loaded<GateConfig>;
  workflows: Loaded<Workflow>[];
  tools: Loaded<ToolConnector>[];
  policies: Loaded<PolicyPack>[];
  goldCases: Loaded<GoldCase>[];
  /** Claims labelled by hand (evals/grounding/), to measure the grounding check against. */
  groundingSets: Loaded<GroundingSet>[];
  /** Scripted model replies (fixtures/models/), checked against the workflows of the gold cases that use them. */
  modelScripts: Loaded<ModelScript>[];
  /** Other project files (fixtures), by relative path, for references such as `model_script`. */
  otherFiles: ReadonlySet<string>;
  /** Definition files that did not load (their own errors say why): what names them is not checked against them. */
  unloaded?: { readonly file: string; readonly kind: DefinitionKind }[];
}

export interface RawFile {
  /** Relative to the project root, forward slashes. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** Parses and schema-checks every file but those of the `skip` kinds; files with errors are left out of the result. */
export function loadDefinitions(files: readonly RawFile[], otherFiles: ReadonlySet<string> = new Set(), skip: readonly DefinitionKind[] = [], known?: ParsedValues): { definitions: Definitions; diagnostics: Diagnostic[] } {
  const definitions: Definitions = { workflows: [], tools: [], policies: [], goldCases: [], groundingSets: [], modelScripts: [], otherFiles, unloaded: [] };
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const head = new TextDecoder().decode(file.bytes.subarray(0, 4096));
    const kind = kindOfFile(file.path, head);
    if (!kind) {
      diagnostics.push({
        file: file.path, line: 1, column: 1, code: DiagnosticCode.Schema,
        message: 'cannot tell what this file defines: expected it under workflows/, workflows/tools/, workflows/policies/, evals/gold/<workflow>/, evals/grounding/, fixtures/models/, or a "# yaml-language-server: $schema=…/<kind>.schema.json" first line',
      });
      continue;
    }
    if (skip.includes(kind)) continue;
    const parsed = parseSource(file.path, file.bytes, known);
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics);
      definitions.unloaded!.push({ file: file.path, kind });
      continue;
    }
    const raw = parsed.value;
    const result = DEFINITION_KINDS[kind].schema.safeParse(raw);
    if (!result.success) {
      diagnostics.push(...schemaDiagnostics(parsed.source, raw, result.error.issues));
      definitions.unloaded!.push({ file: file.path, kind });
      continue;
    }
    add(definitions, kind, { value: result.data, source: parsed.source });
  }
  return { definitions, diagnostics };
}

function add(into: Definitions, kind: DefinitionKind, loaded: Loaded<unknown>): void {
  switch (kind) {
    case 'project': into.project = loaded as Loaded<ProjectConfig>; break;
    case 'gate': into.gate = loaded as Loaded<GateConfig>; break;
    case 'workflow': into.workflows.push(loaded as Loaded<Workflow>); break;
    case 'tool': into.tools.push(loaded as Loaded<ToolConnector>); break;
    case 'policy': into.policies.push(loaded as Loaded<PolicyPack>); break;
    case 'gold-case': into.goldCases.push(loaded as Loaded<GoldCase>); break;
    case 'grounding-set': into.groundingSets.push(loaded as Loaded<GroundingSet>); break;
    case 'model-script': into.modelScripts.push(loaded as Loaded<ModelScript>); break;
  }
}
