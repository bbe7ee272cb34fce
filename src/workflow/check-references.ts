import type { MemberPath } from './cel.ts';
import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import { didYouMean } from './did-you-mean.ts';
import type { PathSegment, SourceFile } from './source-file.ts';

/** What an expression can rely on where it is evaluated. */
export interface ReferenceScope {
  /** The step it is written at (for messages). */
  readonly at: string;
  /** Steps that have run on every path to where it is evaluated. */
  readonly ran: ReadonlySet<string>;
  /** What the transitions taken on every path to the step proved present (`steps.triage.output.order_id`). */
  readonly facts: ReadonlySet<string>;
  /** The step whose reply `output` is (transitions, compensations). */
  readonly current?: string;
  /** A step's output shape, where one is declared: an agent's output schema, a connector's `result`. */
  readonly outputSchema: (step: string) => { readonly schema: JsonSchema; readonly what: string } | undefined;
}

type JsonSchema = { readonly properties?: Record<string, JsonSchema>; readonly required?: readonly string[]; readonly additionalProperties?: unknown; readonly patternProperties?: unknown };

/**
 * The `steps.<id>.output.<field>` and `output.<field>` an expression reads: a step that has not run
 * on every path to it, a field its step's schema does not declare, or one the schema leaves
 * optional, unless the expression tests for it with `has(…)` (which is how to read it safely).
 */
export function checkReferences(source: SourceFile, path: readonly PathSegment[], expression: string, paths: readonly MemberPath[], scope: ReferenceScope): Diagnostic[] {
  const out: Diagnostic[] = [];
  const tested = paths.filter((p) => p.inHas);
  // Where `output` is a step's reply, the facts name it as that step's.
  const absolute = (p: MemberPath, upTo: number) => [...(p.root === 'output' ? [`steps.${scope.current}.output`] : ['steps']), ...p.fields.slice(0, upTo + 1).map((f) => f.name)].join('.');
  const guarded = (p: MemberPath, upTo: number) =>
    scope.facts.has(absolute(p, upTo)) || tested.some((t) => t.root === p.root && t.fields.length <= upTo + 1 && t.fields.every((f, i) => f.name === p.fields[i]?.name));
  for (const p of paths) {
    let schemaFields = p.fields;
    let shape: ReturnType<ReferenceScope['outputSchema']>;
    let name: string;
    if (p.root === 'steps') {
      const [step, output] = p.fields;
      if (!step) continue;
      if (!p.inHas && !scope.ran.has(step.name) && !guarded(p, 0)) {
        out.push(source.within(path, step.offset, DiagnosticCode.StepMayNotHaveRun, `CEL: step "${step.name}" has not run on every path to step "${scope.at}", so steps.${step.name} can be missing: test it first, e.g. has(steps.${step.name}) ? … : …, in "${expression}"`));
      }
      if (!output) continue;
      if (output.name !== 'output') {
        out.push(source.within(path, output.offset, DiagnosticCode.UnknownField, `CEL: steps.${step.name} has no field "${output.name}" (expected "output") in "${expression}"`));
        continue;
      }
      schemaFields = p.fields.slice(2);
      shape = scope.outputSchema(step.name);
      name = `steps.${step.name}.output`;
    } else {
      if (!scope.current) continue;
      shape = scope.outputSchema(scope.current);
      name = 'output';
    }
    if (!shape) continue;
    const offsetInChain = p.fields.length - schemaFields.length;
    let schema: JsonSchema | undefined = shape.schema;
    for (const [i, field] of schemaFields.entries()) {
      const props: Record<string, JsonSchema> | undefined = schema?.properties;
      if (!schema || !props || typeof props !== 'object') break;
      const where = [name, ...schemaFields.slice(0, i).map((f) => f.name)].join('.');
      if (!Object.hasOwn(props, field.name)) {
        if (schema.additionalProperties === true || (schema.additionalProperties && typeof schema.additionalProperties === 'object') || schema.patternProperties) break;
        const known = Object.keys(props);
        out.push(source.within(path, field.offset, DiagnosticCode.UnknownField, `CEL: ${where} has no field "${field.name}" (${shape.what} declares: ${known.join(', ')})${didYouMean(field.name, known)} in "${expression}"`));
        break;
      }
      if (!p.inHas && !(schema.required ?? []).includes(field.name) && !guarded(p, offsetInChain + i)) {
        out.push(source.within(path, field.offset, DiagnosticCode.OptionalField, `CEL: ${where}.${field.name} is optional in ${shape.what}, so it can be missing: test it first, e.g. has(${where}.${field.name}) ? … : …, in "${expression}"`));
        break;
      }
      schema = props[field.name];
    }
  }
  return out;
}
