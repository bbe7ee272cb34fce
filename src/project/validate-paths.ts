import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../shared/index.ts';
import type { Diagnostic } from '../workflow/index.ts';
import { findProjectRoot } from './find-root.ts';
import { readProject, type ProjectLoad } from './read-project.ts';

export interface ValidationReport {
  readonly root: string;
  /** Definitions loaded, by kind (labelled claims only when there are some). */
  readonly counts: Record<string, number>;
  /** Those of the named files only, when files are named; paths relative to `cwd`, as a compiler prints them. */
  readonly diagnostics: Diagnostic[];
}

/**
 * What `tollgate validate [paths…]` reports: a project folder, or files checked in the context of
 * their project (found from the first file, else from `project`, else from `cwd`).
 */
export function validatePaths(paths: readonly string[], options: { cwd?: string; project?: string } = {}): ValidationReport {
  const cwd = options.cwd ?? process.cwd();
  const abs = paths.map((p) => path.resolve(cwd, p));
  const dirs = abs.filter((p) => existsSync(p) && statSync(p).isDirectory());
  const files = abs.filter((p) => !dirs.includes(p));
  if (dirs.length > 1) throw new UsageError('validate takes at most one project folder');
  const root = findProjectRoot(dirs[0] ?? (options.project ? path.resolve(cwd, options.project) : undefined) ?? (files[0] ? path.dirname(files[0]) : cwd));
  const load = readProject(root, { extraFiles: files });
  const only = new Set(files.map((f) => path.relative(root, f).split(path.sep).join('/')));
  const fromCwd = (file: string) => path.relative(cwd, path.join(root, file)).split(path.sep).join('/');
  const diagnostics = (only.size > 0 ? load.diagnostics.filter((d) => only.has(d.file)) : load.diagnostics).map((d) => ({ ...d, file: fromCwd(d.file) }));
  return { root, counts: countDefinitions(load), diagnostics };
}

function countDefinitions({ definitions: d }: ProjectLoad): Record<string, number> {
  const labelled = d.groundingSets.reduce((n, s) => n + s.value.claims.length, 0);
  return { workflows: d.workflows.length, tools: d.tools.length, policies: d.policies.length, 'gold cases': d.goldCases.length, ...(labelled ? { 'labelled claims': labelled } : {}) };
}
