import type { RunDefinitions } from '../engine/index.ts';
import type { JournalRow, RunRecord } from '../core/index.ts';
import type { GateConfig, GoldCase } from '../workflow/index.ts';

/** A gold case after its run: what every scorer reads. */
export interface CaseRun {
  readonly goldCase: GoldCase;
  /** The gold case file, relative to the project root (annotations point at it). */
  readonly file: string;
  readonly run: RunRecord;
  readonly journal: readonly JournalRow[];
  /** The definitions the run executed under (connectors, packs, workflow, project). */
  readonly definitions: RunDefinitions;
}

export interface ScoreResult {
  readonly scorer: string;
  /** 0..1 */
  readonly score: number;
  readonly pass: boolean;
  /** For people: why it passed or failed. */
  readonly reason: string;
  /** Where in the gold case the first expectation that failed is written (`['expect', 'end']`). */
  readonly at?: readonly (string | number)[];
  /** The line of `at` in the gold case file (set by the runner; annotations point there). */
  readonly line?: number;
  readonly details?: Record<string, unknown>;
}

/** One scorer: a pure function of a case run (and the gate config), one file each. */
export interface Scorer {
  readonly name: string;
  score(run: CaseRun, gate: GateConfig | undefined): ScoreResult;
}
