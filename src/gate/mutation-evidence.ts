import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Baseline } from '../evals/index.ts';
import { mutateProject, mutationMarkdown, suiteDigest, type MutantResult, type MutationReport } from '../mutation/index.ts';
import type { Workbench } from '../workbench/index.ts';

/**
 * The mutation report for the suite as it is: `<out>/mutation.json` when it was made for these
 * very definitions, gold cases and scripts (tollgate mutate writes it), else a fresh run, written
 * there. A stale report is never used.
 */
export async function mutationEvidence(wb: Workbench, out: string, baseline: Baseline | undefined, onMutant?: (done: number, total: number, r: MutantResult) => void): Promise<{ report: MutationReport; digest: string; reused: boolean }> {
  const digest = suiteDigest(wb);
  const file = path.join(out, 'mutation.json');
  const previous = existsSync(file) ? readReport(file) : undefined;
  if (previous?.suite_digest === digest) return { report: previous, digest, reused: true };
  // MSW patches the process's fetch: one workbench intercepts at a time, and the mutants get their own.
  await wb.stopMocks();
  const report = await mutateProject(wb.root, { baseline, ...(onMutant ? { onMutant } : {}) });
  writeMutationReports(out, report);
  return { report, digest, reused: false };
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
