import type { Command } from 'commander';
import { parseDuration, UsageError } from '../../shared/index.ts';
import { RUN_STATUSES } from '../../core/index.ts';
import { withWorkbench } from '../open-workbench.ts';
import { formatRunTable } from '../print-run.ts';
import { printRun } from './run.ts';

export function registerRunsCommands(program: Command): void {
  program
    .command('runs')
    .description('list runs, newest first')
    .option('--workflow <id>', 'only this workflow')
    .option('--status <status>', `only this status (${RUN_STATUSES.join(', ')})`)
    .option('--since <duration>', 'only runs started within this long, e.g. 2h or 7d')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print JSON')
    .action(async (o: { workflow?: string; status?: string; since?: string; limit: string; json?: boolean }, command: Command) => {
      if (o.status && !(RUN_STATUSES as readonly string[]).includes(o.status)) throw new UsageError(`--status must be one of ${RUN_STATUSES.join(', ')}`);
      const since = o.since === undefined ? undefined : parseDuration(o.since);
      if (o.since !== undefined && since === undefined) throw new UsageError(`--since expects a duration such as 30m, 2h or 7d, not "${o.since}"`);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit expects a positive integer');
      await withWorkbench(command, (wb) => {
        const runs = wb.runs.list({ ...(o.workflow ? { workflow: o.workflow } : {}), ...(o.status ? { status: o.status } : {}), ...(since !== undefined ? { since: Date.now() - since } : {}), limit });
        if (o.json) return void process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        if (runs.length === 0) return void process.stdout.write('no runs\n');
        process.stdout.write(`${formatRunTable(runs)}\n`);
      });
    });

  program
    .command('show')
    .description('print one run in full: its timeline and outcome')
    .argument('<run>', 'run ID or unique prefix')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }, command: Command) => {
      await withWorkbench(command, (wb) => printRun(wb, wb.resolveRun(id), o.json === true));
    });
}
