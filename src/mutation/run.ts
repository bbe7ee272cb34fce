import { createTwoFilesPatch } from 'diff';
import { describeDrift, driftOf, driftRules, evaluateCase, type Baseline, type CaseReport } from '../evals/index.ts';
import { DefinitionsInvalidError, type DefinitionSnapshot, type Workbench } from '../workbench/index.ts';
import type { GateConfig, GoldCase, Loaded } from '../workflow/index.ts';
import type { Mutant, MutantResult } from './types.ts';
import { mapConcurrent } from '../shared/index.ts';
import { orderCases, type CaseProfile } from './case-order.ts';

export interface MutantRunOptions {
  readonly gate: GateConfig;
  readonly baseline: Baseline | undefined;
  /** Mutants in flight at once (each runs its cases one after another, stopping at the first that fails). */
  readonly concurrency: number;
  readonly ignore: ReadonlyMap<string, string>;
  /** What each case's unmutated run touched, to run the likely killers first. */
  readonly profiles?: ReadonlyMap<string, CaseProfile>;
  readonly onMutant?: (done: number, total: number, r: MutantResult) => void;
}

/** Why a case run under a mutant fails the gate: a failing scorer, or drift the gate fails on. */
export function gateObjection(c: CaseReport, gate: GateConfig, baseline: Baseline | undefined): string | undefined {
  if (!c.pass) return c.scores.filter((s) => !s.pass).map((s) => `${s.scorer}: ${s.reason}`).join('; ');
  const before = baseline?.cases[c.key];
  if (!before) return undefined;
  const failing = driftOf(c.key, before, c, driftRules(gate)).filter((d) => d.severity === 'fail');
  return failing.length ? failing.map(describeDrift).join('; ') : undefined;
}

/**
 * Runs each mutant's gold cases in one workbench (one process, one database): a mutant is killed
 * by validation or by the first case the gate would fail; it survives when every case passes.
 */
export async function runMutants(wb: Workbench, mutants: readonly Mutant[], cases: readonly Loaded<GoldCase>[], o: MutantRunOptions): Promise<MutantResult[]> {
  return mapConcurrent(mutants, o.concurrency, (m) => runMutant(wb, m, cases, o), o.onMutant);
}

async function runMutant(wb: Workbench, m: Mutant, cases: readonly Loaded<GoldCase>[], o: MutantRunOptions): Promise<MutantResult> {
  const base = { id: m.id, operator: m.operator, description: m.description, diff: diffOf(m), hint: m.hint };
  const ignored = o.ignore.get(m.id);
  if (ignored !== undefined) return { ...base, status: 'ignored', ignored_because: ignored, cases_run: 0 };
  const snapshot: DefinitionSnapshot = { ...wb.snapshot, ...Object.fromEntries(m.edits.map((e) => [e.file, e.after])) };
  try {
    wb.definitionsOf(snapshot);
  } catch (error) {
    if (!(error instanceof DefinitionsInvalidError)) throw error;
    // Broken YAML is the operator's fault, not a kill: say so loudly rather than count it.
    const syntax = error.lines.find((l) => l.includes(' TG_YAML_SYNTAX: '));
    if (syntax) throw new Error(`mutation operator ${m.operator} wrote invalid YAML for ${m.id}: ${syntax}`);
    return { ...base, status: 'killed', killed_by: { validation: true, reason: error.lines[0] ?? error.message }, cases_run: 0 };
  }
  const mine = orderCases(cases.filter((c) => m.workflows.includes(c.value.workflow)), m.focus, o.profiles ?? new Map());
  let run = 0;
  for (const loaded of mine) {
    run++;
    // A run that ends badly is a verdict; an exception here is a bug in tollgate and propagates.
    const report = await evaluateCase(wb, loaded, { snapshot });
    const objection = gateObjection(report, o.gate, o.baseline);
    if (objection) return { ...base, status: 'killed', killed_by: { case: report.key, reason: objection }, cases_run: run };
  }
  return { ...base, status: 'survived', cases_run: run };
}

function diffOf(m: Mutant): string {
  return m.edits.map((e) => createTwoFilesPatch(`a/${e.file}`, `b/${e.file}`, e.before, e.after, '', '', { context: 1 }).split('\n').slice(1).join('\n')).join('');
}
