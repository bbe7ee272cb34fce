import type { CoverageRun } from './coverage-run.ts';
import { replayDecisions, resultHits } from './decision-hits.ts';
import { workflowHits } from './workflow-hits.ts';

/** The item sides (`<item key>#<side>`) a finished run exercised, sorted, each once; pure. */
export function caseHits(cr: CoverageRun): string[] {
  const decisions = replayDecisions(cr).flatMap((d) => (d.same ? d.sides : []));
  return [...new Set([...decisions, ...resultHits(cr), ...workflowHits(cr)])].sort();
}
