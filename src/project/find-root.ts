import { existsSync } from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../shared/errors.ts';

/** The nearest folder at or above `start` that holds a tollgate.yaml. */
export function findProjectRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'tollgate.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new NotFoundError(`no tollgate.yaml found in ${path.resolve(start)} or any folder above it: run tollgate inside a project, or pass --project DIR`);
    dir = parent;
  }
}
