import { formatDuration } from '../shared/index.ts';
import { paint } from './colour.ts';
import type { RunRecord } from '../store/index.ts';
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

export function formatRunRow(run: RunRecord): string {
  const started = new Date(run.startedAt).toISOString().replace('T', ' ').slice(0, 19);
  const outcome = run.status === 'completed' ? run.endState ?? 'completed' : run.status;
  const duration = run.endedAt ? formatDuration(run.endedAt - run.startedAt) : '—';
  return [run.runId.padEnd(30), run.workflow.padEnd(18), outcome.padEnd(17), started, duration.padStart(7), `$${run.costUsd.toFixed(5)}`].join('  ');
}

function formatOffset(ms: number): string {
  return `+${(ms / 1000).toFixed(3)}s`.padStart(9);
}
