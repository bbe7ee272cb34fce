import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { baselineOf, githubAnnotations, mergeReports, runEvalInWorkers, toJUnit, toMarkdown, type CaseLog, type CaseSummary, type EvalReport, type EvalReportFile, type Judge } from '../../evals/index.ts';
import { copyFailingTraces, printReport, withCaseLog, writeJson, writeReport, writeText } from '../report-files.ts';
import { TollgateError, UsageError } from '../../shared/index.ts';
import type { Workbench } from '../../workbench/index.ts';
import type { GateConfig } from '../../workflow/index.ts';
import { withWorkbench } from '../open-workbench.ts';
import { readBaseline } from '../baseline-file.ts';
import { coverageLine, coverageMarkdown, projectCoverage } from '../../coverage/index.ts';
import { gateVerdict, mutationEvidence } from '../../gate/index.ts';
import { scoreLine, type MutantResult } from '../../mutation/index.ts';
import { caseFailureLines } from '../case-failures.ts';
import { groundingLines } from '../grounding-lines.ts';
import { paint } from '../colour.ts';

interface EvalFlags {
  workflow?: string;
  judge?: string | true;
  case?: string;
  cases?: string;
  model?: string;
  concurrency: string;
  workers: string;
  shard?: string;
  out: string;
}

function addEvalFlags(command: Command): Command {
  return command
    .option('--workflow <id>', 'only this workflow')
    .option('--case <glob>', 'only cases whose id (or workflow/id) matches')
    .addOption(new Option('--cases <glob>', 'the same as --case').hideHelp())
    .option('--model <name>', 'run live against this Ollama model instead of the scripted replies')
    .option('--judge [model]', 'also ask a judge model through Ollama about every claim (default: gate.yaml grounding.judge.model)')
    .option('--concurrency <n>', 'cases at once (per worker)', '4')
    .option('--workers <n>', 'threads running cases, each over a database of its own, joined at the end', '1')
    .option('--shard <i/n>', 'run the i-th of n deterministic slices of the cases')
    .option('--out <dir>', 'where reports go', 'reports');
}

export function registerGateCommands(program: Command): void {
  addEvalFlags(program.command('eval').description('run gold cases and score them (offline by default); writes reports/eval.json'))
    .option('--json', 'print the report as JSON')
    .action(async (o: EvalFlags & { json?: boolean }, command: Command) => {
      await withWorkbench(command, (wb) =>
        withCaseLog(async (log) => {
          const report = await evaluate(wb, o, log);
          wb.saveEvalReport('eval', report, null);
          const file = writeReport(path.join(o.out, 'eval.json'), report, log);
          if (o.json) printReport(report, log);
          else process.stdout.write(`${summaryLine(report)}\n${[...groundingLines(report), ...caseFailureLines(report)].map((l) => `${l}\n`).join('')}report: ${file}\n`);
          if (report.totals.passed < report.totals.cases) process.exitCode = 1;
        }),
      );
    });

  addEvalFlags(program.command('gate').description('the CI gate: run the eval, judge it against evals/gate.yaml and the baseline; exit 1 with the reasons'))
    .option('--update-baseline', 'rewrite the baseline from this run, deliberately')
    .option('--json', 'print the verdict and the report as JSON (what reports/gate.json holds)')
    .action(async (o: EvalFlags & { updateBaseline?: boolean; json?: boolean }, command: Command) => {
      await withWorkbench(command, (wb) => withCaseLog(async (log) => {
        const report = await evaluate(wb, o, log);
        const gate = gateConfig(wb);
        const baselineFile = path.join(wb.root, gate.baseline.path);
        if (o.updateBaseline) {
          if (o.shard) throw new UsageError('--update-baseline needs every case: run it without --shard');
          writeJson(baselineFile, baselineOf(report));
          process.stdout.write(`${summaryLine(report)}\nbaseline rewritten: ${path.relative(process.cwd(), baselineFile)} (${report.cases.length} cases)\n`);
          return;
        }
        writeReport(path.join(o.out, 'eval.json'), report, log);
        copyFailingTraces(wb, report, o.out);
        // A shard does not judge: its report is merged with the others first.
        if (o.shard) return void process.stdout.write(`${summaryLine(report)}\nshard report: ${path.join(o.out, 'eval.json')} (merge with tollgate report merge)\n`);
        await verdictOut(wb, report, log, o.out, o.json === true);
      }));
    });

  program
    .command('report')
    .description('reports of evals')
    .command('merge')
    .description('join shard reports into one, and give the gate verdict on it')
    .argument('<reports...>', 'shard reports (eval.json files)')
    .option('--out <dir>', 'where the merged reports go', 'reports')
    .action(async (files: string[], o: { out: string }, command: Command) => {
      const reports = files.map((f) => readJsonFile<EvalReportFile>(f, 'an eval report'));
      let merged: ReturnType<typeof mergeReports>;
      try {
        merged = mergeReports(reports);
      } catch (error) {
        throw new TollgateError('TG_REPORT_MERGE', (error as Error).message);
      }
      await withWorkbench(command, (wb) => verdictOut(wb, merged.report, merged.log, o.out));
    });
}

