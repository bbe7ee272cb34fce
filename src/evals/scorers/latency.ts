import { modelledLatency } from '../modelled-latency.ts';
import type { Scorer } from '../types.ts';

/**
 * Wall time and modelled time of the case and of each step (informational; the gate judges the
 * p95 of `judged_ms`). Offline runs are judged on the modelled time, so a loaded machine cannot
 * change a verdict; live runs on the wall clock.
 */
export const latencyScorer: Scorer = {
  name: 'latency',
  score({ run, journal, goldCase, definitions }) {
    const total = (run.endedAt ?? run.updatedAt) - run.startedAt;
    const steps: Record<string, number> = {};
    const entered = journal.filter((r) => r.kind === 'step.entered');
    entered.forEach((row, i) => {
      const next = entered[i + 1]?.ts ?? journal.at(-1)!.ts;
      steps[row.stepKey] = next - row.ts;
    });
    const modelled = modelledLatency({ runId: run.runId, journal, faults: goldCase.faults, definitions });
    // A scripted run answers from fixtures and mocks: its wall time measures the machine, not the workflow.
    const offline = typeof run.options.script === 'string';
    const ms = (n: number) => `${n.toLocaleString('en-US')} ms`;
    const reason = offline
      ? `modelled ${ms(modelled.totalMs)} (offline: injected delays, timeouts, backoff); wall ${ms(total)}`
      : `wall ${ms(total)} (live); modelled ${ms(modelled.totalMs)}`;
    return {
      scorer: 'latency',
      pass: true,
      score: 1,
      reason,
      details: {
        total_ms: total,
        steps_ms: steps,
        modelled_ms: modelled.totalMs,
        modelled_steps_ms: modelled.stepsMs,
        modelled_backoff_ms: modelled.backoffMs,
        judged_ms: offline ? modelled.totalMs : total,
        judged_on: offline ? 'modelled' : 'wall',
      },
    };
  },
};
