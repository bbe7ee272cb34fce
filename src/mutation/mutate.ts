import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Baseline } from '../evals/index.ts';
import { evaluateCase, selectCases } from '../evals/index.ts';
import { digestOf, TollgateError, UsageError } from '../shared/index.ts';
import { Workbench } from '../workbench/index.ts';
import { generateMutants } from './generate.ts';
import { OPERATORS } from './operators/index.ts';
import type { GateConfig } from '../workflow/index.ts';
import { mutationReport } from './report.ts';
import { gateObjection, runMutants } from './run.ts';
import { profileOf, type CaseProfile } from './case-order.ts';
import type { MutantResult, MutationReport } from './types.ts';

/**
 * The digest of everything a mutation score depends on: definitions, gold cases, model scripts,
 * the mocked tool world, the baseline (drift kills) and the operators run.
 */
export function suiteDigest(wb: Workbench, operators: readonly string[], baseline: Baseline | undefined): string {
  const cases = Object.fromEntries(wb.definitions.goldCases.map((c) => [c.source.file, c.source.text]));
  const scripts = Object.fromEntries([...new Set(wb.definitions.goldCases.map((c) => c.value.model_script))].sort().map((f) => [f, readIfThere(path.join(wb.root, f))]));
  const toolsDir = path.join(wb.root, 'fixtures', 'tools');
  const world = existsSync(toolsDir) ? Object.fromEntries(readdirSync(toolsDir).sort().map((f) => [f, readIfThere(path.join(toolsDir, f))])) : {};
  return `sha256:${digestOf({ definitions: wb.snapshot, cases, scripts, world, baseline: baseline ?? null, operators: [...operators].sort() })}`;
}

/** The operators a run uses: those asked for, else gate.yaml's, else all. */
export function operatorsFor(gate: GateConfig | undefined, asked?: readonly string[]): string[] {
  return [...(asked ?? gate?.mutation?.operators ?? OPERATORS.map((o) => o.id))];
}

function readIfThere(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export interface MutateOptions {
  readonly baseline: Baseline | undefined;
  readonly operators?: readonly string[];
  readonly concurrency?: number;
  readonly onMutant?: (done: number, total: number, r: MutantResult) => void;
  /** Cases that just passed the gate unmutated (by key), with what their runs touched: not run again. */
  readonly passed?: ReadonlyMap<string, CaseProfile>;
}

/**
 * Mutation testing of a project's definitions: every mutant runs the gold suite in this process
 * (a scratch database, no trace files); the suite must pass the gate unmutated first (the gate
 * hands over the cases it has just passed).
 */
export async function mutateProject(root: string, o: MutateOptions): Promise<MutationReport> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tollgate-mutate-'));
  const wb = Workbench.open(root, { dbPath: path.join(scratch, 'mutate.db'), traces: false });
  try {
    const gate = wb.definitions.gate?.value;
    if (!gate) throw new TollgateError('TG_NO_GATE', 'no evals/gate.yaml: mutation testing judges mutants the way the gate judges changes');
    const began = Date.now();
    const operators = operatorsFor(gate, o.operators);
    const cases = selectCases(wb.definitions.goldCases, {});
    const passed = o.passed ?? new Map<string, CaseProfile>();
    const clean = await wb.batchingCommits(() => Promise.all(cases.filter((c) => !passed.has(`${c.value.workflow}/${c.value.id}`)).map((c) => evaluateCase(wb, c))));
    const red = clean.flatMap((c) => {
      const why = gateObjection(c, gate, o.baseline);
      return why ? [`${c.key}: ${why}`] : [];
    });
    if (red.length) throw new TollgateError('TG_MUTATE_RED', `the gold suite must pass the gate before its mutants mean anything; failing now:\n  ${red.slice(0, 5).join('\n  ')}`);
    let mutants;
    try {
      mutants = generateMutants({ definitions: wb.definitions, files: wb.snapshot }, operators);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const ignore = new Map((gate.mutation?.ignore ?? []).map((i) => [i.mutant, i.reason]));
    const profiles = new Map([...passed, ...clean.map((c) => [c.key, profileOf(wb.journal(c.run_id), wb.runs.get(c.run_id)!.env, c.end)] as const)]);
    const results = await wb.batchingCommits(() => runMutants(wb, mutants, cases, { gate, baseline: o.baseline, concurrency: o.concurrency ?? 8, ignore, profiles, ...(o.onMutant ? { onMutant: o.onMutant } : {}) }));
    return mutationReport(results, cases.length, Date.now() - began, suiteDigest(wb, operators, o.baseline), operators);
  } finally {
    await wb.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
