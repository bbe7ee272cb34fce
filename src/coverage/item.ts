import type { PathSegment, SourceFile } from '../workflow/index.ts';
import type { CoverageKind, CoverageSide } from './keys.ts';

/** One thing the gold cases should exercise, with the sides it can come out on. */
export interface CoverageItem {
  readonly key: string;
  readonly kind: CoverageKind;
  /** The pack or workflow it belongs to. */
  readonly owner: string;
  readonly label: string;
  readonly file: string;
  readonly line: number;
  /** Workflows it applies to (a pack's items: every workflow that uses the pack). */
  readonly workflows: readonly string[];
  readonly sides: readonly CoverageSide[];
}

/** The line of the entry at `path` in a definition file: its key in a map, the item in a list. */
export function lineOf(source: SourceFile, path: readonly PathSegment[]): number {
  const last = path.at(-1);
  return (typeof last === 'string' ? source.atKey(path.slice(0, -1), last, 'coverage', '') : source.at(path, 'coverage', '')).line;
}
