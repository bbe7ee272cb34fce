import { validatorOf } from '../shared/json-schema.ts';
import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import type { PathSegment, SourceFile } from './source-file.ts';

/** Compile errors by schema text: each distinct schema is compiled once, however often files are re-read. */
const verdicts = new Map<string, string | null>();

function compileError(schema: unknown): string | null {
  const key = JSON.stringify(schema);
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    try {
      validatorOf(schema as object);
      verdict = null;
    } catch (error) {
      verdict = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    }
    verdicts.set(key, verdict);
  }
  return verdict;
}

/** Compiles a JSON Schema written in a definition (tool arguments, agent output) with Ajv. */
export function checkJsonSchema(source: SourceFile, path: readonly PathSegment[], schema: unknown, mustBeObject: boolean): Diagnostic[] {
  const message = compileError(schema);
  if (message !== null) {
    const keyword = /unknown keyword: "([^"]+)"/.exec(message)?.[1];
    const where = keyword ? pathToKey(schema, keyword) : undefined;
    const text = `expected a valid JSON Schema: ${message.replace('strict mode: ', '')}`;
    return [where ? source.atKey([...path, ...where], keyword!, DiagnosticCode.JsonSchema, text) : source.at(path, DiagnosticCode.JsonSchema, text)];
  }
  if (mustBeObject && (schema as { type?: unknown }).type !== 'object') {
    return [source.at([...path, 'type'], DiagnosticCode.JsonSchema, 'expected "type: object": tool arguments are a mapping of named values')];
  }
  return [];
}

/** Path of the first mapping inside `value` that has `key` (depth-first). */
function pathToKey(value: unknown, key: string, path: (string | number)[] = []): (string | number)[] | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (!Array.isArray(value) && Object.hasOwn(value, key)) return path;
  for (const [k, v] of Object.entries(value)) {
    const found = pathToKey(v, key, [...path, Array.isArray(value) ? Number(k) : k]);
    if (found) return found;
  }
  return undefined;
}
