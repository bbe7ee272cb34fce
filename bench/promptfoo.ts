import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedProject, GENERATED_CASES } from './evals.ts';
import type { BenchResult } from './stats.ts';
import { measure } from './measure.ts';

const PROMPTFOO = '0.121.20'; // its last release that runs on Node 20
const DIR = path.resolve(import.meta.dirname, '..', '.bench', 'promptfoo');
const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'tollgate.js');

/** Installs promptfoo into a folder of its own, on demand: never a project dependency. */
function ensurePromptfoo(): string {
  const bin = path.join(DIR, 'node_modules', '.bin', 'promptfoo');
  if (existsSync(bin)) return bin;
  mkdirSync(DIR, { recursive: true });
  writeFileSync(path.join(DIR, 'package.json'), '{ "name": "tollgate-bench-promptfoo", "private": true }\n');
  process.stdout.write(`(installing promptfoo@${PROMPTFOO} into ${DIR}, once)\n`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `promptfoo@${PROMPTFOO}`], { cwd: DIR, stdio: 'inherit' });
  return bin;
}

/**
 * The same 1,000 cases side by side, each tool as a whole process: tollgate's eval (6 steps per case
 * through the engine, MSW and SQLite) and promptfoo's (one scripted provider call and two asserts per
 * case). promptfoo judges single prompts, so its cases do less work: read the figures with that in mind.
 */
export async function benchPromptfoo(): Promise<BenchResult[]> {
  const root = generatedProject();
  const evalOnce = (workers = 1) => measure(process.execPath, [BIN, 'eval', '--concurrency', '8', '--workers', String(workers), '--out', path.join(root, 'reports')], root, { CI: '1', TOLLGATE_LOG: 'off' });
  const tollgate = evalOnce();
  // The next eval of unchanged files, as on a developer's machine: the parsed YAML comes from .tollgate/cache.
  const again = evalOnce();
  // The same on two threads (the second with a database of its own, joined at the end).
  const twoWorkers = evalOnce(2);
  rmSync(root, { recursive: true, force: true });

  const bin = ensurePromptfoo();
  const work = path.join(DIR, 'run');
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, 'provider.mjs'), "export default class { id() { return 'scripted:bench'; } async callApi() { return { output: '{\"category\":\"a\"}', tokenUsage: { total: 12, prompt: 8, completion: 4 } }; } }\n");
  const tests = Array.from({ length: GENERATED_CASES }, (_, i) => ({ vars: { id: `R-${i}`, text: `request number ${i}` } }));
  writeFileSync(path.join(work, 'promptfooconfig.json'), JSON.stringify({
    description: 'tollgate bench', prompts: ['Classify the request: {{text}}'], providers: ['file://provider.mjs'], tests,
    defaultTest: { assert: [{ type: 'is-json' }, { type: 'javascript', value: 'JSON.parse(output).category === "a"' }] },
  }));
  const env = { PROMPTFOO_DISABLE_TELEMETRY: '1', PROMPTFOO_DISABLE_UPDATE: '1', PROMPTFOO_CONFIG_DIR: path.join(work, '.promptfoo') };
  const pf = measure(bin, ['eval', '-c', 'promptfooconfig.json', '--no-cache', '--max-concurrency', '8', '--no-progress-bar', '--no-table', '-o', 'out.json'], work, env);
  const stats = (JSON.parse(readFileSync(path.join(work, 'out.json'), 'utf8')) as { results: { stats: { successes: number } } }).results.stats;
  if (stats.successes !== GENERATED_CASES) throw new Error(`promptfoo: ${stats.successes}/${GENERATED_CASES} passed`);
  const row = (m: { seconds: number; peakMb: number | null }) => ({ wall_seconds: m.seconds, cases_per_s: Math.round((GENERATED_CASES / m.seconds) * 10) / 10, ...(m.peakMb !== null ? { peak_rss_mb: m.peakMb } : {}) });
  return [
    { name: `tollgate eval (whole process): ${GENERATED_CASES} cases, 6 steps each, first run`, figures: row(tollgate) },
    { name: 'tollgate eval again, the files unchanged (parsed YAML cached)', figures: row(again) },
    { name: 'tollgate eval again on 2 threads (--workers 2)', figures: row(twoWorkers) },
    { name: `promptfoo ${PROMPTFOO} eval (whole process): ${GENERATED_CASES} cases, 1 provider call + 2 asserts each`, figures: row(pf) },
  ];
}
