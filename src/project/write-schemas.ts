import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateJsonSchemas } from '../workflow/index.ts';

/** Writes one JSON Schema per definition kind into `dir`; each file is replaced atomically. */
export function writeJsonSchemas(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return generateJsonSchemas().map(({ fileName, schema }) => {
    const target = path.join(dir, fileName);
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(schema, null, 2)}\n`);
    renameSync(temp, target);
    return target;
  });
}
