import { formatDuration } from '../shared/index.ts';
import type { ApprovalRecord, RunRecord } from '../store/index.ts';
import { buildTimeline, type TimelineEntry } from '../workbench/index.ts';
import type { JournalRow } from '../store/index.ts';

/** Cuts text to a width with an ellipsis; never wraps. */
export function fit(text: string, width: number): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  if (width <= 0) return '';
  return flat.length <= width ? flat.padEnd(width) : `${flat.slice(0, Math.max(0, width - 1))}…`;
}

export function runLine(run: RunRecord, width: number): string {
  const outcome = run.status === 'completed' ? (run.endState ?? 'completed') : run.status;
  const took = run.endedAt ? formatDuration(run.endedAt - run.startedAt) : '…';
  const tail = ` ${outcome.padEnd(16)} ${took.padStart(7)} $${run.costUsd.toFixed(5)}`;
  return fit(`${run.workflow.padEnd(17)} ${run.runId}`, Math.max(10, width - tail.length)) + tail;
}

/** Runs matching a typed filter (workflow, status, end or run ID), newest first. */
export function filterRuns(runs: readonly RunRecord[], filter: string): RunRecord[] {
  const f = filter.trim().toLowerCase();
  const sorted = [...runs].sort((a, b) => b.startedAt - a.startedAt);
  if (!f) return sorted;
  return sorted.filter((r) => [r.workflow, r.status, r.endState ?? '', r.runId].some((x) => x.toLowerCase().includes(f)));
}

export function timelineOf(rows: readonly JournalRow[]): TimelineEntry[] {
  return buildTimeline(rows);
}

/** The lines shown when an event is opened: its kind, step and data, pretty and redacted as stored. */
export function eventDetail(entry: TimelineEntry): string[] {
  const row = entry.row;
  return [`${row.kind}  step ${row.stepKey}  seq ${row.seq}  attempt ${row.attempt}`, ...JSON.stringify(row.data, null, 2).split('\n')];
}

/** The visible slice of a list of `total` items so that `cursor` stays on screen. */
export function windowFor(total: number, cursor: number, height: number): { start: number; end: number } {
  const h = Math.max(1, height);
  const start = Math.min(Math.max(0, cursor - Math.floor(h / 2)), Math.max(0, total - h));
  return { start, end: Math.min(total, start + h) };
}

export function approvalLines(a: ApprovalRecord): string[] {
  const got = a.decisions.filter((d) => d.decision !== 'deny').length;
  return [`${a.approvalId}  run ${a.runId}  step ${a.stepKey}`, `  action: ${a.action.summary}`, `  why:    ${a.reason}`, `  needs:  ${a.requiredApprovals}${a.role ? ` × ${a.role}` : ''}; ${got} so far; started by ${a.requestedBy}`];
}
