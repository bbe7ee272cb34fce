import { Ajv2020 } from 'ajv/dist/2020.js';
import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import type { PathSegment, SourceFile } from './source-file.ts';

const ajv = new Ajv2020({ strictSchema: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: true, logger: false });

/** Compiles a JSON Schema written in a definition (tool arguments, agent output) with Ajv. */
export function checkJsonSchema(source: SourceFile, path: readonly PathSegment[], schema: unknown, mustBeObject: boolean): Diagnostic[] {
  try {
    ajv.compile(schema as object);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return [source.at(path, DiagnosticCode.JsonSchema, `expected a valid JSON Schema: ${message}`)];
  }
  if (mustBeObject && (schema as { type?: unknown }).type !== 'object') {
    return [source.at([...path, 'type'], DiagnosticCode.JsonSchema, 'expected "type: object": tool arguments are a mapping of named values')];
  }
  return [];
}
