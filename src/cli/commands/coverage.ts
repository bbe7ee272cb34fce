import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { coverageMarkdown, coverageShortfall, coverageText, projectCoverage } from '../../coverage/index.ts';
import { runEval } from '../../evals/index.ts';
import { UsageError } from '../../shared/index.ts';
import { withWorkbench } from '../open-workbench.ts';

interface CoverageFlags {
  workflow?: string;
  case?: string;
  concurrency: string;
  json?: boolean;
  out?: string | true;
}

export function registerCoverageCommand(program: Command): void {
  program
    .command('coverage')
    .description('run the gold cases offline; list every policy rule, compensation and transition with the cases that exercise each side')
    .option('--workflow <id>', 'only this workflow (and the packs it uses)')
    .option('--case <glob>', 'only cases whose id (or workflow/id) matches')
    .option('--concurrency <n>', 'cases at once', '4')
    .option('--json', 'print the table as JSON')
    .option('--out [dir]', 'write coverage.json and coverage.md (default folder: reports)')
    .action(async (o: CoverageFlags, command: Command) => {
      const concurrency = Number(o.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency expects a positive integer');
      await withWorkbench(command, async (wb) => {
        const report = await runEval(wb, { concurrency, ...(o.workflow ? { workflow: o.workflow } : {}), ...(o.case ? { cases: o.case } : {}) });
        if (report.cases.length === 0) throw new UsageError('no gold case matches the selection');
        const table = projectCoverage(wb.definitions, report.cases);
        const min = wb.definitions.gate?.value.coverage?.min;
        const shortfall = min === undefined ? undefined : coverageShortfall(table, min);
        if (o.out) {
          const dir = o.out === true ? 'reports' : o.out;
          write(path.join(dir, 'coverage.json'), `${JSON.stringify(table, null, 2)}\n`);
          write(path.join(dir, 'coverage.md'), coverageMarkdown(table, '##'));
        }
        if (o.json) process.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
        else process.stdout.write(coverageText(table));
        if (shortfall) (o.json ? process.stderr : process.stdout).write(`coverage FAILED: ${shortfall.message}\n`);
        if (shortfall) process.exitCode = 1;
      });
    });
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
