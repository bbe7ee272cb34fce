import type { Command } from 'commander';
import { validatePaths } from '../../project/index.ts';
import { formatDiagnostic } from '../../workflow/index.ts';
import { projectOption } from '../project-option.ts';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check every definition file and cross-reference; exit 1 on any error')
    .argument('[paths...]', 'files to check (in the context of their project), or a project folder')
    .option('--json', 'print diagnostics as JSON')
    .action((paths: string[], options: { json?: boolean }, command: Command) => {
      const project = projectOption(command);
      const { root, counts, diagnostics } = validatePaths(paths, project ? { project } : {});
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
