import picomatch from 'picomatch';
import type { JournalRow } from '../core/index.ts';
import type { GoldCase, Loaded } from '../workflow/index.ts';
import type { Focus } from './types.ts';

/** What a gold case's unmutated run touched: the tools it asked for, the steps it entered, where it ended. */
export interface CaseProfile {
  readonly tools: ReadonlySet<string>;
  readonly steps: ReadonlySet<string>;
  readonly env: string;
  readonly end: string;
}

export function profileOf(journal: readonly JournalRow[], env: string, end: string): CaseProfile {
  const tools = new Set(journal.filter((r) => r.kind === 'policy.decision').map((r) => (r.data as { tool: string }).tool));
  const steps = new Set(journal.filter((r) => r.kind === 'step.entered').map((r) => (r.data as { step: string }).step));
  return { tools, steps, env, end };
}

/**
 * The order a mutant's cases run in: cases that touched what the mutant changed first (they are
 * the likely killers, and the first kill ends the mutant's run), then cases without injected
 * faults (those wait out timeouts and backoff). Pure.
 */
export function orderCases(cases: readonly Loaded<GoldCase>[], focus: Focus | undefined, profiles: ReadonlyMap<string, CaseProfile>): Loaded<GoldCase>[] {
  const relevance = (c: Loaded<GoldCase>) => {
    const p = profiles.get(`${c.value.workflow}/${c.value.id}`);
    if (!p || !focus) return 0;
    const toolHit = focus.tools?.some((pattern) => [...p.tools].some((t) => picomatch.isMatch(t, pattern, { dot: true }))) ?? false;
    const stepHit = focus.steps?.some((s) => p.steps.has(s)) ?? false;
    return (toolHit ? 2 : 0) + (stepHit ? 2 : 0) + (focus.env === p.env ? 3 : 0) + (focus.ends?.includes(p.end) ? 3 : 0);
  };
  return cases
    .map((c, i) => ({ c, i, r: relevance(c) }))
    .sort((a, b) => b.r - a.r || a.c.value.faults.length - b.c.value.faults.length || a.i - b.i)
    .map((x) => x.c);
}
