import { describe, expect, it } from 'vitest';
import { finalOutput, formatRunTable } from '../../src/cli/print-run.ts';
import type { JournalRow, RunRecord } from '../../src/core/index.ts';

const run = (runId: string, workflow: string, extra: Partial<RunRecord> = {}): RunRecord =>
  ({ runId, workflow, status: 'completed', endState: 'resolved', startedAt: Date.UTC(2026, 10, 30, 9, 0, 0), endedAt: Date.UTC(2026, 10, 30, 9, 0, 1), costUsd: 0.00008, ...extra }) as RunRecord;

describe('what run, show and runs print', () => {
  it('the runs table keeps its columns aligned whatever the workflow names and outcomes', () => {
    const table = formatRunTable([run('run_a', 'refund'), run('run_bb', 'vendor-bank-detail-change-with-callback', { status: 'waiting_approval', endState: null, endedAt: null })]).split('\n');
    expect(table).toEqual([
      'RUN     WORKFLOW                                 OUTCOME           STARTED (UTC)        TOOK  COST',
      'run_a   refund                                   resolved          2026-11-30 09:00:00  1.0s  $0.00008',
      'run_bb  vendor-bank-detail-change-with-callback  waiting_approval  2026-11-30 09:00:00     —  $0.00008',
    ]);
  });

  it("the workflow's final output comes from the run.ended row; none is null", () => {
    const row = (kind: string, data: unknown, seq: number): JournalRow => ({ seq, kind, stepKey: 'done', attempt: 1, inputSha256: null, data, ts: seq });
    expect(finalOutput([row('step.entered', {}, 1), row('run.ended', { status: 'completed', end: 'resolved', output: { refund_id: 'R-9001' } }, 2)])).toEqual({ refund_id: 'R-9001' });
    expect(finalOutput([row('run.ended', { status: 'failed', reason: 'x' }, 1)])).toBeNull();
    expect(finalOutput([])).toBeNull();
  });
});
