import { CEL_SCOPES, compileCel, type CelScope } from './cel.ts';
import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import type { PathSegment, SourceFile } from './source-file.ts';
import { checkReferences, type ReferenceScope } from './check-references.ts';

/**
 * Compiles one CEL expression written at `path` of `source`; reports syntax errors, unknown
 * variables and (when `stepIds` is given) `steps.<id>` naming no step, located inside the string;
 * with `references`, what it reads of steps and outputs (see checkReferences).
 */
export function checkExpression(
  source: SourceFile,
  path: readonly PathSegment[],
  expression: string,
  scope: CelScope,
  stepIds?: ReadonlySet<string>,
  references?: ReferenceScope,
): Diagnostic[] {
  const compiled = compileCel(expression, scope);
  if (!compiled.ok) {
    const code =
      compiled.kind === 'syntax' ? DiagnosticCode.CelSyntax : compiled.kind === 'unknown_variable' ? DiagnosticCode.CelUnknownVariable : DiagnosticCode.CelType;
    const expected = compiled.kind === 'unknown_variable' ? ` (expected one of the variables: ${scopeNames(scope)})` : '';
    return [source.within(path, compiled.offset, code, `CEL: ${compiled.message}${expected} in "${expression}"`)];
  }
  if (!stepIds) return [];
  const unknown = compiled.stepRefs
    .filter((ref) => !stepIds.has(ref.step))
    .map((ref) =>
      source.within(path, ref.offset, DiagnosticCode.UnknownStep, `CEL: unknown step "${ref.step}" in "${expression}" (expected one of: ${[...stepIds].join(', ')})`),
    );
  if (!references) return unknown;
  const known = compiled.paths.filter((p) => p.root !== 'steps' || (p.fields[0] !== undefined && stepIds.has(p.fields[0].name)));
  return [...unknown, ...checkReferences(source, path, expression, known, references)];
}

function scopeNames(scope: CelScope): string {
  return CEL_SCOPES[scope].join(', ');
}
