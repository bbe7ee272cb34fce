/** How an ended run turned out, as the scorecard and the runtime's metrics count it. */
export type RunOutcome = 'succeeded' | 'escalated' | 'denied' | 'failed' | 'timed_out' | 'budget_exceeded' | 'compensated';

const ENDED = new Set(['completed', 'failed', 'escalated', 'budget_exceeded', 'timed_out', 'compensated', 'denied']);

/** The outcome of a run from its status and end state; undefined while it has not ended. Pure. */
export function outcomeOf(status: string, endState: string | null): RunOutcome | undefined {
  if (!ENDED.has(status)) return undefined;
  if (status === 'escalated' || endState === 'escalated') return 'escalated';
  return status === 'completed' ? 'succeeded' : (status as RunOutcome);
}
