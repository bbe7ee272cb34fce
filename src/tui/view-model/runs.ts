import { formatDuration } from '../../shared/duration.ts';
import type { RunSummary } from '../source.ts';
import { fit, usd } from './text.ts';

export interface RunFilters {
  readonly text: string;
  readonly status: string | null;
  readonly workflow: string | null;
}

export const NO_FILTERS: RunFilters = { text: '', status: null, workflow: null };

/** What a run's outcome column says: its end for a completed run, else its status. */
export const outcomeOf = (r: Pick<RunSummary, 'status' | 'endState'>) => (r.status === 'completed' ? (r.endState ?? 'completed') : r.status);

/** Runs matching the filters, newest first; pure. */
export function filterRuns(runs: readonly RunSummary[], f: RunFilters): RunSummary[] {
  const text = f.text.trim().toLowerCase();
  return [...runs]
    .sort((a, b) => b.startedAt - a.startedAt || b.runId.localeCompare(a.runId))
    .filter((r) => (f.status === null || outcomeOf(r) === f.status || r.status === f.status) && (f.workflow === null || r.workflow === f.workflow))
    .filter((r) => !text || [r.workflow, r.status, r.endState ?? '', r.runId].some((x) => x.toLowerCase().includes(text)));
}

/** The next value of a cycling filter: null (all), then each value present, then null again. */
export function cycle(values: readonly string[], current: string | null): string | null {
  const options = [...new Set(values)].sort();
  if (current === null) return options[0] ?? null;
  const i = options.indexOf(current);
  return i < 0 || i === options.length - 1 ? null : options[i + 1]!;
}

export function filtersLabel(f: RunFilters): string {
  return [f.status && `status: ${f.status}`, f.workflow && `workflow: ${f.workflow}`, f.text && `filter: ${f.text}`].filter(Boolean).join('  ');
}

const TAIL = (outcome: string, took: string, cost: string, approvals: string, blocks: string) => ` ${outcome.padEnd(16)} ${took.padStart(8)} ${cost.padStart(9)} ${approvals.padStart(4)} ${blocks.padStart(3)}`;

/** The column titles above the runs, aligned with runLine. */
export function runHeader(width: number): string {
  const tail = TAIL('OUTCOME', 'TIME', 'COST', 'APPR', 'BLK');
  return fit(`${'WORKFLOW'.padEnd(16)} RUN`, Math.max(10, width - tail.length)) + tail;
}

/** One run in the list: workflow, ID, outcome, duration, cost, approvals (pending/all), policy blocks. */
export function runLine(run: RunSummary, width: number, now: number): string {
  const took = formatDuration((run.endedAt ?? now) - run.startedAt) + (run.endedAt === null ? '…' : '');
  const approvals = run.approvals === 0 ? '-' : run.pendingApprovals > 0 ? `${run.pendingApprovals}/${run.approvals}` : String(run.approvals);
  const tail = TAIL(outcomeOf(run), took, usd(run.costUsd), approvals, run.policyBlocks === 0 ? '-' : String(run.policyBlocks));
  const id = run.origin === 'trace' ? `${run.runId} (trace)` : run.runId;
  return fit(`${fit(run.workflow, 16)} ${id}`, Math.max(10, width - tail.length)) + tail;
}

/** The selected run in full, under the list: the ID a narrow terminal cuts, and the correlation ID. */
export function runFooter(run: RunSummary): string {
  return `${run.runId} · correlation ${run.correlationId} · started ${new Date(run.startedAt).toISOString().slice(0, 19).replace('T', ' ')}${run.origin === 'trace' ? ' · from traces/' : ''}`;
}