async function evaluate(wb: Workbench, o: EvalFlags, log: CaseLog): Promise<EvalReport> {
  const concurrency = Number(o.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency expects a positive integer');
  const workers = Number(o.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError('--workers expects a positive integer');
  const shard = o.shard ? parseShard(o.shard) : undefined;
  const tty = process.stderr.isTTY && !process.env.CI;
  const report = await runEvalInWorkers(wb, {
    concurrency, ...(o.workflow ? { workflow: o.workflow } : {}),
    ...judgeOf(wb, o.judge), ...((o.case ?? o.cases) ? { cases: (o.case ?? o.cases)! } : {}), ...(o.model ? { model: o.model } : {}), ...(shard ? { shard } : {}),
    log, onCase: (done, total, c) => progress(tty, done, total, c),
  }, workers);
  if (tty) process.stderr.write('\n');
  if (report.cases.length === 0) throw new UsageError('no gold case matches the selection');
  return report;
}

/** `--judge model`, or `--judge` alone for gate.yaml's `grounding.judge.model`. */
function judgeOf(wb: Workbench, flag: string | true | undefined): { judge?: Judge } {
  if (!flag) return {};
  const model = flag === true ? wb.definitions.gate?.value.grounding.judge.model : flag;
  if (!model) throw new UsageError('--judge without a model needs grounding.judge.model in evals/gate.yaml');
  return { judge: { model, client: wb.modelClient({ 'x-tollgate-run-id': 'judge' }) } };
}

async function verdictOut(wb: Workbench, report: EvalReport, log: CaseLog, out: string, json = false): Promise<void> {
  const gate = gateConfig(wb);
  const baseline = readBaseline(wb.root, gate);
  const coverage = projectCoverage(wb.definitions, report.cases);
  const first = gateVerdict(report, gate, { baseline, coverage });
  // A required mutation score is judged once all else passes: on a report made for exactly these
  // files, or on a fresh run (a failing suite has no meaningful score, and already fails the gate).
  const mutation = gate.mutation && first.pass ? await mutationEvidence(wb, out, baseline, report.cases, mutantProgress) : undefined;
  const verdict = mutation ? gateVerdict(report, gate, { baseline, coverage, mutation }) : first;
  wb.saveEvalReport('gate', report, verdict.pass ? 'pass' : 'fail');
  const markdown = toMarkdown(report, verdict, coverageMarkdown(coverage));
  writeReport(path.join(out, 'gate.json'), report, log, { verdict, coverage });
  writeText(path.join(out, 'junit.xml'), toJUnit(report));
  writeText(path.join(out, 'summary.md'), markdown);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  if (!verdict.pass) process.exitCode = 1;
  if (json) return printReport(report, log, { verdict, coverage });
  if (process.env.GITHUB_ACTIONS === 'true') for (const line of githubAnnotations(verdict)) process.stdout.write(`${line}\n`);
  process.stdout.write(`${summaryLine(report)}\n`);
  for (const line of groundingLines(report)) process.stdout.write(`${line}\n`);
  process.stdout.write(`${coverageLine(coverage)}\n`);
  if (mutation?.report) process.stdout.write(`${scoreLine(mutation.report)}${mutation.reused ? ` (from ${path.join(out, 'mutation.json')})` : ''}\n`);
  for (const line of caseFailureLines(report)) process.stdout.write(`${line}\n`);
  if (verdict.baseline.new_cases.length) process.stdout.write(`  new to the baseline: ${verdict.baseline.new_cases.join(', ')}\n`);
  for (const w of verdict.warnings) process.stdout.write(`  warning: ${w.message}\n`);
  if (!baseline) process.stdout.write(`  (no baseline at ${gate.baseline.path}: run tollgate gate --update-baseline to create one)\n`);
  process.stdout.write(verdict.pass ? `${paint('gate passed', 'green')}; reports in ${out}/\n` : `${paint('gate FAILED', 'red')}:\n${verdict.reasons.map((r) => `  - ${r.message}`).join('\n')}\nreports in ${out}/\n`);
}

function mutantProgress(done: number, total: number, r: MutantResult): void {
  if (done === 1) process.stderr.write(`mutation testing (gate.yaml requires a score; no report for these files yet): ${total} mutants\n`);
  if (r.status === 'survived') process.stderr.write(`  survived: ${r.id}\n`);
}

function gateConfig(wb: Workbench): GateConfig {
  const gate = wb.definitions.gate?.value;
  if (!gate) throw new TollgateError('TG_NO_GATE', 'no evals/gate.yaml: the gate needs thresholds (see the example project)');
  return gate;
}

function progress(tty: boolean, done: number, total: number, c: CaseSummary): void {
  const mark = c.pass ? 'ok' : 'FAIL';
  if (!tty) return void process.stderr.write(`${mark.padEnd(4)} ${String(done).padStart(String(total).length)}/${total} ${c.key} (${c.latency_ms} ms${c.pass ? '' : `; ${c.failed.join(', ')}`})\n`);
  const width = 24;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${c.key}`.padEnd(100).slice(0, 100));
}

function summaryLine(r: EvalReport): string {
  const t = r.totals;
  return `${t.passed}/${t.cases} cases passed (${(t.pass_rate * 100).toFixed(1)}%), grounding ${(t.grounding_rate * 100).toFixed(1)}%, ${t.hard_violations} hard violations, ${t.policy_blocks} policy blocks, $${t.cost_per_run_usd.toFixed(6)} per run, p95 ${t.p95_latency_ms} ms`;
}

function parseShard(text: string): { index: number; total: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || total < 1 || index < 1 || index > total) throw new UsageError(`--shard expects I/N with 1 ≤ I ≤ N, such as 2/4, not "${text}"`);
  return { index, total };
}

function readJsonFile<T>(file: string, what: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new UsageError(`${file}: not ${what} (${(error as Error).message.split('\n')[0]})`);
  }
}
