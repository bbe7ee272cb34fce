import type { JournalRow } from '../core/index.ts';

/** One line of a run's timeline, for people (CLI and TUI). */
export interface TimelineEntry {
  readonly seq: number;
  readonly offsetMs: number;
  readonly depth: number;
  readonly kind: 'step' | 'model' | 'tool' | 'policy' | 'approval' | 'retry' | 'compensation' | 'end' | 'other';
  readonly text: string;
  readonly row: JournalRow;
}

/** Turns journal rows into readable entries; pure. */
export function buildTimeline(rows: readonly JournalRow[]): TimelineEntry[] {
  const start = rows[0]?.ts ?? 0;
  const entries: TimelineEntry[] = [];
  const push = (row: JournalRow, depth: number, kind: TimelineEntry['kind'], text: string) => entries.push({ seq: row.seq, offsetMs: row.ts - start, depth, kind, text, row });
  for (const row of rows) {
    const d = row.data as Record<string, any>;
    const compensating = row.stepKey.startsWith('compensate:');
    switch (row.kind) {
      case 'step.entered':
        push(row, 0, 'step', `step ${row.stepKey} (${d.kind})`);
        break;
      case 'model.done': {
        if (d.error) { push(row, 1, 'model', `model call failed: ${d.error.message}`); break; }
        const o = d.output;
        const calls = (o.message.tool_calls ?? []).map((c: any) => c.function.name);
        const what = calls.length ? `asks for ${calls.join(', ')}` : `answers ${truncate(o.message.content, 60)}`;
        push(row, 1, 'model', `chat ${o.model} ${row.stepKey.split('/')[1] ?? ''}: ${what} (${o.inputTokens} in / ${o.outputTokens} out, ${d.duration_ms}ms)`);
        break;
      }
      case 'policy.decision':
        push(row, compensating ? 1 : 1, 'policy', `policy ${d.effect}${d.dryRun ? ' (sandbox: dry run)' : ''} ${d.tool}${d.ruleId ? ` [${d.ruleId}]` : ''}${d.effect !== 'allow' ? `: ${d.reason}` : ''}`);
        break;
      case 'tool.started':
        if (row.attempt > 1) push(row, 1, 'retry', `retry ${d.input.tool} attempt ${row.attempt}`);
        break;
      case 'tool.done':
        if (d.error) push(row, 1, compensating ? 'compensation' : 'tool', `${compensating ? 'compensation ' : ''}tool failed: ${d.error.code} ${d.error.message} (${d.duration_ms}ms)`);
        else push(row, 1, compensating ? 'compensation' : 'tool', `${compensating ? 'compensation ' : ''}tool ${d.output.dryRun ? 'dry run' : `→ ${d.output.status}`} ${truncate(JSON.stringify(d.output.body), 70)} (${d.duration_ms}ms)`);
        break;
      case 'approval.requested':
        push(row, 1, 'approval', `approval ${d.approval_id} requested: ${d.reason} (${d.approvers} approver${d.approvers > 1 ? 's' : ''}${d.role ? `, role ${d.role}` : ''})`);
        break;
      case 'approval.done':
        push(row, 1, 'approval', d.error ? `approval failed: ${d.error.message}` : `approval ${d.output.status} by ${(d.output.approvers ?? []).join(', ') || '—'}`);
        break;
      case 'agent.output_rejected':
        push(row, 1, 'model', `output rejected: ${d.problem}`);
        break;
      case 'transition':
        push(row, 1, 'other', `→ ${d.to}`);
        break;
      case 'run.ended':
        push(row, 0, 'end', d.status === 'completed' ? `end: ${d.end}` : `run ${d.status}: ${d.reason}`);
        break;
    }
  }
  return entries;
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
