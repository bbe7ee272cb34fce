import path from 'node:path';
import { rmSync } from 'node:fs';
import { generatedProject } from './evals.ts';
import { measure } from './measure.ts';
import type { BenchResult } from './stats.ts';

const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'tollgate.js');
const SIZES = [1000, 4000, 20000];

/**
 * Peak memory of a whole-process eval as the cases grow, on a first run and on the next (parsed
 * YAML cached): results stream to a case log and the report writers, so memory should not grow
 * with the cases. Takes about three minutes.
 */
export async function benchMemory(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const cases of SIZES) {
    const root = generatedProject(cases);
    const evalOnce = () => measure(process.execPath, [BIN, 'eval', '--concurrency', '8', '--out', path.join(root, 'reports')], root, { CI: '1', TOLLGATE_LOG: 'off' });
    const first = evalOnce();
    const again = evalOnce();
    rmSync(root, { recursive: true, force: true });
    for (const [when, m] of [['first run', first], ['files unchanged', again]] as const) {
      out.push({ name: `tollgate eval (whole process), ${cases.toLocaleString('en')} cases, ${when}`, figures: { wall_seconds: m.seconds, ...(m.peakMb !== null ? { peak_rss_mb: m.peakMb } : {}) } });
    }
  }
  return out;
}
