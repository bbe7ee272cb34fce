import { coverageShortfall, type CoverageTable } from '../coverage/index.ts';
import { judge, type Baseline, type EvalReport, type GateVerdict } from '../evals/index.ts';
import { judgeMutation, type MutationReport } from '../mutation/index.ts';
import type { GateConfig } from '../workflow/index.ts';

/** What the gate weighs besides the eval report: policy coverage and, when required, the mutation score. */
export interface GateEvidence {
  readonly baseline: Baseline | undefined;
  readonly coverage: CoverageTable;
  readonly mutation?: { readonly report: MutationReport | undefined; readonly digest: string; readonly problem?: string };
}

/** The whole verdict: thresholds and baseline, then gate.yaml's coverage and mutation minimums. Pure. */
export function gateVerdict(report: EvalReport, gate: GateConfig, evidence: GateEvidence): GateVerdict {
  const judged = judge(report, gate, evidence.baseline);
  const reasons = [...judged.reasons];
  const shortfall = gate.coverage ? coverageShortfall(evidence.coverage, gate.coverage.min) : undefined;
  if (shortfall) reasons.push(shortfall);
  if (gate.mutation && evidence.mutation) {
    const m = judgeMutation(evidence.mutation.report, gate.mutation.min_score, evidence.mutation.digest);
    if (!m.ok) reasons.push({ code: 'mutation_score', message: evidence.mutation.problem ?? m.message });
  }
  return { ...judged, pass: reasons.length === 0, reasons };
}
