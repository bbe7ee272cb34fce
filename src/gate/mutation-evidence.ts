import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Baseline, CaseSummary } from '../evals/index.ts';
import { mutateProject, mutationMarkdown, operatorsFor, profileOf, suiteDigest, type MutantResult, type MutationReport } from '../mutation/index.ts';
import type { Workbench } from '../workbench/index.ts';
import { TollgateError } from '../shared/index.ts';

/**
 * The mutation report for the suite as it is: `<out>/mutation.json` when it was made for these
 * very definitions, gold cases and scripts (tollgate mutate writes it), else a fresh run, written
 * there. A stale report is never used.
 */
export async function mutationEvidence(wb: Workbench, out: string, baseline: Baseline | undefined, passed: readonly CaseSummary[], onMutant?: (done: number, total: number, r: MutantResult) => void): Promise<MutationEvidence> {
  const digest = suiteDigest(wb, operatorsFor(wb.definitions.gate?.value), baseline);
  const file = path.join(out, 'mutation.json');
  const previous = existsSync(file) ? readReport(file) : undefined;
  if (previous?.suite_digest === digest) return { report: previous, digest, reused: true };
  // The cases that just passed the gate need no second clean run; what their runs touched orders the mutants' cases.
  // Only scripted runs stand for the clean suite: a case that passed against a live model says nothing of its script.
  const profiles = new Map(passed.filter((c) => c.pass && c.latency_source === 'modelled' && wb.runs.get(c.run_id)).map((c) => [c.key, profileOf(wb.journal(c.run_id), wb.runs.get(c.run_id)!.env, c.end)] as const));
  // MSW patches the process's fetch: one workbench intercepts at a time, and the mutants get their own.
  await wb.stopMocks();
  try {
    const report = await mutateProject(wb.root, { baseline, passed: profiles, ...(onMutant ? { onMutant } : {}) });
    writeMutationReports(out, report);
    return { report, digest, reused: false };
  } catch (error) {
    // A suite the thresholds let through with a failing case has no meaningful score: say why, write the rest.
    if (error instanceof TollgateError && error.code === 'TG_MUTATE_RED') return { report: undefined, digest, reused: false, problem: error.message };
    throw error;
  }
}

export interface MutationEvidence {
  readonly report: MutationReport | undefined;
  readonly digest: string;
  readonly reused: boolean;
  /** Why there is no report. */
  readonly problem?: string;
}

export function writeMutationReports(out: string, report: MutationReport): void {
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'mutation.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(out, 'mutation.md'), mutationMarkdown(report));
}

function readReport(file: string): MutationReport | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as MutationReport;
    return parsed.tollgate_mutation === 1 ? parsed : undefined;
  } catch {
    return undefined;
  }
}
