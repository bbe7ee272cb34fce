/** One row of a run's append-only journal. */
export interface JournalRow {
  readonly seq: number;
  readonly kind: string;
  readonly stepKey: string;
  readonly attempt: number;
  readonly inputSha256: string | null;
  readonly data: unknown;
  readonly ts: number;
}
