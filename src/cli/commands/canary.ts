import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { canaryHtml, canaryMarkdown, runCanary } from '../../canary/index.ts';
import { UsageError } from '../../shared/index.ts';
import { withWorkbench } from '../open-workbench.ts';

const EXIT = { promote: 0, reject: 1, hold: 2 } as const;

export function registerCanaryCommand(program: Command): void {
  program
    .command('canary')
    .description('the same cases on two model versions, side by side, with a promote / hold / reject verdict (exit 0 / 2 / 1)')
    .requiredOption('--baseline <model>', 'the model in use')
    .requiredOption('--candidate <model>', 'the model to compare')
    .option('--workflow <id>', 'only this workflow')
    .option('--case <glob>', 'only cases whose id (or workflow/id) matches')
    .addOption(new Option('--cases <glob>', 'the same as --case').hideHelp())
    .option('--traces <dir>', 'also replay recorded runs (trace files) on each model, tools from the recording')
    .option('--route <name>', 'compare the models on this risk route only (other agents keep theirs)')
    .option('--repeat <n>', 'runs per case and model (separates real changes from noise)', '1')
    .option('--live', 'run both models on Ollama (default: offline, from scripted fixtures)')
    .option('--out <dir>', 'where the reports go', 'reports/canary')
    .option('--open', 'print the path of the HTML report')
    .option('--json', 'print the JSON report')
    .action(async (o: { baseline: string; candidate: string; traces?: string; route?: string; workflow?: string; case?: string; cases?: string; repeat: string; live?: boolean; out: string; open?: boolean; json?: boolean }, command: Command) => {
      const repeat = Number(o.repeat);
      if (!Number.isInteger(repeat) || repeat < 1 || repeat > 50) throw new UsageError('--repeat expects an integer from 1 to 50');
      await withWorkbench(command, async (wb) => {
        const report = await runCanary(wb, { baseline: o.baseline, candidate: o.candidate, repeat, ...(o.workflow ? { workflow: o.workflow } : {}), ...((o.case ?? o.cases) ? { cases: (o.case ?? o.cases)! } : {}), ...(o.live ? { live: true } : {}), ...(o.route ? { route: o.route } : {}), ...(o.traces ? { traces: o.traces } : {}) });
        mkdirSync(o.out, { recursive: true });
        const html = path.join(o.out, 'canary.html');
        writeFileSync(path.join(o.out, 'canary.json'), `${JSON.stringify(report, null, 2)}\n`);
        writeFileSync(path.join(o.out, 'canary.md'), canaryMarkdown(report));
        writeFileSync(html, canaryHtml(report));
        if (o.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(`${report.verdict}: ${report.candidate.model} against ${report.baseline.model} (${report.mode}, ${report.repeats} repeat(s))\n${report.reasons.map((r) => `  - ${r}`).join('\n')}\nreports in ${o.out}/\n`);
        if (o.open) process.stdout.write(`${path.resolve(html)}\n`);
        process.exitCode = EXIT[report.verdict];
      });
    });
}
