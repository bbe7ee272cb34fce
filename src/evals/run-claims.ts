import type { Said } from '../grounding/index.ts';
import type { JournalRow, RunRecord } from '../core/index.ts';

/** Everything a run said that can be a claim: each agent's answer and the final output, leaf by leaf, with where it sits. */
export function saidBy(journal: readonly JournalRow[]): Said[] {
  const agentSteps = new Set(journal.filter((r) => r.kind === 'step.entered' && (r.data as { kind: string }).kind === 'agent').map((r) => r.stepKey));
  const answers = journal.filter((r) => r.kind === 'step.completed' && agentSteps.has(r.stepKey)).flatMap((r) => leavesOf((r.data as { output: unknown }).output, `steps.${r.stepKey}.output`));
  const end = journal.findLast((r) => r.kind === 'run.ended')?.data as { output?: unknown } | undefined;
  return [...answers, ...(end?.output !== undefined ? leavesOf(end.output, 'output') : [])];
}

function leavesOf(value: unknown, path: string): Said[] {
  if (typeof value === 'string') return [{ source: path, text: value }];
  if (typeof value === 'number') return [{ source: path, number: value, key: path.split('.').at(-1)! }];
  if (Array.isArray(value)) return value.flatMap((v, i) => leavesOf(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leavesOf(v, `${path}.${k}`));
  return [];
}

const TIME_KEY = /(?:_at|^at|time|timestamp|^date|_date)$/i;

/**
 * The run's clock for relative dates ("tomorrow"): the time the event says it happened (`fired_at`,
 * `created_at`…), so a gold case means the same on every day it runs; else when the run started.
 */
export function clockOf(run: Pick<RunRecord, 'event' | 'startedAt'>): Date {
  const found = timeIn(run.event, 0);
  return found ?? new Date(run.startedAt);
}

function timeIn(value: unknown, depth: number): Date | undefined {
  if (!value || typeof value !== 'object' || depth > 2) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (TIME_KEY.test(k) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v);
  }
  for (const v of Object.values(value)) {
    const t = timeIn(v, depth + 1);
    if (t) return t;
  }
  return undefined;
}
