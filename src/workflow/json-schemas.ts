import { z } from 'zod';
import { DEFINITION_KINDS, schemaFileName, type DefinitionKind } from './definition-kinds.ts';

/** JSON Schemas for editors, generated from the zod schemas (input form: defaults are optional). */
export function generateJsonSchemas(): { kind: DefinitionKind; fileName: string; schema: Record<string, unknown> }[] {
  return (Object.keys(DEFINITION_KINDS) as DefinitionKind[]).map((kind) => {
    const { schema, title } = DEFINITION_KINDS[kind];
    const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
    return { kind, fileName: schemaFileName(kind), schema: { ...json, $id: `https://tollgate.dev/schemas/${schemaFileName(kind)}`, title } };
  });
}
