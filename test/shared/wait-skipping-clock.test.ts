import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WaitSkippingClock, type Clock } from '../../src/shared/index.ts';
import { retryDelay } from '../../src/tools/index.ts';
import { runGoldCase, Workbench } from '../../src/workbench/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';

/** A clock that never moves by itself: any time a run records beyond it was skipped, not waited. */
const frozen = (at: number): Clock => ({ now: () => at, sleep: () => Promise.reject(new Error('the base clock is never slept on')) });

describe('WaitSkippingClock', () => {
  it('skips a sleep, moving its time on by the sleep', async () => {
    const clock = new WaitSkippingClock(frozen(1_000));
    await clock.sleep(250);
    expect(clock.now()).toBe(1_250);
  });

  it('fires a timeout whose deadline a sleep passes, at the deadline, and stops that sleep there', async () => {
    const clock = new WaitSkippingClock(frozen(0));
    const timeout = clock.timeout(2_000);
    let firedAt: number | undefined;
    timeout.signal.addEventListener('abort', () => (firedAt = clock.now()));
    await expect(clock.sleep(30_000, timeout.signal)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect([firedAt, clock.now()]).toEqual([2_000, 2_000]);
    timeout.clear();
  });

  it('lets a cleared timeout pass: the sleep runs its full length', async () => {
    const clock = new WaitSkippingClock(frozen(0));
    const timeout = clock.timeout(100);
    timeout.clear();
    await clock.sleep(500, timeout.signal);
    expect([timeout.signal.aborted, clock.now()]).toEqual([false, 500]);
  });
});

let wb: Workbench | undefined;
afterEach(async () => {
  await wb?.close();
  wb = undefined;
});

describe('gold cases in the mocked world wait on skipped time', () => {
  it('a 30 s hang behind a 2 s timeout, then a backoff: the journal records both, though the clock never moved', async () => {
    const root = copyExampleProject();
    wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'skip.db'), clock: frozen(1_800_000_000_000), traces: false });
    const gc = wb.definitions.goldCases.find((c) => c.value.id === 'refund-lookup-times-out')!.value;
    const { run } = await runGoldCase(wb, gc);
    expect([run.status, run.endState]).toEqual(['completed', 'resolved']);
    const journal = wb.journal(run.runId);
    const timedOut = journal.findIndex((r) => r.kind === 'tool.done' && (r.data as { error?: { code: string } }).error?.code === 'TG_TOOL_TIMEOUT');
    const done = journal[timedOut]!;
    const started = journal.slice(0, timedOut).findLast((r) => r.kind === 'tool.started' && r.stepKey === done.stepKey)!;
    const retried = journal.slice(timedOut).find((r) => r.kind === 'tool.started' && r.stepKey === done.stepKey)!;
    expect(done.ts - started.ts).toBe(2_000);
    const connector = wb.definitions.tools.find((t) => t.value.name === 'orders.get')!.value;
    const failure = (done.data as { error: Parameters<typeof retryDelay>[2] }).error;
    const backoff = retryDelay(connector.retry!, 1, failure, `${run.runId}:${done.stepKey}#1`)!;
    expect(backoff).toBeGreaterThan(0);
    expect(retried.ts - done.ts).toBe(backoff);
  });
});
