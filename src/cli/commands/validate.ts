import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { findProjectRoot, readProject } from '../../project/index.ts';
import { formatDiagnostic } from '../../workflow/index.ts';
import { UsageError } from '../../shared/index.ts';
import { projectOption } from '../project-option.ts';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check every definition file and cross-reference; exit 1 on any error')
    .argument('[paths...]', 'files to check (in the context of their project), or a project folder')
    .option('--json', 'print diagnostics as JSON')
    .action((paths: string[], options: { json?: boolean }, command: Command) => {
      const dirs = paths.filter((p) => existsSync(p) && statSync(p).isDirectory());
      const files = paths.filter((p) => !dirs.includes(p));
      if (dirs.length > 1) throw new UsageError('validate takes at most one project folder');
      const root = findProjectRoot(dirs[0] ?? projectOption(command) ?? (files[0] ? path.dirname(files[0]) : '.'));
      const load = readProject(root, { extraFiles: files });
      const only = new Set(files.map((f) => path.relative(root, path.resolve(f)).split(path.sep).join('/')));
      // Paths print relative to where the user stands, as a compiler's do.
      const fromCwd = (file: string) => path.relative(process.cwd(), path.join(root, file)).split(path.sep).join('/');
      const diagnostics = (only.size > 0 ? load.diagnostics.filter((d) => only.has(d.file)) : load.diagnostics).map((d) => ({ ...d, file: fromCwd(d.file) }));
      const counts = countDefinitions(load);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ok: diagnostics.length === 0, root, counts, diagnostics }, null, 2)}\n`);
      } else if (diagnostics.length === 0) {
        process.stdout.write(`ok: ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')} in ${root}\n`);
      } else {
        for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(`\n${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}\n`);
      }
      if (diagnostics.length > 0) process.exitCode = 1;
    });
}

function countDefinitions({ definitions: d }: ReturnType<typeof readProject>): Record<string, number> {
  const labelled = d.groundingSets.reduce((n, s) => n + s.value.claims.length, 0);
  return { workflows: d.workflows.length, tools: d.tools.length, policies: d.policies.length, 'gold cases': d.goldCases.length, ...(labelled ? { 'labelled claims': labelled } : {}) };
}
