export interface BenchResult {
  readonly name: string;
  readonly figures: Record<string, number>;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank]! * 10) / 10;
}

export function printResults(results: readonly BenchResult[]): void {
  for (const r of results) {
    process.stdout.write(`${r.name}\n${Object.entries(r.figures).map(([k, v]) => `  ${k.padEnd(14)} ${v}`).join('\n')}\n`);
  }
}
