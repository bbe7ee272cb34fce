import { formatDuration } from '../shared/index.ts';
import { paint } from './colour.ts';
import type { JournalRow, RunRecord } from '../core/index.ts';
import type { TimelineEntry } from '../workbench/index.ts';

/** Exit code for a run's status: 0 completed, 3 waiting for approval, 1 otherwise. */
export function exitCodeForRun(run: RunRecord): number {
  if (run.status === 'completed') return 0;
  if (run.status === 'waiting_approval') return 3;
  return 1;
}

export function formatRunHeader(run: RunRecord): string {
  return `run ${run.runId}  ${run.workflow} v${run.version}  env ${run.env}  correlation ${run.correlationId}`;
}

export function formatTimeline(entries: readonly TimelineEntry[]): string {
  return entries.map((e) => `${formatOffset(e.offsetMs)}  ${'  '.repeat(e.depth)}${e.text}`).join('\n');
}

export function formatOutcome(run: RunRecord): string {
  const what = run.status === 'completed' ? `status: ${paint('completed', 'green')} (${run.endState})` : `status: ${paint(run.status, run.status === 'waiting_approval' ? 'yellow' : 'red')}${run.reason ? ` — ${run.reason}` : ''}`;
  const duration = run.endedAt ? `, ${formatDuration(run.endedAt - run.startedAt)}` : '';
  return `${what}\n${run.toolCalls} tool call(s), ${run.tokensIn + run.tokensOut} tokens, $${run.costUsd.toFixed(6)}${duration}`;
}

/** The runs table: each column as wide as its longest cell, so long workflow names keep it aligned. */
export function formatRunTable(runs: readonly RunRecord[]): string {
  const rows = runs.map((run) => [
    run.runId,
    run.workflow,
    run.status === 'completed' ? run.endState ?? 'completed' : run.status,
    new Date(run.startedAt).toISOString().replace('T', ' ').slice(0, 19),
    run.endedAt ? formatDuration(run.endedAt - run.startedAt) : '—',
    `$${run.costUsd.toFixed(5)}`,
  ]);
  const header = ['RUN', 'WORKFLOW', 'OUTCOME', 'STARTED (UTC)', 'TOOK', 'COST'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 4 ? c.padStart(widths[i]!) : i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** What the workflow's end step put out (from the run.ended row; placeholders, never raw PII), or null. */
export function finalOutput(journal: readonly JournalRow[]): unknown {
  const ended = journal.findLast((r) => r.kind === 'run.ended');
  return (ended?.data as { output?: unknown } | undefined)?.output ?? null;
}

function formatOffset(ms: number): string {
  return `+${(ms / 1000).toFixed(3)}s`.padStart(9);
}
