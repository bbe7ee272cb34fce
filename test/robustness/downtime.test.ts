import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStoppedError, systemClock, type Clock } from '../../src/shared/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { MINI_FILES, makeMiniProject, refundScript } from '../support/mini-project.ts';
import { startRefund } from '../support/workbench.ts';
import { journalWithFault } from '../support/journal-faults.ts';

let wb: Workbench | undefined;
afterEach(async () => wb?.close());

/** The system clock, pushed forward at will: how a process sees a long outage. */
function skewedClock(): Clock & { skip(ms: number): void } {
  let skew = 0;
  return { now: () => systemClock.now() + skew, sleep: (ms, signal) => systemClock.sleep(ms, signal), skip: (ms) => void (skew += ms) };
}

describe('time the process was down is not the run\'s time', () => {
  it('a run stopped mid-way and resumed an hour later finishes within its 1 s run_timeout; the journal says how long it was down', async () => {
    const root = makeMiniProject({
      'fixtures/models/o1.yaml': refundScript('O-1'),
      'workflows/refund.yaml': MINI_FILES['workflows/refund.yaml']!.replace('limits: { step_timeout: 2s }', 'limits: { step_timeout: 2s, run_timeout: 1s }'),
    });
    const clock = skewedClock();
    let stopAt: string | undefined = 'lookup';
    wb = Workbench.open(root, {
      dbPath: path.join(root, '.tollgate', 'down.db'), clock, world: { kind: 'mocked', keepState: true }, traces: false,
      // The process "dies" as the order lookup is about to start: nothing of it is written.
      journal: journalWithFault((row) => {
        if (row.kind === 'tool.started' && row.stepKey === stopAt) throw new Error('process gone');
      }),
    });
    const error = await startRefund(wb, 'O-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunStoppedError);
    const runId = (error as RunStoppedError).runId;
    clock.skip(3_600_000);
    stopAt = undefined;
    const run = await wb.resume(runId);
    expect([run.status, run.endState, run.reason]).toEqual(['completed', 'resolved', null]);
    const resumed = wb.journal(runId).filter((r) => r.kind === 'run.resumed');
    expect(resumed).toHaveLength(1);
    expect((resumed[0]!.data as { down_ms: number }).down_ms).toBeGreaterThanOrEqual(3_600_000);
    // Read back again (as replay does), the bookkeeping row is no divergence.
    const again = await wb.resume(runId);
    expect(again.status).toBe('completed');
  });
});
