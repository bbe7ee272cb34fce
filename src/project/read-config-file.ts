import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import { TollgateError } from '../shared/index.ts';

/** Reads a YAML file outside the definition set (serve.yaml, model scripts); errors name the file and the field. */
export function readConfigFile<T extends z.ZodType>(file: string, label: string, schema: T, code: `TG_${string}`): z.infer<T> {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TollgateError(code, `${label}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TollgateError(code, `${label}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data;
}
