import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { percentile, type BenchResult } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'tollgate.js');
const TIME = '/usr/bin/time';

/** Wall time (median, p95) and peak memory of whole commands, side by side with a bare `node -e 0`. */
export function benchCliStart(): BenchResult[] {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('bench cli: run npm run build first (the CLI ships compiled)');
  const commands: [string, string[]][] = [['node -e 0', ['-e', '0']], ['tollgate --help', [BIN, '--help']], ['tollgate --version', [BIN, '--version']]];
  return commands.map(([name, args]) => {
    const ms: number[] = [];
    let peakKb = 0;
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const r = existsSync(TIME) ? spawnSync(TIME, ['-f', '%M', process.execPath, ...args], { encoding: 'utf8' }) : spawnSync(process.execPath, args, { encoding: 'utf8' });
      ms.push(performance.now() - started);
      peakKb = Math.max(peakKb, Number(/(\d+)\s*$/.exec(r.stderr ?? '')?.[1] ?? 0));
    }
    return { name: `start: ${name}`, figures: { median_ms: percentile(ms, 50), p95_ms: percentile(ms, 95), peak_rss_mb: Math.round(peakKb / 102.4) / 10 } };
  });
}
