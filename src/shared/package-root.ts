import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** tollgate's own package: where it is, its version, and the ranges of its runtime dependencies. */
export interface TollgatePackage {
  readonly root: string;
  readonly version: string;
  readonly dependencies: Readonly<Record<string, string>>;
}

let found: TollgatePackage | undefined;

/**
 * tollgate's own package folder and version: the nearest folder above this module whose
 * package.json is tollgate's. Found by walking up, so it holds from src/ (tsx), from the bundled
 * dist/ and from an installed copy alike.
 */
export function tollgatePackage(): TollgatePackage {
  if (found) return found;
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string; dependencies?: Record<string, string> };
      if (pkg.name === 'tollgate') return (found = { root: dir, version: pkg.version ?? '0.0.0', dependencies: pkg.dependencies ?? {} });
    }
    if (path.dirname(dir) === dir) throw new Error("tollgate's package.json was not found above its own modules");
  }
}
