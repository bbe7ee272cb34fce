import type { Scorer } from '../types.ts';

/** Wall time of the case and of each step (informational; the gate judges the p95). */
export const latencyScorer: Scorer = {
  name: 'latency',
  score({ run, journal }) {
    const total = (run.endedAt ?? run.updatedAt) - run.startedAt;
    const steps: Record<string, number> = {};
    const entered = journal.filter((r) => r.kind === 'step.entered');
    entered.forEach((row, i) => {
      const next = entered[i + 1]?.ts ?? journal.at(-1)!.ts;
      steps[row.stepKey] = next - row.ts;
    });
    return { scorer: 'latency', pass: true, score: 1, reason: `${total} ms`, details: { total_ms: total, steps_ms: steps } };
  },
};
