import type { Command } from 'commander';
import { mutateProject, mutationText, OPERATORS } from '../../mutation/index.ts';
import { writeMutationReports } from '../../gate/index.ts';
import { UsageError } from '../../shared/index.ts';
import { findProjectRoot, FOR_RUNS, readProject } from '../../project/index.ts';
import { projectOption } from '../project-option.ts';
import { readBaseline } from '../baseline-file.ts';

export function registerMutateCommand(program: Command): void {
  program
    .command('mutate')
    .description('mutation testing: break the definitions on purpose (drop a deny rule, lower a quorum, …) and check the gold cases notice each break')
    .option('--operator <ids...>', `only these operators (${OPERATORS.map((o) => o.id).join(', ')})`)
    .option('--concurrency <n>', 'mutants at once', '8')
    .option('--list', 'list the operators and exit')
    .option('--json', 'print the report as JSON')
    .option('--out <dir>', 'where reports/mutation.json and mutation.md go', 'reports')
    .action(async (o: { operator?: string[]; concurrency: string; list?: boolean; json?: boolean; out: string }, command: Command) => {
      if (o.list) return void process.stdout.write(OPERATORS.map((op) => `${op.id.padEnd(26)} ${op.title}\n`).join(''));
      const concurrency = Number(o.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency expects a positive integer');
      const root = findProjectRoot(projectOption(command) ?? '.');
      const gate = readProject(root, FOR_RUNS).definitions.gate?.value;
      const report = await mutateProject(root, {
        baseline: readBaseline(root, gate), concurrency, ...(o.operator ? { operators: o.operator } : {}),
        onMutant: (done, total, r) => process.stderr.write(`${r.status === 'survived' ? 'SURVIVED' : r.status.padEnd(8)} ${String(done).padStart(String(total).length)}/${total} ${r.id}\n`),
      });
      writeMutationReports(o.out, report);
      process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : mutationText(report));
      const min = gate?.mutation?.min_score;
      if (min !== undefined && report.score < min) {
        process.stdout.write(`mutation score ${(report.score * 100).toFixed(1)}% is below the minimum ${(min * 100).toFixed(1)}% of evals/gate.yaml\n`);
        process.exitCode = 1;
      }
    });
}
