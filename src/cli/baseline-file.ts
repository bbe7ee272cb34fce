import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Baseline } from '../evals/index.ts';
import { UsageError } from '../shared/index.ts';
import type { GateConfig } from '../workflow/index.ts';

/** The committed baseline gate.yaml names, if there is one; a file that is not JSON is a user error. */
export function readBaseline(root: string, gate: GateConfig | undefined): Baseline | undefined {
  const file = path.join(root, gate?.baseline.path ?? 'evals/baseline.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Baseline;
  } catch (error) {
    throw new UsageError(`${file}: not a baseline (${(error as Error).message.split('\n')[0]})`);
  }
}
