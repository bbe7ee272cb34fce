import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBundle, MUTATION_PATH, REPORT_PATH, type BundleFile, type ReleasePredicate } from '../bundle/index.ts';
import { projectCoverage } from '../coverage/index.ts';
import { baselineOf, MemoryCaseLog, reportJsonPieces, runEval, type Baseline, type EvalReport, type GateVerdict } from '../evals/index.ts';
import { gateVerdict, mutationEvidence } from '../gate/index.ts';
import { sha256Hex, TollgateError, UsageError } from '../shared/index.ts';
import type { Workbench } from '../workbench/index.ts';

export interface ReleaseRequest {
  readonly privateKeyPem: string;
  /** Undefined: one past the newest bundle in `outDir`. */
  readonly version?: number;
  readonly ttlMs: number;
  readonly outDir: string;
  /** The committed baseline, as the gate reads it. */
  readonly baseline: Baseline | undefined;
  /** A promoted canary report's bytes, bundled and named in the statement. */
  readonly canary?: { file: string; bytes: Buffer };
}

export type ReleaseResult =
  | { readonly released: false; readonly verdict: GateVerdict }
  | { readonly released: true; readonly file: string; readonly version: number; readonly files: number; readonly report: EvalReport };

/**
 * The release host: runs the gate on the project and, only when it passes, writes a signed
 * bundle of the definitions, the report (with every case), the mutation report and the canary.
 */
export async function makeRelease(wb: Workbench, r: ReleaseRequest): Promise<ReleaseResult> {
  const version = r.version ?? lastVersion(r.outDir) + 1;
  const gate = wb.definitions.gate?.value;
  if (!gate) throw new TollgateError('TG_NO_GATE', 'no evals/gate.yaml: a release needs a gate');
  const canary = r.canary && promotedCanary(r.canary);
  const log = new MemoryCaseLog();
  const report = await runEval(wb, { concurrency: 4, log });
  const coverage = projectCoverage(wb.definitions, report.cases);
  let verdict = gateVerdict(report, gate, { baseline: r.baseline, coverage });
  // Every release records its suite's mutation score, required by gate.yaml or not.
  const mutation = verdict.pass ? await mutationEvidence(wb, 'reports', r.baseline, report.cases) : undefined;
  if (mutation) verdict = gateVerdict(report, gate, { baseline: r.baseline, coverage, mutation });
  if (!verdict.pass) return { released: false, verdict };

  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = {};
  for (const [file, text] of Object.entries(wb.snapshot)) files[file] = encoder.encode(text);
  const project = wb.definitions.project!.value;
  const models = Object.fromEntries([...new Set([project.models.default, ...Object.values(project.models.routes)])].map((m) => [m, project.models.digests[m] ?? 'unpinned']));
  files['models.json'] = encoder.encode(`${JSON.stringify({ routes: project.models.routes, default: project.models.default, digests: models }, null, 2)}\n`);
  if (canary) files['canary.json'] = r.canary!.bytes;
  const scored = mutation?.report;
  if (scored) files[MUTATION_PATH] = encoder.encode(`${JSON.stringify(scored, null, 2)}\n`);
  files[REPORT_PATH] = encoder.encode([...reportJsonPieces(report, log, { baseline: r.baseline ? baselineOf(report) : null, verdict })].join(''));
  const now = new Date();
  const bundle: BundleFile = createBundle(files, {
    name: project.name, version, created: now.toISOString(), expires: new Date(now.getTime() + r.ttlMs).toISOString(), git_commit: gitCommit(wb.root),
    gate: { pass: true, cases: report.totals.cases, passed: report.totals.passed },
    report_digest: { sha256: sha256Hex(files[REPORT_PATH]) }, models, canary: canary ?? null,
    mutation: scored ? { score: scored.score, killed: scored.killed, survived: scored.survived, ignored: scored.ignored, total: scored.total, suite_digest: mutation!.digest, sha256: sha256Hex(files[MUTATION_PATH]!) } : null,
    coverage: { ratio: coverage.totals.ratio, covered: coverage.totals.covered, total: coverage.totals.total },
  }, r.privateKeyPem);
  mkdirSync(r.outDir, { recursive: true });
  const file = path.join(r.outDir, `${project.name}-v${version}.bundle.json`);
  if (existsSync(file)) throw new UsageError(`${file} exists: release a higher --version`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(bundle)}\n`);
  renameSync(`${file}.tmp`, file);
  return { released: true, file, version, files: Object.keys(files).length, report };
}

/** The canary report's part of the statement; only a promoted candidate may ship. */
function promotedCanary(c: { file: string; bytes: Buffer }): NonNullable<ReleasePredicate['canary']> {
  const parsed = JSON.parse(c.bytes.toString('utf8')) as { tollgate_canary?: number; verdict?: string; baseline?: { model: string }; candidate?: { model: string } };
  if (parsed.tollgate_canary !== 1) throw new UsageError(`${c.file} is not a tollgate canary report`);
  if (parsed.verdict !== 'promote') throw new UsageError(`${c.file} says ${parsed.verdict}: only a promoted candidate may ship`);
  return { verdict: parsed.verdict, baseline: parsed.baseline!.model, candidate: parsed.candidate!.model, sha256: sha256Hex(c.bytes) };
}

function lastVersion(dir: string): number {
  if (!existsSync(dir)) return 0;
  return Math.max(0, ...readdirSync(dir).map((f) => Number(/-v(\d+)\.bundle\.json$/.exec(f)?.[1] ?? 0)));
}

function gitCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
