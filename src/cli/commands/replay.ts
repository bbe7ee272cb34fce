import { createInterface } from 'node:readline/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { Change } from 'diff';
import { changeLines, replayRecording, replayWithModel, type ModelReplay, type ReplayReport } from '../../replay/index.ts';
import { NotFoundError } from '../../shared/index.ts';
import { buildTimeline, definitionsFromSnapshot, loadModelScript, readRecording, runDefinitionsFor } from '../../workbench/index.ts';
import { openWorkbench, withWorkbench } from '../open-workbench.ts';
import { formatTimeline } from '../print-run.ts';

export function registerReplayCommands(program: Command): void {
  program
    .command('replay')
    .description('re-execute a recorded run (a trace file) with the current definitions; report "identical" or the first divergence')
    .argument('<trace>', 'trace file (traces/<run-id>.json)')
    .option('--as-recorded', 'use the definitions recorded in the trace, to reproduce an incident exactly')
    .option('--step', 'print one event at a time and wait for Enter')
    .option('--model <name>', 'what would this model have done? answer the model live (Ollama) and the tools from the recording')
    .option('--script <file>', 'with --model: answer the model from scripted replies instead of Ollama')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, o: { asRecorded?: boolean; step?: boolean; json?: boolean; model?: string; script?: string }, command: Command) => {
      const recording = readRecording(file);
      const wb = openWorkbench(command);
      try {
        let defs;
        if (o.asRecorded) {
          if (!recording.run.definitions) throw new NotFoundError(`${file}: the trace holds no definitions to replay as recorded`);
          defs = runDefinitionsFor(definitionsFromSnapshot(recording.run.definitions, wb.definitions.otherFiles), recording.run.workflow, recording.run.definitionsDigest);
        } else {
          defs = runDefinitionsFor(wb.definitions, recording.run.workflow, recording.run.definitionsDigest);
        }
        if (o.model) {
          const replayId = `replay_${recording.run.runId}`;
          if (o.script) (await wb.mocks()).register(replayId, { script: loadModelScript(wb.root, o.script) });
          const client = wb.modelClient({ 'x-tollgate-run-id': replayId });
          const result = await replayWithModel(recording, defs, client, o.model);
          if (o.json) process.stdout.write(`${JSON.stringify({ recorded: result.recorded, replayed: result.replayed }, null, 2)}\n`);
          else process.stdout.write(formatModelReplay(o.model, result));
          process.exitCode = result.replayed.endState === result.recorded.endState && result.replayed.status === result.recorded.status ? 0 : 1;
          return;
        }
        const report = await replayRecording(recording, defs);
        if (o.step) await stepThrough(recording.journal, report);
        if (o.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(formatReport(path.basename(file), report));
        process.exitCode = report.identical ? 0 : 1;
      } finally {
        await wb.close();
      }
    });

  program
    .command('export')
    .description('write a run from the database as an OTLP JSON trace (a recording that replays on its own)')
    .argument('<run>', 'run ID or unique prefix')
    .option('--out <file>', 'output file (default traces/<run-id>.json)')
    .action(async (id: string, o: { out?: string }, command: Command) => {
      await withWorkbench(command, (wb) => {
        const run = wb.resolveRun(id);
        const written = wb.exportTrace(run.runId, o.out);
        process.stdout.write(`wrote ${written.file}: ${written.spans} spans, ${written.events} journal events\n`);
      });
    });
}

function formatModelReplay(model: string, r: ModelReplay): string {
  const outcome = (x: { status: string; endState: string | null }) => x.endState ?? x.status;
  const same = outcome(r.recorded) === outcome(r.replayed) && r.recorded.status === r.replayed.status;
  return [
    `${same ? 'same outcome' : 'different outcome'} with ${model}: recorded ${outcome(r.recorded)}, now ${outcome(r.replayed)}${r.replayed.reason ? ` (${r.replayed.reason})` : ''}`,
    `  recorded tool calls: ${r.recorded.tools.join(', ') || '—'}`,
    `  now:                 ${r.replayed.tools.join(', ') || '—'}`,
    formatTimeline(buildTimeline(r.journal)),
    '',
  ].join('\n');
}

export function formatReport(name: string, report: ReplayReport): string {
  if (report.identical) return `identical: ${name} replayed ${report.events} events; the run ends ${report.result.endState ?? report.result.status} as recorded\n`;
  const d = report.divergence;
  return [
    `diverged at event ${d.seq} (step ${d.step}) after ${report.events} identical events`,
    `  recorded: ${d.recorded.kind} ${d.recorded.stepKey}`,
    `  decided:  ${d.decided.kind} ${d.decided.stepKey}`,
    formatChanges(d.changes),
    '',
  ].join('\n');
}

/** `-` recorded, `+` decided now, unchanged context trimmed to a line either side. */
export function formatChanges(changes: readonly Change[]): string {
  return changeLines(changes, 1).map((l) => `  ${l}`).join('\n');
}

async function stepThrough(rows: Parameters<typeof buildTimeline>[0], report: ReplayReport): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const stopAt = report.identical ? rows.length : report.divergence.seq - 1;
  for (const entry of buildTimeline(rows.slice(0, stopAt))) {
    process.stdout.write(`${formatTimeline([entry])}`);
    await rl.question('  [Enter]');
  }
  rl.close();
}
