import type { Definitions } from '../workflow/index.ts';

/** One file of the project before and after a mutation. */
export interface FileEdit {
  readonly file: string;
  readonly before: string;
  readonly after: string;
}

/** A deliberately broken variant of the definitions that a strong gold suite must notice. */
export interface Mutant {
  /** Stable and readable: `drop-deny-rule@workflows/policies/support-default.yaml#tools.deny[0]`. */
  readonly id: string;
  readonly operator: string;
  readonly description: string;
  readonly edits: readonly FileEdit[];
  /** Workflows whose runs can see the change; their gold cases are the ones run. */
  readonly workflows: readonly string[];
  /** The gold case that would kill it, should it survive. */
  readonly hint: string;
  /** What a case must touch to notice it (tool globs, steps, an environment, end states): such cases run first. */
  readonly focus?: Focus;
}

export interface Focus {
  readonly tools?: readonly string[];
  readonly steps?: readonly string[];
  readonly env?: string;
  readonly ends?: readonly string[];
}

/** What operators read: the project's definitions and each file's text. */
export interface MutationSubject {
  readonly definitions: Definitions;
  readonly files: Readonly<Record<string, string>>;
}

export interface MutationOperator {
  readonly id: string;
  readonly title: string;
  generate(subject: MutationSubject): Mutant[];
}

export type MutantStatus = 'killed' | 'survived' | 'ignored';

export interface MutantResult {
  readonly id: string;
  readonly operator: string;
  readonly description: string;
  readonly status: MutantStatus;
  /** What noticed it: a gold case (and why it failed) or validation of the definitions. */
  readonly killed_by?: { readonly case?: string; readonly validation?: boolean; readonly reason: string };
  readonly ignored_because?: string;
  readonly diff: string;
  readonly hint: string;
  readonly cases_run: number;
}

export interface MutationReport {
  readonly tollgate_mutation: 1;
  readonly created_at: string;
  /** What was tested: the definitions, gold cases and model scripts (a report of other files is stale). */
  readonly suite_digest: string;
  /** The operators that made the mutants (a report of fewer says nothing about the others). */
  readonly operator_ids: readonly string[];
  /** Killed share of the mutants not ignored, 0..1. */
  readonly score: number;
  readonly total: number;
  readonly killed: number;
  /** Of the killed: refused by validation (a gold case names what the mutant removed), not by a run. */
  readonly killed_by_validation: number;
  readonly survived: number;
  readonly ignored: number;
  readonly cases: number;
  readonly case_runs: number;
  readonly duration_ms: number;
  readonly operators: Record<string, { readonly total: number; readonly killed: number; readonly survived: number }>;
  readonly mutants: readonly MutantResult[];
}
