import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../shared/index.ts';
import { buildTimeline, runGoldCase, type Env, type Workbench } from '../../workbench/index.ts';
import type { RunRecord } from '../../core/index.ts';
import { withWorkbench } from '../open-workbench.ts';
import { exitCodeForRun, finalOutput, formatOutcome, formatRunHeader, formatTimeline } from '../print-run.ts';

const ENVS = ['dev', 'staging', 'prod'];

export function registerRunCommands(program: Command): void {
  program
    .command('run')
    .description('start a run of a workflow and print its timeline')
    .argument('[workflow]', 'workflow id (not needed with --case)')
    .option('--event <file>', 'the triggering event, a JSON file')
    .option('--case <id>', 'run a gold case offline: its event, scripted model replies, faults and approvals')
    .option('--script <file>', 'answer the model from scripted replies (no Ollama needed)')
    .option('--env <env>', 'dev, staging or prod')
    .option('--model <name>', 'use this Ollama model for every agent')
    .option('--as <name>', 'who starts the run (they may not approve it)')
    .option('--json', 'print the run as JSON')
    .action(async (workflow: string | undefined, o: { event?: string; case?: string; script?: string; env?: string; model?: string; as?: string; json?: boolean }, command: Command) => {
      if (o.env && !ENVS.includes(o.env)) throw new UsageError(`--env must be one of ${ENVS.join(', ')}, not "${o.env}"`);
      await withWorkbench(command, async (wb) => {
        // Runs an earlier process left unfinished are named, never executed here: resume and serve do that.
        for (const left of wb.unfinished()) process.stderr.write(`note: run ${left.runId} (${left.workflow}) was left unfinished by a process that stopped: tollgate resume ${left.runId} continues it\n`);
        let run: RunRecord;
        if (o.case) {
          const gc = wb.definitions.goldCases.find((g) => g.value.id === o.case || `${g.value.workflow}/${g.value.id}` === o.case);
          if (!gc) throw new UsageError(`no gold case "${o.case}" (see evals/gold/)`);
          run = (await runGoldCase(wb, gc.value, { ...(o.model ? { model: o.model } : {}) })).run;
        } else {
          if (!workflow) throw new UsageError('name a workflow, or use --case ID');
          if (!o.event) throw new UsageError('--event FILE is required (a JSON file with the triggering event)');
          run = await wb.start({ workflow, event: readEvent(o.event), ...(o.env ? { env: o.env as Env } : {}), ...(o.model ? { model: o.model } : {}), ...(o.script ? { script: o.script } : {}), ...(o.as ? { requestedBy: o.as } : {}) });
        }
        printRun(wb, run, o.json === true);
      });
    });

  program
    .command('resume')
    .description('continue a run from its journal (after a crash, or once approvals are decided)')
    .argument('<run>', 'run ID or unique prefix')
    .option('--json', 'print the run as JSON')
    .action(async (id: string, o: { json?: boolean }, command: Command) => {
      await withWorkbench(command, async (wb) => printRun(wb, await wb.resume(id), o.json === true));
    });
}

export function printRun(wb: Workbench, run: RunRecord, json: boolean): void {
  const journal = wb.journal(run.runId);
  const timeline = buildTimeline(journal);
  const output = finalOutput(journal);
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...run, output, timeline: timeline.map((e) => ({ seq: e.seq, offset_ms: e.offsetMs, kind: e.kind, text: e.text })) }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatRunHeader(run)}\n${formatTimeline(timeline)}\n${formatOutcome(run)}\n${output === null ? '' : `output: ${JSON.stringify(output)}\n`}`);
  }
  process.exitCode = exitCodeForRun(run);
}

function readEvent(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read event file ${file}`);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('expected a JSON object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`${file}: not a JSON object event (${(error as Error).message})`);
  }
}
